"""The store: pragmas, the FTS index kept in step, revisions, analyst filings (both backends)."""

from __future__ import annotations

from pathlib import Path

from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.store.database import HEAD_REVISION, KNOWN_REVISIONS
from tests.cli_helpers import sql_rows


def test_wal_and_application_id(seeded_library: Library) -> None:
    assert sql_rows(seeded_library.path, "PRAGMA journal_mode") == [("wal",)]
    assert sql_rows(seeded_library.path, "PRAGMA application_id") == [(0x42524946,)]


def test_notes_are_indexed_and_unindexed_on_delete(seeded_library: Library) -> None:
    note = seeded_library.add_note(3, "Alawite heartland matters")
    query = "SELECT rowid FROM note_fts WHERE note_fts MATCH 'heartland'"
    assert sql_rows(seeded_library.path, query) == [(note.id,)]
    seeded_library.update_note(note.id, "coastal support")
    assert sql_rows(seeded_library.path, query) == []
    seeded_library.delete_note(note.id)
    assert (
        sql_rows(seeded_library.path, "SELECT rowid FROM note_fts WHERE note_fts MATCH 'coastal'")
        == []
    )
    seeded_library.restore_note(note.id)
    assert (
        len(
            sql_rows(
                seeded_library.path, "SELECT rowid FROM note_fts WHERE note_fts MATCH 'coastal'"
            )
        )
        == 1
    )


def test_changing_a_note_keeps_the_old_text(seeded_backend_library: Library) -> None:
    note = seeded_backend_library.add_note(1, "first")
    seeded_backend_library.update_note(note.id, "second")
    seeded_backend_library.update_note(note.id, "third")
    assert [r.body for r in seeded_backend_library.revisions(note.id)] == ["second", "first"]


def test_claim_fts_matches_every_claim(seeded_library: Library) -> None:
    assert sql_rows(
        seeded_library.path, "SELECT count(*) FROM claim_fts WHERE claim_fts MATCH 'homs'"
    ) == [(5,)]


def test_analyst_filing_and_undo(seeded_backend_library: Library) -> None:
    before = seeded_backend_library.claim(1).themes
    seeded_backend_library.file_under(1, "foreign-forces")
    after = seeded_backend_library.claim(1)
    assert after.primary_theme is not None
    assert (after.primary_theme.key, after.primary_theme.origin) == ("foreign-forces", "analyst")
    seeded_backend_library.restore_filings(1, before)
    assert seeded_backend_library.claim(1).themes == before


def test_grading_is_checked(seeded_backend_library: Library) -> None:
    seeded_backend_library.set_grading(2, "b", 2)
    claim = seeded_backend_library.claim(2)
    assert (claim.reliability, claim.credibility) == ("B", 2)


def test_reimport_keeps_analyst_choices(seeded_backend_library: Library) -> None:
    from tests.conftest import SEED

    seeded_backend_library.file_under(5, "foreign-forces")
    result = seeded_backend_library.import_files([SEED])
    assert result[0].already_present
    assert seeded_backend_library.claim(5).primary_theme.key == "foreign-forces"  # type: ignore[union-attr]


def test_head_revision_is_alembics_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from briefing_app.bundled import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [HEAD_REVISION]
    assert [r.revision for r in script.walk_revisions()][::-1] == list(KNOWN_REVISIONS)


def test_move_to_theme_leaves_only_that_theme(seeded_backend_library: Library) -> None:
    seeded_backend_library.move_to_theme(8, "foreign-forces")
    themes = seeded_backend_library.claim(8).themes
    assert [(t.key, t.is_primary, t.origin) for t in themes] == [
        ("foreign-forces", True, "analyst")
    ]


def test_claims_of_one_document(seeded_backend_library: Library, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Rebels captured Rastan on Friday, residents said.\n", encoding="utf-8")
    document_id = seeded_backend_library.import_files([other])[0].document_id
    ids = seeded_backend_library.claim_ids(ClaimFilter(document_id=document_id))
    assert [c.text for c in seeded_backend_library.claims(ids)] == [
        "Rebels captured Rastan on Friday, residents said."
    ]
    assert len(seeded_backend_library.claim_ids(ClaimFilter(document_id=1))) == 16
