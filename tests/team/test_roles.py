"""The least-privilege roles of docs/roles.sql, on a real server: the app works with them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from briefing_app.domain.errors import LibraryError
from briefing_app.services.library import Library
from tests.conftest import DATA
from tests.pg_server import PgServer

ROLES_SQL = Path(__file__).resolve().parents[2] / "docs" / "roles.sql"
REUTERS = DATA / "articles" / "001_reuters_hama_outskirts.txt"


@pytest.fixture
def people(pg_server: PgServer, pg_seeded_url: str) -> Iterator[dict[str, str]]:
    """Run docs/roles.sql as the owner; return the URLs of an analyst and a reader."""
    with psycopg.connect(pg_seeded_url, autocommit=True) as owner:
        owner.execute(ROLES_SQL.read_text(encoding="utf-8"))
        suffix = uuid.uuid4().hex[:8]
        urls = {}
        for kind, group in (("analyst", "briefing_analyst"), ("reader", "briefing_reader")):
            name = f"{kind}_{suffix}"
            owner.execute(f"CREATE ROLE {name} LOGIN PASSWORD 'pw-{kind}' IN ROLE {group}")
            urls[kind] = pg_seeded_url.replace("briefing@", f"{name}@", 1)
    yield urls


def test_an_analyst_imports_notes_files_grades_and_searches(
    people: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", "pw-analyst")
    library = Library.open(people["analyst"])
    try:
        assert library.analyst.startswith("analyst_")  # the database role
        [imported] = library.import_files([REUTERS])
        assert imported.claims == 16
        note = library.add_note(3, "checked against the map")
        library.update_note(note.id, "checked twice")
        library.move_to_theme(5, "foreign-forces")
        library.set_grading(6, "B", 2)
        library.dismiss_claim(7)
        library.save_search("homs, no russia", "homs -russia")
        assert library.search("checked").hits
        assert {h.claim.id for h in library.search(f"by:{library.analyst}").hits} >= {3, 5, 6}
    finally:
        library.close()


@pytest.mark.parametrize(
    "statement",
    [
        "DROP TABLE notes",
        "ALTER TABLE notes ADD COLUMN x int",
        "CREATE TABLE extra (id int)",
        "UPDATE alembic_version SET version_num = 'x'",
        "TRUNCATE claims CASCADE",
    ],
)
def test_an_analyst_cannot_change_the_schema(people: dict[str, str], statement: str) -> None:
    url = people["analyst"]
    with (
        psycopg.connect(url, password="pw-analyst", autocommit=True) as analyst,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        analyst.execute(statement)


def test_a_reader_searches_and_is_told_plainly_that_it_cannot_write(
    people: dict[str, str], pg_seeded_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PGPASSWORD", "pw-reader")
    library = Library.open(people["reader"])
    try:
        assert library.search("homs").hits
        with pytest.raises(LibraryError, match="A reader role only reads"):
            library.add_note(3, "not allowed")
        with pytest.raises(LibraryError, match="may not do this"):
            library.import_files([REUTERS])
    finally:
        library.close()
    owner = Library.open(pg_seeded_url)
    try:
        assert owner.notes(3) == [] and owner.count() == 16  # nothing half-written
    finally:
        owner.close()
