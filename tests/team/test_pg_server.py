"""The test server: its own folder and socket, no TCP port, stopped and removed at the end."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from tests.pg_server import SETTINGS, PgServer, PgServerError

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.postgresql


def test_the_server_listens_on_its_own_socket_only(pg_server: PgServer, pg_url: str) -> None:
    with psycopg.connect(pg_url) as connection:
        listen = connection.execute("SHOW listen_addresses").fetchone()
        sockets = connection.execute("SHOW unix_socket_directories").fetchone()
        version = connection.execute("SHOW server_version_num").fetchone()
    assert listen == ("",)
    assert sockets == (pg_server.socket_dir,)
    assert version is not None and int(version[0]) >= 150000
    assert (Path(pg_server.socket_dir) / ".s.PGSQL.5432").is_socket()


def test_it_runs_unprivileged(pg_server: PgServer) -> None:
    owner = pwd.getpwuid(pg_server.data.stat().st_uid).pw_name
    assert owner == ("postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name)


def test_a_server_stops_and_leaves_nothing_behind() -> None:
    server = PgServer()
    server.start()
    pid = int((server.data / "postmaster.pid").read_text().split()[0])
    server.stop()
    assert not server.folder.exists()
    assert not _alive(pid)
    server.stop()  # again (atexit does): harmless


def test_a_killed_test_run_leaves_no_server_behind() -> None:
    code = (
        "import os, signal; from tests.pg_server import PgServer; s = PgServer(); s.start();"
        " print(s.folder, (s.data / 'postmaster.pid').read_text().split()[0], flush=True);"
        " os.kill(os.getpid(), signal.SIGKILL)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    folder, pid = done.stdout.split()
    assert Path(folder).name.startswith("briefing-pg-")
    for _ in range(100):  # the watchdog looks once a second
        if not Path(folder).exists() and not _alive(int(pid)):
            break
        time.sleep(0.1)
    assert not Path(folder).exists()
    assert not _alive(int(pid))


def test_a_server_that_cannot_start_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(SETTINGS, "shared_buffers", "'plenty'")
    server = PgServer()
    with pytest.raises(PgServerError) as failure:
        server.start()
    server.stop()
    assert 'invalid value for parameter "shared_buffers"' in str(failure.value)
    assert not server.folder.exists()


def test_without_a_server_the_suite_fails_and_says_why(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{Path(__file__)}::test_it_runs_unprivileged",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "BRIEFING_TEST_PG_ROOT": str(tmp_path)},
        timeout=120,
    )
    assert done.returncode == 1, done.stdout
    assert "1 error" in done.stdout and "skipped" not in done.stdout
    assert "PostgreSQL is not installed" in done.stdout
    assert "apt-get install -y postgresql" in done.stdout


def _alive(pid: int) -> bool:
    """Return whether a process runs (a zombie left for a PID 1 that does not reap is dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")
