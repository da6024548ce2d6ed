"""Two analysts editing one note: the second save overtakes the first, and both texts stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.services.library import Library


def _colleague(library: Library) -> Library:
    """Another analyst on the same library (a file or a server)."""
    return Library.open(library.file if library.file is not None else library.location)


def test_a_save_over_a_colleagues_save_keeps_both_and_names_theirs(
    seeded_backend_library: Library,
) -> None:
    mine = seeded_backend_library
    note = mine.add_note(3, "first draft")
    colleague = _colleague(mine)
    try:
        colleague.update_note(note.id, "their correction")
    finally:
        colleague.close()
    edit = mine.save_note_edit(note.id, "my rewrite", based_on="first draft")
    assert edit.note.body == "my rewrite"
    assert edit.overtaken == "their correction"
    assert [r.body for r in mine.revisions(note.id)] == ["their correction", "first draft"]


@pytest.mark.parametrize("based_on", ["first draft", "my rewrite"])
def test_a_save_on_the_latest_text_overtakes_nothing(
    seeded_backend_library: Library, based_on: str
) -> None:
    library = seeded_backend_library
    note = library.add_note(3, "first draft")
    if based_on == "my rewrite":  # the same text saved again: nothing to tell
        library.update_note(note.id, "my rewrite")
    edit = library.save_note_edit(note.id, "my rewrite", based_on="first draft")
    assert edit.overtaken is None and edit.note.body == "my rewrite"


def test_a_save_on_a_note_that_is_gone_is_refused(tmp_path: Path) -> None:
    from briefing_app.domain.errors import NotFoundError

    library = Library.open(tmp_path / "library.db", seed=True)
    try:
        with pytest.raises(NotFoundError, match="no note 41"):
            library.save_note_edit(41, "text", based_on="")
    finally:
        library.close()
