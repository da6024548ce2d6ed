"""Render the real window into PNG files for the README (``make screenshots``).

Run under a virtual screen::

    xvfb-run -a -s "-screen 0 1600x1000x24" python -m scripts.screenshots docs/screenshots

A library is built in a temporary folder from the bundled briefing, the
window is opened at 1500x900 and driven the way a user would: select a claim,
type a search, write notes, switch to the dark palette.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from briefing_app.services.library import Library
from briefing_app.ui.app import application, create_main_window
from briefing_app.ui.background import running
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.palette import DARK, LIGHT

SIZE = (1500, 900)
NOTES = (
    "Cross-check with the ISW map of 6 Dec: Rastan and Talbiseh both shown as contested, "
    "not captured.",
    "The Examiner gives no source for the Russian and Iranian aid; ask the desk for the "
    "Reuters wire of the same day.",
)


def settle(seconds: float = 0.4) -> None:
    """Let Qt lay out and paint, and the worker threads' counts and searches come back."""
    app = QApplication.instance()
    deadline = time.monotonic() + seconds
    while app is not None and (time.monotonic() < deadline or running()):
        app.processEvents()
        time.sleep(0.01)


def shoot(window: MainWindow, target: Path) -> None:
    """Save what the window shows now."""
    settle()
    if not window.grab().save(str(target)):
        raise SystemExit(f"could not write {target}")
    print(target)


def main(argv: list[str]) -> int:
    """Write main.png, search.png, notes.png and dark.png into the folder given."""
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    application()
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "library.db", seed=True)
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = create_main_window(library, settings)
        window.colours.set(LIGHT, save=False)
        window.resize(*SIZE)
        window.show()
        window.activateWindow()
        window.claims.select_claim(9)
        window.claims.setFocus()
        shoot(window, out / "main.png")

        window.search.focus()
        window.search.edit.setText("russian")
        settle(0.5)
        window.claims.select_row(1)
        window.search.focus()
        window.search.edit.deselect()
        shoot(window, out / "search.png")

        window.search.clear()
        for body in NOTES:
            library.add_note(10, body)
        window.library_changed.emit()
        window.claims.select_claim(10)
        window.notes.reload()
        window.notes.focus_editor()
        shoot(window, out / "notes.png")

        window.colours.set(DARK, save=False)
        window.claims.select_claim(11)
        window.claims.setFocus()
        shoot(window, out / "dark.png")
        window.close()
        library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
