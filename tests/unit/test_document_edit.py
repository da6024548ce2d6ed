"""A briefing's details edited by the analyst: checked, stored, undone exactly, kept on import."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from briefing_app.domain.errors import NotFoundError, UsageError
from briefing_app.domain.library import DocumentEdit
from briefing_app.services.document_details import DetailsError
from briefing_app.services.library import Library
from tests.cli_helpers import run_cli
from tests.conftest import DATA, SEED
from tests.library_rows import rows, run
from tests.unit.test_statements_match_the_schema import _library_from_the_models

REUTERS = DATA / "articles" / "001_reuters_hama_outskirts.txt"
SEED_ID = 1
EXAMINER = "Washington Examiner"


def row(library: Library, document_id: int = SEED_ID) -> tuple[object, ...]:
    """Return the document's stored row (every column) and how many sources there are."""
    (stored,) = rows(library, "SELECT * FROM documents WHERE id = ?", document_id)
    ((sources,),) = rows(library, "SELECT count(*) FROM sources")
    return (*stored, sources)


@pytest.mark.parametrize(
    ("field", "typed", "stored"),
    [
        ("title", "  Rebels   take Hama ", "Rebels take Hama"),
        ("outlet", "Al-Monitor", "Al-Monitor"),
        ("published", "2024-11-30", "2024-11-30"),
        ("published", "30 November 2024", "2024-11-30"),
        ("published", "Nov 30 2024", "2024-11-30"),
        ("published", "December 5, 2024", "2024-12-05"),
        ("published", "2024-12-07T10:41:00+02:00", "2024-12-07T10:41:00+02:00"),
        ("byline", "Jane Doe", "Jane Doe"),
        ("url", "https://www.reuters.com/world/hama", "https://www.reuters.com/world/hama"),
        ("language", "en-gb", "en-GB"),
        ("language", "ar", "ar"),
    ],
)
def test_each_detail_is_stored_as_typed_and_the_others_stay(
    seeded_backend_library: Library, field: str, typed: str, stored: str
) -> None:
    before = seeded_backend_library.document_details(SEED_ID)
    previous = seeded_backend_library.edit_document(SEED_ID, replace(before, **{field: typed}))
    assert previous == before
    assert seeded_backend_library.document_details(SEED_ID) == replace(before, **{field: stored})


def test_applying_the_previous_details_restores_the_row_exactly(
    seeded_backend_library: Library,
) -> None:
    original = row(seeded_backend_library)
    before = seeded_backend_library.document_details(SEED_ID)
    assert (before.published, before.byline, before.url, before.language) == (None,) * 4
    edit = DocumentEdit(
        "New title", "Brand New Outlet", "Nov 30 2024", "J. Doe", "https://a.org/x", "en"
    )
    previous = seeded_backend_library.edit_document(SEED_ID, edit)
    assert row(seeded_backend_library) != original
    seeded_backend_library.restore_document_details(SEED_ID, previous)
    restored = row(seeded_backend_library)
    # The same row, NULLs and the outlet's source included; the new outlet stays (unused).
    assert restored[:-1] == original[:-1]
    assert restored[-1] == int(str(original[-1])) + 1
    assert seeded_backend_library.document_details(SEED_ID) == before


BAD = [
    ("title", "", "The title is empty: a briefing needs a title."),
    ("title", "   \n ", "The title is empty"),
    ("title", "x" * 501, "The title is too long (501 characters; at most 500)."),
    ("published", "31/31/2024", "“31/31/2024” is not a date Briefing reader can read: write it as"),
    ("published", "next Tuesday", "“next Tuesday” is not a date"),
    ("published", "2024-02-30", "“2024-02-30” is not a date"),
    ("published", "30 November 2999", "The date 2999-11-30 is in the future: check the year."),
    ("url", "javascript:alert(1)", "“javascript:alert(1)” is not a web address: give one that"),
    ("url", "www.reuters.com", "is not a web address"),
    ("url", "file:///etc/passwd", "is not a web address"),
    ("url", "https://a.org/two words", "holds a space"),
    ("language", "english!!", "“english!!” is not a language code: use a short code such as en"),
    ("language", "English", "is not a language code"),
]


@pytest.mark.parametrize(("field", "typed", "message"), BAD)
def test_a_bad_detail_is_refused_with_a_clear_message_and_nothing_changes(
    seeded_backend_library: Library, field: str, typed: str, message: str
) -> None:
    before = row(seeded_backend_library)
    edit = replace(
        seeded_backend_library.document_details(SEED_ID), title="Changed too", byline="Someone"
    )
    with pytest.raises(DetailsError) as refused:
        seeded_backend_library.edit_document(SEED_ID, replace(edit, **{field: typed}))
    assert refused.value.field == field
    assert message in str(refused.value)
    assert isinstance(refused.value, UsageError)  # the one family of expected errors
    assert row(seeded_backend_library) == before


def test_the_first_bad_detail_in_the_dialogs_order_is_named(
    seeded_backend_library: Library,
) -> None:
    edit = DocumentEdit("", published="next Tuesday", language="english!!")
    with pytest.raises(DetailsError) as refused:
        seeded_backend_library.check_document_edit(SEED_ID, edit)
    assert refused.value.field == "title"


def test_a_blank_detail_means_not_given(seeded_backend_library: Library) -> None:
    full = DocumentEdit("Title", "Reuters", "2024-11-30", "Jane Doe", "https://a.org", "en")
    seeded_backend_library.edit_document(SEED_ID, full)
    seeded_backend_library.edit_document(SEED_ID, DocumentEdit("Title", "", " ", "", "  ", ""))
    assert seeded_backend_library.document_details(SEED_ID) == DocumentEdit("Title")
    assert seeded_backend_library.documents()[0].outlet is None


def test_a_detail_left_as_stored_is_not_checked_again(seeded_backend_library: Library) -> None:
    """What an import stored ("Spring 2024") never blocks an edit of another field."""
    run(
        seeded_backend_library,
        "UPDATE documents SET published = 'Spring 2024', language = 'English'",
    )
    details = seeded_backend_library.document_details(SEED_ID)
    seeded_backend_library.edit_document(SEED_ID, replace(details, title="Only the title"))
    assert seeded_backend_library.document_details(SEED_ID) == replace(
        details, title="Only the title"
    )


def test_the_outlet_is_found_in_any_case_and_its_grade_then_applies(
    seeded_backend_library: Library,
) -> None:
    seeded_backend_library.import_files([REUTERS])
    reuters_claim = next(
        c
        for c in seeded_backend_library.claims(seeded_backend_library.claim_ids())
        if c.outlet == "Reuters"
    )
    own = next(
        c
        for c in seeded_backend_library.claims(seeded_backend_library.claim_ids())
        if c.document_id == SEED_ID and c.attribution is None
    )
    seeded_backend_library.set_grading(reuters_claim.id, "B", reuters_claim.credibility)
    assert seeded_backend_library.claim(own.id).reliability == "F"
    details = seeded_backend_library.document_details(SEED_ID)
    previous = seeded_backend_library.edit_document(SEED_ID, replace(details, outlet="reuters"))
    assert seeded_backend_library.document_details(SEED_ID).outlet == "Reuters"
    assert seeded_backend_library.claim(own.id).reliability == "B"  # the outlet's grade
    assert seeded_backend_library.claim(own.id).graded_source == "Reuters"
    seeded_backend_library.restore_document_details(SEED_ID, previous)
    assert seeded_backend_library.claim(own.id).outlet == EXAMINER
    assert seeded_backend_library.claim(own.id).reliability == "F"


@pytest.mark.parametrize("copy", [False, True], ids=["same file", "a copy under another name"])
def test_an_edit_is_kept_when_the_same_file_is_imported_again(
    seeded_backend_library: Library, tmp_path: Path, copy: bool
) -> None:
    edited = DocumentEdit("My title", "Reuters", "2024-12-06", "Desk", "https://a.org", "en")
    seeded_backend_library.edit_document(SEED_ID, edited)
    again = SEED
    if copy:
        again = tmp_path / "renamed.txt"
        shutil.copyfile(SEED, again)
    (result,) = seeded_backend_library.import_files([again])
    assert result.already_present and result.document_id == SEED_ID
    assert seeded_backend_library.document_details(SEED_ID) == edited
    assert len(seeded_backend_library.documents()) == 1


def test_edited_details_are_in_the_json_export(
    seeded_backend_library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = DocumentEdit("My title", "Reuters", "2024-12-06", "Desk", "https://a.org/x", "en-GB")
    seeded_backend_library.edit_document(SEED_ID, edited)
    outcome = run_cli(capsys, "--db", seeded_backend_library.location, "export", "--format", "json")
    assert outcome.code == 0
    (document,) = json.loads(outcome.out)["documents"]
    shown = {k: document[k] for k in ("title", "outlet", "published", "byline", "url", "language")}
    assert shown == {
        "title": "My title",
        "outlet": "Reuters",
        "published": "2024-12-06",
        "byline": "Desk",
        "url": "https://a.org/x",
        "language": "en-GB",
    }


def test_the_notes_mirror_names_the_new_title(seeded_library: Library) -> None:
    seeded_library.add_note(3, "check the coast")
    details = seeded_library.document_details(SEED_ID)
    seeded_library.edit_document(SEED_ID, replace(details, title="A title of my own"))
    assert "A title of my own" in seeded_library.mirror.path_for(3).read_text(encoding="utf-8")


def test_an_unknown_document_is_said_so(seeded_backend_library: Library) -> None:
    with pytest.raises(NotFoundError, match="no document 99"):
        seeded_backend_library.edit_document(99, DocumentEdit("Title"))
    with pytest.raises(NotFoundError, match="no document 99"):
        seeded_backend_library.restore_document_details(99, DocumentEdit("Title"))


def test_the_outlets_listed_are_those_of_documents(seeded_backend_library: Library) -> None:
    details = seeded_backend_library.document_details(SEED_ID)
    seeded_backend_library.edit_document(SEED_ID, replace(details, outlet="Reuters"))
    assert seeded_backend_library.outlet_names() == ["Reuters"]  # the Examiner is kept, unused


def test_the_statements_run_on_a_library_made_from_the_models(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    _library_from_the_models(path)
    library = Library.open(path)
    library.import_files([SEED])
    previous = library.edit_document(
        SEED_ID, DocumentEdit("T", "AP", "2024-11-30", "B", None, "en")
    )
    library.restore_document_details(SEED_ID, previous)
    assert library.document_details(SEED_ID) == previous
    assert library.outlet_names() == [EXAMINER]
    library.close()
