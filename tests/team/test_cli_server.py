"""The command line on a team library: ``briefing-app`` run as a process against the test server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.store.migrate import upgrade_server
from briefing_app.store.server import parse_server_url
from tests.conftest import DATA, SEED

pytestmark = pytest.mark.postgresql

ROOT = Path(__file__).resolve().parents[2]
REUTERS = DATA / "articles" / "001_reuters_hama_outskirts.txt"
TIMEOUT_S = 120


def cli(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``briefing-app`` in a process of its own, as a user would."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "briefing_app", *map(str, argv)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=TIMEOUT_S)


def comparable(export: str) -> dict[str, object]:
    """Return a JSON export without what differs between two runs (its time, note times).

    Who wrote a note differs too: the database role on the server, the login on the file.
    """
    data = json.loads(export)
    data.pop("exported")
    for document in data["documents"]:
        for claim in document["claims"]:
            for note in claim["notes"]:
                note.pop("created"), note.pop("updated"), note.pop("analyst")
    return dict(data)


def test_import_note_and_export_give_what_a_library_file_gives(pg_url: str, tmp_path: Path) -> None:
    """The same commands on a server and on a file: the same library, to the byte of JSON."""
    assert cli("--db", pg_url, "migrate").returncode == 0
    file = tmp_path / "library.db"
    exports = []
    for db in (pg_url, file):
        imported = cli("--db", db, "import", SEED, REUTERS)
        assert (imported.returncode, imported.stderr) == (0, ""), imported.stderr
        assert "16 claims (document 1)" in imported.stdout
        again = cli("--db", db, "import", REUTERS)
        assert "already in the library" in again.stdout
        noted = cli("--db", db, "note", "7", "Check against the ISW map")
        assert (noted.returncode, noted.stdout) == (0, "Added note 1 to claim 7.\n")
        exported = cli("--db", db, "export", "--format", "json")
        assert (exported.returncode, exported.stderr) == (0, ""), exported.stderr
        exports.append(comparable(exported.stdout))
    on_server, on_file = exports
    assert on_server == on_file
    claims = [c for d in on_server["documents"] for c in d["claims"]]  # type: ignore[attr-defined]
    assert len(claims) == 32
    assert [n["body"] for c in claims for n in c["notes"]] == ["Check against the ISW map"]


def test_export_to_a_file_and_by_theme_or_document(pg_url: str, tmp_path: Path) -> None:
    assert cli("--db", pg_url, "migrate").returncode == 0
    assert cli("--db", pg_url, "import", SEED, REUTERS).returncode == 0
    target = tmp_path / "offensive.md"
    done = cli("--db", pg_url, "export", "--format", "md", "--theme", "offensive", "-o", target)
    assert (done.returncode, done.stderr) == (0, "")
    assert "The offensive" in target.read_text(encoding="utf-8")
    second = json.loads(cli("--db", pg_url, "export", "--document", "2").stdout)
    assert [d["id"] for d in second["documents"]] == [2]
    assert len(second["documents"][0]["claims"]) == 16


def test_search_by_fields_and_by_words_gives_what_a_file_gives(pg_url: str, tmp_path: Path) -> None:
    file = tmp_path / "library.db"
    for db in (pg_url, file):
        if db == pg_url:
            assert cli("--db", db, "migrate").returncode == 0
        assert cli("--db", db, "import", SEED).returncode == 0
    queries = ["theme:foreign-forces", "homs", '"Hayat Tahrir"', "assad -russia", "reb*"]
    for query in [
        *queries,
        "doc:syria",
        "entity:assad",
        "outlet:reuters OR rebels",
        "-homs -rebels",
    ]:
        on_server = cli("--db", pg_url, "search", "--json", query)
        on_file = cli("--db", file, "search", "--json", query)
        assert (on_server.returncode, on_server.stderr) == (0, ""), query
        server_ids = {hit["id"] for hit in json.loads(on_server.stdout)}
        file_ids = {hit["id"] for hit in json.loads(on_file.stdout)}
        assert server_ids == file_ids and server_ids, query


def test_a_pdf_of_a_team_library_is_written(pg_url: str, tmp_path: Path) -> None:
    assert cli("--db", pg_url, "migrate").returncode == 0
    assert cli("--db", pg_url, "import", SEED).returncode == 0
    done = cli("--db", pg_url, "export", "--format", "pdf", "-o", tmp_path / "r.pdf")
    assert (done.returncode, done.stderr) == (0, "")
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")


def test_an_old_schema_on_the_server_is_never_upgraded_by_a_client(pg_url: str) -> None:
    upgrade_server(parse_server_url(pg_url), to="0007_briefings_index")
    refused = cli("--db", pg_url, "note", "1", "hello")
    assert refused.returncode == 2
    assert "has schema 0007_briefings_index" in refused.stderr
    assert f"briefing-app migrate --db '{pg_url}'" in refused.stderr
    assert cli("--db", pg_url, "migrate").returncode == 0
    assert "no claim 1" in cli("--db", pg_url, "note", "1", "hello").stderr


def test_the_url_may_come_from_the_environment(pg_url: str) -> None:
    assert cli("--db", pg_url, "migrate").returncode == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFING_APP_DB": pg_url}
    done = subprocess.run(
        [sys.executable, "-m", "briefing_app", "import", str(SEED)],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT_S,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "16 claims" in done.stdout
