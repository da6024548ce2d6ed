"""The analyst's corrections: not a claim, split, merge, a claim or a note from a passage.

Each keeps exact spans and every note, and undo puts everything back exactly, on both
backends (a library file and a team library on PostgreSQL).
"""

from __future__ import annotations

import pytest

from briefing_app.domain.errors import NotFoundError, UsageError
from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from tests.conftest import DATA
from tests.library_rows import rows


def exact(library: Library, claim_id: int) -> bool:
    claim = library.claim(claim_id)
    return library.document_text(claim.document_id).text[claim.start : claim.end] == claim.text


def state(library: Library) -> list[list[tuple[object, ...]]]:
    """Every row a correction may touch, for comparing before and after an undo."""
    queries = [
        'SELECT id, start, "end", text, sentence, origin FROM claims',
        "SELECT claim_id, theme_id, is_primary, origin, why FROM claim_themes",
        'SELECT id, claim_id, entity_id, start, "end" FROM mentions',
        "SELECT id, claim_id, body FROM notes",
        "SELECT claim_id FROM dismissed_claims",
    ]
    return [sorted(rows(library, query), key=repr) for query in queries]


def test_not_a_claim_leaves_every_view_and_comes_back(seeded_backend_library: Library) -> None:
    before = state(seeded_backend_library)
    themes = {t.theme.key: t.count for t in seeded_backend_library.theme_counts()}
    correction = seeded_backend_library.dismiss_claim(9)
    assert 9 not in seeded_backend_library.claim_ids()
    assert seeded_backend_library.claim_ids(ClaimFilter(dismissed=True)) == [9]
    assert seeded_backend_library.count() == 15
    primary = seeded_backend_library.claim(9).primary_theme
    assert primary is not None
    after = {t.theme.key: t.count for t in seeded_backend_library.theme_counts()}
    assert after[primary.key] == themes[primary.key] - 1
    seeded_backend_library.undo_correction(correction)
    assert state(seeded_backend_library) == before


def test_a_dismissed_claim_leaves_search(seeded_library: Library) -> None:
    assert 9 in seeded_library.search_ids("assad").ids
    seeded_library.dismiss_claim(9)
    assert 9 not in seeded_library.search_ids("assad").ids


def test_split_keeps_spans_notes_and_undoes_exactly(seeded_backend_library: Library) -> None:
    claim = seeded_backend_library.claim(7)
    note = seeded_backend_library.add_note(7, "keep me")
    before = state(seeded_backend_library)
    at = claim.start + claim.text.index(" ", len(claim.text) // 2)
    correction = seeded_backend_library.split_claim(7, at)
    (second,) = correction.made
    assert exact(seeded_backend_library, 7) and exact(seeded_backend_library, second)
    first_part, second_part = seeded_backend_library.claim(7), seeded_backend_library.claim(second)
    assert not first_part.text[-1].isspace() and not second_part.text[0].isspace()
    assert claim.text.startswith(first_part.text) and claim.text.endswith(second_part.text)
    assert [n.id for n in seeded_backend_library.notes(7)] == [note.id]
    assert {t.key for t in second_part.themes} == {t.key for t in claim.themes}
    assert second_part.origin == "analyst"
    ids = seeded_backend_library.claim_ids()
    assert ids.index(second) == ids.index(7) + 1
    seeded_backend_library.undo_correction(correction)
    assert state(seeded_backend_library) == before


@pytest.mark.parametrize("where", ["start", "end", "outside"])
def test_a_split_at_an_edge_changes_nothing(seeded_backend_library: Library, where: str) -> None:
    claim = seeded_backend_library.claim(4)
    at = {"start": claim.start, "end": claim.end, "outside": claim.end + 400}[where]
    before = state(seeded_backend_library)
    with pytest.raises(UsageError, match="nothing changed"):
        seeded_backend_library.split_claim(4, at)
    assert state(seeded_backend_library) == before


def test_merge_keeps_both_claims_notes_and_undoes_exactly(seeded_backend_library: Library) -> None:
    seeded_backend_library.add_note(5, "on the first")
    seeded_backend_library.add_note(6, "on the second")
    before = state(seeded_backend_library)
    first, second = seeded_backend_library.claim(5), seeded_backend_library.claim(6)
    correction = seeded_backend_library.merge_with_next(5)
    merged = seeded_backend_library.claim(5)
    assert exact(seeded_backend_library, 5)
    assert merged.text.startswith(first.text) and merged.text.endswith(second.text)
    assert sorted(n.body for n in seeded_backend_library.notes(5)) == [
        "on the first",
        "on the second",
    ]
    with pytest.raises(NotFoundError):
        seeded_backend_library.claim(6)
    seeded_backend_library.undo_correction(correction)
    assert state(seeded_backend_library) == before


def test_merge_never_crosses_documents(seeded_backend_library: Library) -> None:
    seeded_backend_library.import_files([DATA / "articles" / "001_reuters_hama_outskirts.txt"])
    last = max(
        i
        for i in seeded_backend_library.claim_ids()
        if seeded_backend_library.claim(i).document_id == 1
    )
    before = state(seeded_backend_library)
    with pytest.raises(UsageError, match="last of its document"):
        seeded_backend_library.merge_with_next(last)
    assert state(seeded_backend_library) == before


def test_a_claim_from_a_selected_passage(seeded_backend_library: Library) -> None:
    document = seeded_backend_library.document_text(1)
    boilerplate = next(p for p in document.paragraphs if p.kind == "boilerplate")
    correction = seeded_backend_library.claim_from_passage(1, boilerplate.start, boilerplate.end)
    (made,) = correction.made
    assert exact(seeded_backend_library, made)
    assert seeded_backend_library.claim(made).origin == "analyst"
    with pytest.raises(UsageError, match="part of claim"):
        claim = seeded_backend_library.claim(3)
        seeded_backend_library.claim_from_passage(1, claim.start + 2, claim.end - 2)
    with pytest.raises(UsageError, match="Select some text"):
        seeded_backend_library.claim_from_passage(1, boilerplate.start, boilerplate.start)
    seeded_backend_library.undo_correction(correction)
    with pytest.raises(NotFoundError):
        seeded_backend_library.claim(made)


def test_a_note_on_a_passage_goes_on_the_claim_that_holds_it(
    seeded_backend_library: Library,
) -> None:
    claim = seeded_backend_library.claim(2)
    note = seeded_backend_library.note_on_passage(
        1, claim.start + 3, claim.start + 12, "this phrase"
    )
    assert note.claim_id == 2
    anchors = rows(
        seeded_backend_library, "SELECT anchor_start, anchor_end FROM notes WHERE id = ?", note.id
    )
    assert anchors == [(claim.start + 3, claim.start + 12)]


def test_grading_a_claim_grades_its_source_for_all_its_claims(
    seeded_backend_library: Library,
) -> None:
    unattributed = [
        c
        for c in seeded_backend_library.claims(seeded_backend_library.claim_ids())
        if c.attribution is None
    ]
    first, other = unattributed[0], unattributed[1]
    assert first.graded_source == "Washington Examiner" and other.reliability == "F"
    seeded_backend_library.set_grading(first.id, "C", 2)
    assert seeded_backend_library.claim(other.id).reliability == "C"
    assert seeded_backend_library.claim(other.id).credibility == other.credibility
    assert seeded_backend_library.claim(first.id).credibility == 2
    assert {h.claim.id for h in seeded_backend_library.search("reliability:c").hits} >= {
        first.id,
        other.id,
    }
    assert first.id in {h.claim.id for h in seeded_backend_library.search("credibility:1-2").hits}
    seeded_backend_library.override_reliability(other.id, "A")
    assert seeded_backend_library.claim(other.id).reliability == "A"
    assert seeded_backend_library.claim(other.id).reliability_overridden
    assert seeded_backend_library.claim(first.id).reliability == "C"
    seeded_backend_library.override_reliability(other.id, None)
    assert seeded_backend_library.claim(other.id).reliability == "C"


def test_an_attributed_claim_is_graded_by_its_speaker(seeded_backend_library: Library) -> None:
    seeded_backend_library.import_files([DATA / "articles" / "001_reuters_hama_outskirts.txt"])
    attributed = next(
        c
        for c in seeded_backend_library.claims(seeded_backend_library.claim_ids())
        if c.attribution
    )
    seeded_backend_library.set_grading(attributed.id, "B", 3)
    assert seeded_backend_library.claim(attributed.id).graded_source == attributed.attribution
    assert seeded_backend_library.claim(attributed.id).reliability == "B"
    others = [
        c
        for c in seeded_backend_library.claims(seeded_backend_library.claim_ids())
        if not c.attribution
    ]
    assert all(c.reliability == "F" for c in others)
    hints = seeded_backend_library.search("reliability:z").hints
    assert any("not a grade" in hint for hint in hints)
