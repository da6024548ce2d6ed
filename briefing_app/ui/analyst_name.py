"""The analyst's name as a preference: what notes, filings, grades and imports record.

Set once in the window (Edit > Your name…) and kept in the settings; it wins over
``BRIEFING_APP_ANALYST`` and the database role (see ``services.analyst``).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from briefing_app.domain.text import clean_name
from briefing_app.services.library import Library
from briefing_app.ui.dialogs.messages import ask_text

NAME_KEY = "analyst/name"


def apply_saved_name(library: Library, settings: QSettings) -> None:
    """Record the library's changes under the name saved in the settings, if one is."""
    saved = clean_name(str(settings.value(NAME_KEY, "") or ""))
    if saved:
        library.analyst = saved


def ask_name(parent: QWidget, library: Library, settings: QSettings) -> str | None:
    """Ask the analyst's name; keep and apply it; return it (None if cancelled or blank)."""
    typed = ask_text(
        parent,
        "Your name",
        "Your notes, filings, grades and imports are recorded under this name:",
        library.analyst,
    )
    name = clean_name(typed or "")
    if not name:
        return None
    library.analyst = name
    settings.setValue(NAME_KEY, name)
    return name
