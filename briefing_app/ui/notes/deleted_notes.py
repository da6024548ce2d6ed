"""The "Deleted notes" view: every soft-deleted note, and a way to bring it back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from briefing_app.domain.errors import BriefingError
from briefing_app.services.library import Library
from briefing_app.ui.dialogs.choice_dialog import Choice, ChoiceDialog
from briefing_app.ui.notes.note_list_model import local_time, note_summary


def deleted_note_choices(library: Library) -> list[Choice]:
    """Return one row per deleted note, most recently deleted first."""
    return [
        Choice(
            f"Claim {note.claim_id} · deleted {local_time(note.deleted)} · "
            + note_summary(note.body),
            note.body,
            note.id,
        )
        for note in library.deleted_notes()
        if note.deleted is not None
    ]


def deleted_notes_dialog(
    library: Library,
    restored: Callable[[int], None],
    failed: Callable[[str], None],
    parent: QWidget | None = None,
) -> ChoiceDialog:
    """Return the dialog; ``restored`` gets the claim id of each note brought back."""

    def restore(value: object) -> bool:
        try:
            note = library.restore_note(int(str(value)))
        except BriefingError as error:
            failed(f"The note was not restored: {error}")
            return False
        restored(note.claim_id)
        return True

    return ChoiceDialog(
        "Deleted notes",
        "Notes you deleted are kept. Choose one and restore it to its claim.",
        "&Restore note",
        lambda: deleted_note_choices(library),
        restore,
        "No deleted notes.",
        parent,
    )
