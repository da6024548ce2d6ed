"""File > Open library file… and Open team library…: ask which library to open next.

The window closes and opens again on the chosen library (``ui.app``); a URL is
checked first, so that a typing mistake is told here and the window stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from briefing_app.domain.errors import BriefingError
from briefing_app.services.paths import checked_team_library_url
from briefing_app.ui.dialogs.messages import show_error

if TYPE_CHECKING:
    from briefing_app.services.library import Library
    from briefing_app.ui.main_window import MainWindow

LAST_URL_KEY = "library/last_team_url"
URL_PROMPT = (
    "Server URL, e.g. postgresql://analyst@dbhost:5432/team?sslmode=require\n"
    "The password comes from ~/.pgpass, PGPASSWORD or the service file, never from here."
)


def ask_library_file(parent: QWidget, current: str) -> str | None:
    """Return the library file the user chose, or None if they cancelled."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, "Open library file", current, "Briefing libraries (*.db);;All files (*)"
    )
    return path or None


def ask_team_library(parent: QWidget, settings: QSettings) -> str | None:
    """Return a checked team library URL the user typed, or None if they cancelled.

    A URL that cannot be one (or holds a password) is explained and asked again.
    """
    last = str(settings.value(LAST_URL_KEY, "") or "")
    while True:
        text, accepted = QInputDialog.getText(
            parent, "Open team library", URL_PROMPT, QLineEdit.EchoMode.Normal, last
        )
        if not accepted or not text.strip():
            return None
        try:
            url = checked_team_library_url(text.strip())
        except BriefingError as error:
            show_error(parent, "Not a team library URL", str(error))
            continue
        settings.setValue(LAST_URL_KEY, url)
        return url


def open_another(window: MainWindow, library: Library, settings: QSettings, *, team: bool) -> None:
    """Ask which library to open next (a file, or a team library's URL); the app reopens.

    The note being typed is saved first; the window then asks the app (``ui.app``),
    through ``open_requested``, to close and open again on the chosen library.
    """
    if team:
        chosen = ask_team_library(window, settings)
    else:
        current = library.file
        chosen = ask_library_file(window, str(current.parent) if current is not None else "")
    if chosen:
        window.notes.flush()
        window.open_requested.emit(chosen)
