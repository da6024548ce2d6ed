"""File > Restore backup…: choose one of the library's backups to put back in place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from briefing_app.services.backups import from_other_library, list_backups
from briefing_app.ui.dialogs.choice_dialog import Choice, ChoiceDialog
from briefing_app.ui.dialogs.messages import ask
from briefing_app.ui.notes.note_list_model import local_time


def backup_choices(library: Path) -> list[Choice]:
    """Return one row per backup of the library, newest first."""
    return [
        Choice(f"{local_time(b.taken)} · {b.path.name}", str(b.path), b.path)
        for b in list_backups(library)
    ]


def confirmation(library: Path, backup: Path) -> str:
    """Return the question asked before a restore; it warns of a backup of another library."""
    question = (
        f"Replace the library with the backup {backup.name}?\n\n"
        "The library as it is now is backed up first, so this can be undone "
        "by restoring that copy."
    )
    if from_other_library(library, backup):
        question = (
            f"Warning: {backup.name} is a backup of ANOTHER library, not of {library.name}. "
            "Restoring it replaces every document and note of this library with that "
            "library's.\n\n" + question
        )
    return question


def restore_backup_dialog(
    library: Path, chosen: Callable[[Path], None], parent: QWidget | None = None
) -> ChoiceDialog:
    """Return the dialog; ``chosen`` gets the backup the user confirmed."""
    dialog: ChoiceDialog

    def confirm(value: object) -> bool:
        backup = Path(str(value))
        if ask(dialog, "Restore backup", confirmation(library, backup)):
            dialog.accept()
            chosen(backup)
        return False

    dialog = ChoiceDialog(
        "Restore backup",
        f"Backups of {library.name}, newest first. Backups are taken before every upgrade "
        "and on the first start of each day.",
        "&Restore…",
        lambda: backup_choices(library),
        confirm,
        "No backups yet: one is taken on the first start of each day.",
        parent,
    )
    return dialog
