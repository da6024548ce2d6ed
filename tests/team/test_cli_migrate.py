"""``briefing-app migrate``, on a team library (PostgreSQL) and on a library file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from briefing_app.store.database import HEAD_REVISION
from briefing_app.store.server import ServerUrl, check_schema
from tests.cli_helpers import run_cli, sql_rows
from tests.pg_server import PgServer

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "tests" / "data" / "schemas"
SECRET = "s3cret-pw"


def tables(url: str) -> list[str]:
    with psycopg.connect(url) as connection:
        found = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return sorted(name for (name,) in found)


def create_role(server: PgServer, name: str, database: str, *, owner: bool) -> None:
    server.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{SECRET}'")
    if owner:
        server.execute(f'ALTER DATABASE "{database}" OWNER TO {name}')


@pytest.mark.postgresql
def test_migrate_makes_a_library_on_the_server_end_to_end(server_url: ServerUrl) -> None:
    command = [sys.executable, "-m", "briefing_app", "--db", server_url.text, "migrate"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == f"{server_url.text}: a new library, created at schema {HEAD_REVISION}.\n"
    assert (again.returncode, again.stderr) == (0, "")
    assert "already at schema" in again.stdout
    assert check_schema(server_url) == HEAD_REVISION


@pytest.mark.postgresql
def test_the_url_can_come_from_the_environment(
    pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_APP_DB", pg_url)
    outcome = run_cli(capsys, "migrate")
    assert outcome.code == 0, outcome.err
    assert "claims" in tables(pg_url)


@pytest.mark.postgresql
@pytest.mark.parametrize(
    ("command", "says"),
    [
        (["search", "homs"], "holds no Briefing reader library yet"),
        (["note", "1", "x"], "holds no Briefing reader library yet"),
        (["import", "nothing.txt"], "holds no Briefing reader library yet"),
        (["export"], "holds no Briefing reader library yet"),
        (["backup"], "'briefing-app backup' is for library files"),
        (["backups"], "'briefing-app backups' is for library files"),
        (["check"], "'briefing-app check' is for library files"),
        (["restore", "x.db"], "'briefing-app restore' is for library files"),
    ],
)
def test_a_client_never_makes_a_library_on_the_server(
    pg_url: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    says: str,
) -> None:
    """An empty database is made a library by 'migrate' only; the file commands refuse."""
    monkeypatch.chdir(tmp_path)
    outcome = run_cli(capsys, "--db", pg_url, *command)
    assert outcome.code == 2
    assert outcome.out == ""
    assert outcome.err.count("\n") == 1
    assert says in outcome.err
    assert "briefing-app migrate --db" in outcome.err or "Nothing was done" in outcome.err
    assert tables(pg_url) == []
    assert list(tmp_path.iterdir()) == []  # no file made from the URL either


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://briefing:{SECRET}@/library?host=/nowhere",
        f"postgresql://briefing@/library?host=/nowhere&password={SECRET}",
    ],
)
def test_a_password_in_the_url_is_refused_before_anything_is_done(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    on_the_line = run_cli(capsys, "--db", url, "migrate")
    monkeypatch.setenv("BRIEFING_APP_DB", url)
    from_the_environment = run_cli(capsys, "migrate")
    for outcome in (on_the_line, from_the_environment):
        assert outcome.code == 2
        assert SECRET not in outcome.out + outcome.err
        assert "~/.pgpass" in outcome.err and "PGPASSWORD" in outcome.err
        assert outcome.err.count("\n") == 1


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgresql://briefing@/library?host=/nowhere", "Cannot reach the team library"),
        ("postgresql://briefing@127.0.0.1:1/library", "Cannot reach the team library"),
        ("postgresql://briefing@/library?host=/nowhere&sslmode=sometimes", "has a setting"),
        ("postgresql://briefing@/library?host=/nowhere&port=notaport", "has a setting"),
        ("postgresql://briefing@/library?host=/nowhere&colour=blue", "cannot be read"),
        ("postgresql://briefing@/", "names no database"),
    ],
)
def test_a_bad_or_unreachable_server_is_one_line_and_exit_2(
    url: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    outcome = run_cli(capsys, "--db", url, "migrate")
    assert outcome.code == 2
    assert outcome.err.startswith("briefing-app: error: ") and says in outcome.err
    assert outcome.err.count("\n") == 1


@pytest.mark.postgresql
def test_passwords_come_from_pgpass_or_pgpassword(
    pg_server: PgServer,
    server_url: ServerUrl,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = str(server_url.database)
    owner = f"owner_{database}"
    create_role(pg_server, owner, database, owner=True)
    url = pg_server.url(database, user=owner)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.delenv("PGPASSFILE", raising=False)

    without = run_cli(capsys, "--db", url, "migrate")
    assert without.code == 2
    assert "wants a password" in without.err and "~/.pgpass" in without.err

    monkeypatch.setenv("PGPASSWORD", SECRET)
    assert run_cli(capsys, "--db", url, "migrate").code == 0  # the owner, not a superuser
    monkeypatch.delenv("PGPASSWORD")

    pgpass = Path.home() / ".pgpass"
    pgpass.write_text(f"*:*:{database}:{owner}:{SECRET}\n")
    pgpass.chmod(0o600)
    by_file = run_cli(capsys, "--db", url, "migrate")
    assert by_file.code == 0, by_file.err
    assert "already at schema" in by_file.out
    assert SECRET not in by_file.out + by_file.err + without.out + without.err


@pytest.mark.postgresql
def test_a_role_that_may_not_change_the_schema_is_told_so(
    pg_server: PgServer,
    server_url: ServerUrl,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    database = str(server_url.database)
    analyst = f"analyst_{database}"
    create_role(pg_server, analyst, database, owner=False)
    monkeypatch.setenv("PGPASSWORD", SECRET)
    outcome = run_cli(capsys, "--db", pg_server.url(database, user=analyst), "migrate")
    assert outcome.code == 2
    assert "may not do this" in outcome.err and "library's owner" in outcome.err
    assert tables(server_url.text) == []


@pytest.mark.postgresql
def test_a_newer_library_on_the_server_is_refused(
    server_url: ServerUrl, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "--db", server_url.text, "migrate").code == 0
    with psycopg.connect(server_url.text) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    outcome = run_cli(capsys, "--db", server_url.text, "migrate")
    assert outcome.code == 2
    assert "newer version of Briefing reader (schema 0099_from_the_future)" in outcome.err


def test_migrate_upgrades_a_library_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "library.db"
    shutil.copy(SCHEMAS / "0007_briefings_index.db", path)
    first = run_cli(capsys, "--db", path, "migrate")
    assert first.code == 0, first.err
    assert f"upgraded from schema 0007_briefings_index to {HEAD_REVISION}" in first.out
    assert sql_rows(path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]
    assert len(list((tmp_path / "backups").glob("*-before-0007_briefings_index.db"))) == 1
    again = run_cli(capsys, "--db", path, "migrate")
    assert (again.code, again.out) == (
        0,
        f"{path}: already at schema {HEAD_REVISION}, nothing to do.\n",
    )


def test_migrate_does_not_make_a_library_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outcome = run_cli(capsys, "--db", tmp_path / "typo.db", "migrate")
    assert outcome.code == 2
    assert "there is no library to migrate" in outcome.err
    assert list(tmp_path.iterdir()) == []
