"""Drive a real window whose note editor autosaves, for the crash and SIGTERM tests.

Usage: python tests/window_writer.py LIBRARY SETTINGS_FILE. Types ``w0000 w0001 …`` into
the first claim's note editor, one word every 40 ms, printing ``TYPED <length>`` after
each word and ``ACK <length>`` after each autosave has been committed.
"""

from __future__ import annotations

import os
import sys
from itertools import count
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402

from briefing_app.services.library import Library  # noqa: E402
from briefing_app.ui.app import application, create_main_window, save_notes_on_quit  # noqa: E402

TYPE_MS = 40


def words() -> str:
    """Return the text the writer types, as far as anyone will need it."""
    return "".join(f"w{n:04d} " for n in range(10_000))


def main() -> int:
    app = application()
    library = Library.open(Path(sys.argv[1]))
    window = create_main_window(library, QSettings(sys.argv[2], QSettings.Format.IniFormat))
    window.show()
    save_notes_on_quit(app, window)
    window.claims.select_row(0)
    editor = window.notes.editor
    numbers = count()

    def type_word() -> None:
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        editor.insertPlainText(f"w{next(numbers):04d} ")
        print(f"TYPED {len(editor.toPlainText())}", flush=True)

    window.notes.notes_changed.connect(
        lambda _claim: print(f"ACK {len(window.notes.saved_text())}", flush=True)
    )
    typing = QTimer(window)
    typing.timeout.connect(type_word)
    typing.start(TYPE_MS)
    print("READY", flush=True)
    try:
        return app.exec()
    finally:
        library.close()


if __name__ == "__main__":
    sys.exit(main())
