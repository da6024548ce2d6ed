"""``briefing-app copy``: a whole library between a file and a team library, either way.

Real libraries only: files in tmp_path and databases of their own on the test server.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import psycopg
import pytest

from briefing_app.domain.library import ClaimFilter, DocumentEdit
from briefing_app.services.copying import copy_library
from briefing_app.services.library import Library
from briefing_app.services.notes_mirror import mirror_folder
from briefing_app.store.backend import Connection
from briefing_app.store.copy_tables import table_specs
from briefing_app.store.library_copy import TableCopy, open_source
from tests.cli_helpers import Outcome, fingerprint, run_cli, sql_rows
from tests.conftest import DATA, SEED

pytestmark = pytest.mark.postgresql

REUTERS = DATA / "articles" / "001_reuters_hama_outskirts.txt"
AP = DATA / "articles" / "002_ap_homs_edge.txt"
ALMONITOR = DATA / "articles" / "003_almonitor_damascus_waits.txt"
QUERIES = ("hama", "theme:foreign-forces", '"Hayat Tahrir"', "assad -russia", "reb*", "note:isw")
HAMA = "fought their way into the northern outskirts of Hama"
Worked = tuple[Path, dict[str, int]]


def copy(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> Outcome:
    return run_cli(capsys, "copy", *argv)


def dump(location: Path | str) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of every table, times as stamps, in key order (either backend)."""
    store = open_source(location)
    try:
        return store.read(_every_row)
    finally:
        store.close()


def _every_row(connection: Connection) -> dict[str, list[tuple[Any, ...]]]:
    tables = {}
    for spec in table_specs():
        columns, key = (", ".join(f'"{c}"' for c in names) for names in (spec.columns, spec.key))
        rows = connection.execute(f"SELECT {columns} FROM {spec.name} ORDER BY {key}")
        tables[spec.name] = [
            tuple(
                v if v is None or f is None else f(v)
                for v, f in zip(row, spec.convert, strict=True)
            )
            for row in rows
        ]
    return tables


def exported(capsys: pytest.CaptureFixture[str], location: Path | str) -> dict[str, Any]:
    done = run_cli(capsys, "--db", location, "export", "--format", "json")
    assert (done.code, done.err) == (0, ""), done.err
    data = json.loads(done.out)
    data.pop("exported", None)
    return dict(data)


def found(capsys: pytest.CaptureFixture[str], location: Path | str, query: str) -> list[int]:
    done = run_cli(capsys, "--db", location, "search", "--json", query)
    assert done.code == 0, done.err
    return [hit["id"] for hit in json.loads(done.out)]


def claim_with(library: Library, text: str) -> int:
    """Return the id of the one claim whose text holds ``text``."""
    ids = [c.id for c in library.claims(library.claim_ids()) if text in c.text]
    assert len(ids) == 1, (text, ids)
    return ids[0]


@pytest.fixture
def worked_file(tmp_path: Path) -> Worked:
    """Return a library file of three briefings with an analyst's work, and the ids touched."""
    path = tmp_path / "desk.db"
    library = Library.open(path, seed=True)
    try:
        library.import_files([REUTERS, AP])
        hama, kremlin = claim_with(library, HAMA), claim_with(library, "Kremlin spokesman")
        note = library.add_note(hama, "First reading")
        library.update_note(note.id, "Second reading")
        library.update_note(note.id, "Check against the ISW map")
        gone = library.add_note(kremlin, "A note that was deleted")
        library.delete_note(gone.id)
        library.note_on_passage(2, 0, 10, "On the headline")
        library.set_grading(kremlin, "B", 2)  # grades the speaker, Dmitry Peskov
        library.set_grading(hama, "C", 3)  # grades the outlet, Reuters
        library.override_reliability(hama, "A")
        library.move_to_theme(hama, "assad-defense")
        library.file_under(kremlin, "offensive", primary=False)
        ids = library.claim_ids()
        library.dismiss_claim(ids[5])
        library.merge_with_next(ids[8])
        library.edit_document(3, DocumentEdit("Homs edge, retitled", "AP", "2024-12-05"))
        library.mark_opened(1)
        library.save_search("hama", "hama")
        library.save_search("iran", "iran OR tehran")
    finally:
        library.close()
    return path, {"hama": hama, "kremlin": kremlin, "note": note.id, "gone": gone.id}


def test_file_to_server_to_file_keeps_everything(
    capsys: pytest.CaptureFixture[str], worked_file: Worked, pg_library_url: str, tmp_path: Path
) -> None:
    source, touched = worked_file
    back = tmp_path / "again" / "back.db"
    back.parent.mkdir()
    up = copy(capsys, "--from", source, "--to", pg_library_url)
    assert (up.code, up.err) == (0, "") and f"{pg_library_url}: 3 documents, " in up.out, up.err
    down = copy(capsys, "--from", pg_library_url, "--to", back)
    assert (down.code, down.err) == (0, ""), down.err
    # every row of every table, ids included; the same export and searches from all three
    original = dump(source)
    assert dump(pg_library_url) == original and dump(back) == original
    assert all(original[t] for t in ("note_revisions", "dismissed_claims", "saved_searches"))
    assert exported(capsys, pg_library_url) == exported(capsys, source) == exported(capsys, back)
    for query in QUERIES:
        on_file = found(capsys, source, query)
        assert on_file and found(capsys, back, query) == on_file, query
        assert set(found(capsys, pg_library_url, query)) == set(on_file), query
    # the copy's search indexes are sound, and its notes are mirrored
    assert run_cli(capsys, "--db", back, "check").out == "ok\n"
    assert (mirror_folder(back) / f"claim-{touched['hama']:06d}.md").is_file()
    library = Library.open(back)
    try:
        revisions = [r.body for r in library.revisions(touched["note"])]
        assert revisions == ["Second reading", "First reading"]
        assert library.note(touched["note"]).body == "Check against the ISW map"
        assert [n.id for n in library.deleted_notes()] == [touched["gone"]]
        hama, kremlin = library.claims([touched["hama"], touched["kremlin"]])
        assert (hama.reliability, hama.credibility, kremlin.reliability) == ("A", 3, "B")
        assert hama.primary_theme is not None and hama.primary_theme.key == "assad-defense"
        assert "offensive" in {t.key for t in kremlin.themes}
        assert library.document_details(3).title == "Homs edge, retitled"
    finally:
        library.close()
    # the server gives new rows ids after the copied ones (its sequences were set)
    noted = run_cli(capsys, "--db", pg_library_url, "note", "1", "After the copy")
    most = max(original["notes"])[0]
    assert (noted.code, noted.out) == (0, f"Added note {most + 1} to claim 1.\n"), noted.err
    more = run_cli(capsys, "--db", pg_library_url, "import", ALMONITOR)
    assert more.code == 0 and "(document 4)" in more.out, more.err


def test_copying_twice_changes_nothing(
    capsys: pytest.CaptureFixture[str], worked_file: Worked, pg_library_url: str, tmp_path: Path
) -> None:
    source, _ = worked_file
    for target in (pg_library_url, tmp_path / "twice.db"):
        assert copy(capsys, "--from", source, "--to", target).code == 0
        first = dump(target)
        again = copy(capsys, "--from", source, "--to", target, "--merge")
        assert (again.code, again.err) == (0, ""), again.err
        assert ": 0 documents, 0 claims, 0 notes.\n3 documents were in it already" in again.out
        assert copy(capsys, "--from", source, "--to", target).code == 2
        assert dump(target) == first == dump(source)


def test_a_target_that_is_not_empty_needs_merge(
    capsys: pytest.CaptureFixture[str], worked_file: Worked, pg_seeded_url: str, tmp_path: Path
) -> None:
    source, _ = worked_file
    other = tmp_path / "other.db"
    Library.open(other, seed=True).close()
    for target in (pg_seeded_url, other):
        before = dump(target)
        refused = copy(capsys, "--from", source, "--to", target)
        assert (refused.code, refused.out) == (2, "")
        assert "is not empty (it holds" in refused.err and "--merge" in refused.err
        assert "Nothing was written" in refused.err and "Traceback" not in refused.err
        assert dump(target) == before
    # With --merge, the server gets the two briefings it lacks, under ids of its sequences.
    merged = copy(capsys, "--from", source, "--to", pg_seeded_url, "--merge")
    assert (merged.code, merged.err) == (0, "") and ": 2 documents, " in merged.out, merged.err
    library = Library.open(pg_seeded_url)
    try:
        moved = claim_with(library, HAMA)
        assert [n.body for n in library.notes(moved)] == ["Check against the ISW map"]
        assert library.claim(moved).reliability == "A"
        assert library.add_note(moved, "After the merge").id > max(dump(source)["notes"])[0]
    finally:
        library.close()
    assert moved in found(capsys, pg_seeded_url, "outskirts")


def test_merge_adds_only_the_new_documents_with_their_references(
    capsys: pytest.CaptureFixture[str], pg_library_url: str, tmp_path: Path
) -> None:
    source = Library.open(pg_library_url)  # REUTERS first, then the target's own briefing
    try:
        source.import_files([REUTERS, SEED])
        hama = claim_with(source, HAMA)
        note = source.add_note(hama, "Rebels in Hama: first text")
        source.update_note(note.id, "Rebels in Hama: check the ISW map")
        [on_seed, *_] = source.claim_ids(ClaimFilter(document_id=2))
        source.add_note(on_seed, "On a briefing the target has already")
        source.override_reliability(hama, "B")
        source.move_to_theme(hama, "foreign-forces")
        source.save_search("hama", "something else")
        source.save_search("iran", "iran OR tehran")
    finally:
        source.close()
    target = tmp_path / "target.db"
    library = Library.open(target, seed=True)
    library.save_search("hama", "hama")
    library.add_note(1, "The target's own note")
    library.close()
    before = dump(target)

    merged = copy(capsys, "--from", pg_library_url, "--to", target, "--merge")
    assert (merged.code, merged.err) == (0, ""), merged.err
    assert ": 1 documents, 16 claims, 1 notes.\n1 document was in it already" in merged.out
    after = dump(target)
    assert [d[0] for d in after["documents"]] == [1, 2]
    for table in ("documents", "claims", "notes", "paragraphs", "mentions"):
        assert after[table][: len(before[table])] == before[table], table
    library = Library.open(target)
    try:
        moved = claim_with(library, HAMA)
        claim = library.claim(moved)
        assert claim.document_id == 2 and moved > 16 and claim.reliability == "B"
        assert claim.primary_theme is not None and claim.primary_theme.key == "foreign-forces"
        [copied] = library.notes(moved)
        assert copied.body == "Rebels in Hama: check the ISW map"
        assert [r.body for r in library.revisions(copied.id)] == ["Rebels in Hama: first text"]
        assert [n.body for n in library.notes(1)] == ["The target's own note"]
        searches = {s.name: s.query for s in library.saved_searches()}
        assert searches == {"hama": "hama", "iran": "iran OR tehran"}
        assert library.add_note(moved, "After the merge").id == copied.id + 1
    finally:
        library.close()
    assert moved in found(capsys, target, "outskirts")
    assert (mirror_folder(target) / f"claim-{moved:06d}.md").is_file()
    again = copy(capsys, "--from", pg_library_url, "--to", target, "--merge")
    assert again.code == 0 and ": 0 documents, 0 claims, 0 notes." in again.out


def _new_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("new"))


def test_broken_input_is_told_in_one_line_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], worked_file: Worked, pg_url: str, tmp_path: Path
) -> None:
    source, _ = worked_file
    target, text = tmp_path / "new.db", tmp_path / "notes.txt"
    text.write_text("not a library\n", encoding="utf-8")
    (tmp_path / "link.db").symlink_to(source)
    cases: list[tuple[Path | str, Path | str, str]] = [
        (text, target, "is not a Briefing reader library"),
        (tmp_path / "missing.db", target, "does not exist: there is no library to copy from"),
        (source, pg_url, "holds no Briefing reader library yet. Its owner creates one with: "),
        (source, source, "name the same library"),
        (source, tmp_path / "link.db", "name the same library"),
        (source, "mysql://desk@host/team", "is not a library"),
    ]
    kept = fingerprint(source)
    for origin, destination, told in cases:
        done = copy(capsys, "--from", origin, "--to", destination)
        assert done.code == 2, (origin, destination)
        assert done.err.startswith("briefing-app: error: ") and done.err.count("\n") == 1
        assert told in done.err, done.err
        assert _new_files(tmp_path) == [] and fingerprint(source) == kept
    with psycopg.connect(pg_url) as connection:
        query = "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
        assert connection.execute(query).fetchone() == (0,)
    with_db = run_cli(capsys, "--db", source, "copy", "--from", source, "--to", target)
    assert with_db.code == 2 and "--from and --to, not --db" in with_db.err


def test_a_failure_half_way_leaves_the_target_as_it_was(
    capsys: pytest.CaptureFixture[str], worked_file: Worked, pg_library_url: str, tmp_path: Path
) -> None:
    source, _ = worked_file
    # The server refuses notes (a trigger), after documents and claims were written.
    with psycopg.connect(pg_library_url, autocommit=True) as connection:
        connection.execute(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql"
            " AS $$ BEGIN RAISE EXCEPTION 'no notes here'; END $$"
        )
        connection.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION refuse()"
        )
    before = dump(pg_library_url)
    failed = copy(capsys, "--from", source, "--to", pg_library_url)
    assert failed.code == 2 and "no notes here" in failed.err and "Traceback" not in failed.err
    assert dump(pg_library_url) == before and before["documents"] == []
    # A file made for the copy is removed when the copy fails (a claim the file refuses).
    with psycopg.connect(pg_library_url, autocommit=True) as connection:
        connection.execute("DROP TRIGGER refuse ON notes")
    assert copy(capsys, "--from", source, "--to", pg_library_url).code == 0
    with psycopg.connect(pg_library_url, autocommit=True) as connection:
        connection.execute("ALTER TABLE claims DROP CONSTRAINT ck_claims_credibility_range")
        connection.execute("UPDATE claims SET credibility = 9 WHERE id = 5")
    target = tmp_path / "new.db"
    failed = copy(capsys, "--from", pg_library_url, "--to", target)
    assert failed.code == 2 and "credibility" in failed.err and "Traceback" not in failed.err
    assert _new_files(tmp_path) == [] and not os.path.lexists(mirror_folder(target))


def test_libraries_of_many_pages_copy_and_merge(
    capsys: pytest.CaptureFixture[str], pg_library_url: str, tmp_path: Path
) -> None:
    (tmp_path / "reports").mkdir()
    reports = []
    for number in range(35):  # 17 claims each: every big table takes more than one page
        reports.append(tmp_path / "reports" / f"report-{number:02d}.txt")
        later = f"A later report, number {number}, said rebels held {number} villages near Hama."
        reports[-1].write_text(f"{REUTERS.read_text(encoding='utf-8')}\n{later}\n")
    source = tmp_path / "many.db"
    library = Library.open(source)
    try:
        library.import_files(reports)
        late = claim_with(library, "number 30,")
        note = library.add_note(late, "Late in the library")
        library.update_note(note.id, "Late in the library, revised")
        library.move_to_theme(late, "foreign-forces")
    finally:
        library.close()
    assert len(dump(source)["claims"]) > 500
    assert copy(capsys, "--from", source, "--to", pg_library_url).code == 0
    back = tmp_path / "back.db"
    assert copy(capsys, "--from", pg_library_url, "--to", back).code == 0
    assert dump(back) == dump(pg_library_url) == dump(source)
    # A library with ten of the reports, imported in another order, gets the other 25.
    target = tmp_path / "ten.db"
    library = Library.open(target)
    library.import_files(list(reversed(reports[:10])))
    library.close()
    merged = copy(capsys, "--from", pg_library_url, "--to", target, "--merge")
    assert merged.code == 0 and ": 25 documents, 425 claims, 1 notes." in merged.out, merged.out
    library = Library.open(target)
    try:
        moved = claim_with(library, "number 30,")
        assert [n.body for n in library.notes(moved)] == ["Late in the library, revised"]
        claim = library.claim(moved)
        assert claim.primary_theme is not None and claim.primary_theme.key == "foreign-forces"
        assert "number 30," in library.document_text(claim.document_id).text
    finally:
        library.close()
    assert run_cli(capsys, "--db", target, "check").out == "ok\n"
    assert moved in found(capsys, target, '"number 30"')


def test_a_theme_whose_id_the_target_uses_gets_a_new_one(
    worked_file: Worked, tmp_path: Path
) -> None:
    source, touched = worked_file
    theme = "INSERT INTO themes VALUES (10, ?, ?, '', '#123456', ?)"  # id key label ... ord
    with sqlite3.connect(source) as connection:  # a theme of an older taxonomy, still used
        connection.execute(theme, ("legacy", "Legacy", 9))
        connection.execute(
            "INSERT INTO claim_themes (claim_id, theme_id, is_primary, origin, why)"
            " VALUES (?, 10, FALSE, 'analyst', 'kept')",
            (touched["kremlin"],),
        )
    connection.close()
    target = tmp_path / "target.db"
    Library.open(target).close()  # the taxonomy, written on opening: ids 1 to 3
    with sqlite3.connect(target) as connection:  # the target's themes under other ids
        connection.execute("UPDATE themes SET id = id + 20")
        connection.execute(theme, ("other", "Other", 8))
    connection.close()
    seen: list[TableCopy] = []
    outcome = copy_library(str(source), str(target), progress=seen.append)
    assert [t.table for t in seen] == [s.name for s in table_specs()]
    assert {"documents", "claims", "filings", "notes", "note revisions"} <= {t.label for t in seen}
    assert outcome.copied("documents") == 3 and outcome.copied("note_revisions") == 2
    assert (outcome.copied("themes"), outcome.already("themes")) == (1, 3)
    filings = (
        "SELECT ct.claim_id, t.key, ct.is_primary, ct.origin, ct.why FROM claim_themes ct"
        " JOIN themes t ON t.id = ct.theme_id ORDER BY 1, 2"
    )
    assert sql_rows(target, filings) == sql_rows(source, filings)
    assert sql_rows(target, "SELECT id, key FROM themes ORDER BY id") == [
        (10, "other"),
        (21, "offensive"),
        (22, "assad-defense"),
        (23, "foreign-forces"),
        (24, "legacy"),
    ]
