"""Who did what: notes, earlier texts, filings, grades and imports record their analyst."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing_app.services.analyst import ENV_VAR, analyst_name
from briefing_app.services.library import Library
from tests.cli_helpers import run_cli
from tests.conftest import DATA

REUTERS = DATA / "articles" / "001_reuters_hama_outskirts.txt"


def _as(library: Library, name: str) -> Library:
    """The same library opened by another analyst."""
    location = library.file if library.file is not None else library.location
    return Library.open(location, analyst=name)


def test_each_change_records_its_analyst(seeded_backend_library: Library) -> None:
    amal = seeded_backend_library
    amal.analyst = "Amal"
    note = amal.add_note(3, "first text")
    ben = _as(amal, "Ben")
    try:
        ben.update_note(note.id, "Ben's text")
        ben.move_to_theme(5, "foreign-forces")
        ben.set_grading(6, "B", 2)
        [imported] = ben.import_files([REUTERS])
    finally:
        ben.close()
    [current] = amal.notes(3)
    assert (current.body, current.analyst) == ("Ben's text", "Ben")
    [earlier] = amal.revisions(note.id)
    assert (earlier.body, earlier.analyst) == ("first text", "Amal")
    [moved] = amal.claim_history(5)
    assert (moved.action, moved.detail, moved.analyst) == ("moved", "to foreign-forces", "Ben")
    [graded] = amal.claim_history(6)
    assert graded.analyst == "Ben" and "reliability B, credibility 2" in graded.detail
    assert amal.document_listings([imported.document_id])[0].analyst == "Ben"


def test_filing_the_same_claim_twice_keeps_both_in_the_history(
    seeded_backend_library: Library,
) -> None:
    amal = seeded_backend_library
    amal.analyst = "Amal"
    amal.move_to_theme(2, "offensive")
    ben = _as(amal, "Ben")
    try:
        ben.move_to_theme(2, "assad-defense")  # the last write wins
    finally:
        ben.close()
    [claim] = amal.claims([2])
    assert [t.key for t in claim.themes] == ["assad-defense"]
    assert [(c.analyst, c.detail) for c in amal.claim_history(2)] == [
        ("Ben", "to assad-defense"),
        ("Amal", "to offensive"),
    ]


def test_by_finds_an_analysts_notes_filings_grades_and_imports(
    seeded_backend_library: Library,
) -> None:
    library = seeded_backend_library
    library.analyst = "Amal Haddad"
    library.add_note(3, "a note")
    library.move_to_theme(7, "offensive")
    library.set_grading(9, "C", 3)
    gone = library.add_note(11, "deleted later")
    library.delete_note(gone.id)
    assert set(library.search_ids("by:amal").ids) == set()  # a name, not a part of one
    found = library.search('by:"amal haddad"')
    assert {hit.claim.id for hit in found.hits} == {3, 7, 9}
    assert {hit.claim.id for hit in library.search('by:"Amal Haddad" -note:note').hits} == {7, 9}


def test_by_an_unknown_analyst_says_who_is_known(seeded_backend_library: Library) -> None:
    library = seeded_backend_library
    library.analyst = "Amal"
    library.add_note(3, "a note")
    result = library.search("by:nobody homs")
    assert not result.hits
    assert any("No analyst is called “nobody”; analysts are: Amal" in h for h in result.hints)


def test_the_analyst_is_the_name_given_else_the_environment_else_the_role(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_VAR, "  Desk\tOne\n ")
    assert analyst_name("Chosen", "role") == "Chosen"
    assert analyst_name(None, "role") == "Desk One"  # one line, spaces made plain
    monkeypatch.delenv(ENV_VAR)
    assert analyst_name("", "analyst_role") == "analyst_role"
    assert analyst_name(None, None)  # the login name, or "analyst"
    assert len(analyst_name("x" * 500, None)) == 80


@pytest.mark.postgresql
def test_on_a_server_the_analyst_is_the_database_role(pg_seeded_url: str) -> None:
    library = Library.open(pg_seeded_url)
    try:
        assert library.analyst == "briefing"  # the test server's role (tests/pg_server.py)
    finally:
        library.close()


def test_a_file_library_records_the_login_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "analyst7")
    library = Library.open(tmp_path / "library.db", seed=True)
    try:
        assert library.analyst == "analyst7"
        assert library.add_note(1, "mine").analyst == "analyst7"
    finally:
        library.close()


def test_the_command_line_records_the_analyst_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "library.db"
    assert run_cli(capsys, "--db", db, "import", REUTERS).code == 0
    assert run_cli(capsys, "--analyst", "Desk One", "--db", db, "note", "3", "seen").code == 0
    found = run_cli(capsys, "--db", db, "search", "--json", 'by:"desk one"')
    assert found.code == 0
    assert [hit["id"] for hit in json.loads(found.out)] == [3]
    excluded = run_cli(capsys, "--analyst", "Desk One", "--db", db, "search", "-by:desk")
    assert excluded.code == 0  # a query may begin with "-" after --analyst too
