"""A plain-text mirror of the notes: one Markdown file per claim, beside the library.

The database stays the source of truth; the mirror lets an analyst open, grep
or back up their notes with ordinary tools. A failure to write it never fails
the save of a note: it is remembered in ``last_error`` for the window to show.
A team library on a server has no folder beside it, and so no mirror.
"""

from __future__ import annotations

from pathlib import Path

from briefing_app.domain.library import Claim, Note
from briefing_app.services.atomic_write import replacing


def mirror_folder(library: Path) -> Path:
    """Return the folder of a library's note mirror."""
    return library.with_name(f"{library.stem}-notes")


def render_claim_notes(claim: Claim, notes: list[Note]) -> str:
    """Return the Markdown for one claim and its notes."""
    source = claim.attribution or "reporter's own assertion"
    lines = [
        f"# Claim {claim.id}: {claim.document_title}",
        "",
        *[f"> {line}" for line in claim.text.splitlines()],
        "",
        f"- Outlet: {claim.outlet or 'unknown'}",
        f"- Paragraph {claim.paragraph}, sentence {claim.sentence}",
        f"- Source: {source}",
        f"- Grading: {claim.reliability}{claim.credibility}",
        "",
    ]
    for note in notes:
        stamp = note.updated.isoformat(timespec="seconds")
        lines += [f"## Note {note.id} ({stamp} UTC)", "", note.body, ""]
    return "\n".join(lines)


class NotesMirror:
    """Keeps ``<library>-notes/claim-<id>.md`` in step with the notes of each claim."""

    def __init__(self, library: Path | None) -> None:
        # None: a library on a server, whose notes are not mirrored.
        self._folder = None if library is None else mirror_folder(library)
        self.last_error: str | None = None

    @property
    def enabled(self) -> bool:
        """Return whether notes are mirrored (a library file's are; a server's are not)."""
        return self._folder is not None

    @property
    def folder(self) -> Path:
        """Return the mirror's folder (a library file's only)."""
        assert self._folder is not None, "a team library has no notes mirror"
        return self._folder

    def path_for(self, claim_id: int) -> Path:
        """Return the mirror file of a claim."""
        return self.folder / f"claim-{claim_id:06d}.md"

    def write(self, claim: Claim, notes: list[Note]) -> None:
        """Write (or, with no notes left, remove) a claim's mirror file (a file's only)."""
        if self._folder is None:
            return
        target = self.path_for(claim.id)
        try:
            if not notes:
                target.unlink(missing_ok=True)
            else:
                self.folder.mkdir(parents=True, exist_ok=True)
                # Not fsynced: the database is the durable copy, and a save must stay quick.
                with replacing(target, durable=False) as stream:
                    stream.write(render_claim_notes(claim, notes))
            self.last_error = None
        except OSError as error:
            self.last_error = (
                f"Notes are saved, but their text copy in {self.folder} failed: {error.strerror}."
            )
