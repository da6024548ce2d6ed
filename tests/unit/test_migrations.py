"""Upgrading a library of every released schema keeps notes, revisions and analyst choices."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_app.services.library import Library
from briefing_app.store.database import HEAD_REVISION, KNOWN_REVISIONS
from tests.cli_helpers import sql_rows

SCHEMAS = Path(__file__).parent.parent / "data" / "schemas"
RELEASED = sorted(SCHEMAS.glob("*.db"))


def test_there_is_a_fixture_for_every_released_schema_but_the_head() -> None:
    assert [p.stem for p in RELEASED] == list(KNOWN_REVISIONS[:-1])


@pytest.fixture(params=RELEASED, ids=[p.stem for p in RELEASED])
def upgraded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Library]:
    path = tmp_path / "library.db"
    shutil.copy(request.param, path)
    library = Library.open(path)
    yield library
    library.close()


def test_schema_is_at_head(upgraded: Library) -> None:
    assert sql_rows(upgraded.path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert upgraded.integrity_check() == "ok"


def test_notes_and_revisions_survive(upgraded: Library) -> None:
    assert [n.body for n in upgraded.notes(7)] == ["Front line near Rastan: check against ISW maps"]
    assert [r.body for r in upgraded.revisions(upgraded.notes(7)[0].id)] == [
        "Front line: check against ISW maps"
    ]
    assert [n.body for n in upgraded.notes(15)] == ["US presence: 900 troops (DoD figure)"]
    assert [n.body for n in upgraded.deleted_notes()] == ["Duplicate of claim 1"]


def test_analyst_choices_survive(upgraded: Library) -> None:
    first = upgraded.claim(1)
    assert first.primary_theme is not None
    assert (first.primary_theme.key, first.primary_theme.origin) == ("foreign-forces", "analyst")
    graded = upgraded.claim(13)
    assert (graded.reliability, graded.credibility) == ("B", 2)


def test_search_index_matches_the_tables(upgraded: Library) -> None:
    path = upgraded.path
    assert sql_rows(path, "SELECT rowid FROM note_fts WHERE note_fts MATCH 'rastan'") == [(1,)]
    assert sql_rows(path, "SELECT rowid FROM note_fts WHERE note_fts MATCH 'duplicate'") == []
    assert sql_rows(path, "SELECT count(*) FROM claim_fts WHERE claim_fts MATCH 'homs'") == [(5,)]
    triggers = {r[0] for r in sql_rows(path, "SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {"notes_fts_insert", "notes_fts_update", "claims_fts_insert"} <= triggers
    upgraded.add_note(3, "Alawite heartland")
    assert sql_rows(path, "SELECT count(*) FROM note_fts WHERE note_fts MATCH 'heartland'") == [
        (1,)
    ]


def test_a_backup_is_taken_before_the_upgrade(upgraded: Library) -> None:
    backups = sorted((upgraded.path.parent / "backups").glob("*-before-*.db"))
    assert len(backups) == 1
    revision = sql_rows(backups[0], "SELECT version_num FROM alembic_version")
    assert revision == [(backups[0].stem.split("-before-")[1],)]
    assert revision[0][0] in KNOWN_REVISIONS[:-1]
    assert sql_rows(backups[0], "SELECT count(*) FROM notes") == [(3,)]


def test_new_features_work_after_upgrade(upgraded: Library) -> None:
    saved = upgraded.save_search("Russia", "russian")
    assert [s.name for s in upgraded.saved_searches()] == [saved.name]
