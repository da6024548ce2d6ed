"""Press the menus' keys in the search box of a real window on an X server (Xvfb).

Usage: QT_QPA_PLATFORM=xcb python tests/x11_window_keys.py FOLDER. On X11 Qt gives
line edits Emacs keys (Ctrl+E: end of line); prints ``EXPORT <n>`` (how often Ctrl+E
in the search box reached File > Export) and ``SELECTED <text>`` (Ctrl+A there still
selects the query), then ``PLATFORM <name>``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from briefing_app.services.library import Library
from briefing_app.ui.app import application, create_main_window
from tests.conftest import SEED


def main() -> int:
    folder = Path(sys.argv[1])
    app = application()
    library = Library.open(folder / "library.db")
    library.import_files([SEED])
    window = create_main_window(
        library, QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    )
    exported: list[bool] = []
    export = window.action_map["export"]
    export.triggered.disconnect()  # the real slot opens a modal dialog
    export.triggered.connect(lambda _checked=False: exported.append(True))
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    QTest.qWait(50)
    edit = window.search.edit
    edit.setFocus()
    QTest.keyClicks(edit, "homs")
    QTest.keyClick(edit, Qt.Key.Key_Home)
    QTest.keyClick(edit, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    print(f"EXPORT {len(exported)}")
    print(f"SELECTED {edit.selectedText()}")
    print(f"PLATFORM {QApplication.platformName()}")
    window.close()
    library.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
