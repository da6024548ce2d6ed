"""A throwaway PostgreSQL server for the tests: its own folder, its own socket, stopped at exit.

Debian's binaries (``/usr/lib/postgresql/<version>/bin``, the newest) run ``initdb``
and ``pg_ctl`` in a temporary folder. The server listens on a Unix socket in that
folder only (no TCP port), trusts its one superuser (``briefing``) and is stopped,
and its folder removed, by :meth:`PgServer.stop`: the session fixture's finalizer
calls it, ``atexit`` does if the run ends before that, and a watchdog process does
if the run is killed. ``initdb`` refuses to
run as root, so as root the server runs as the ``postgres`` system user (created
if missing), which is given the folder.

Run ``python -m tests.pg_server`` to start one by hand; it prints the URL and
stops on Enter.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import shlex
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

# Debian's layout; BRIEFING_TEST_PG_ROOT points elsewhere (the tests of a missing server use it).
PG_ROOT = Path(os.environ.get("BRIEFING_TEST_PG_ROOT", "/usr/lib/postgresql"))
USER = "briefing"  # the server's superuser, trusted on the socket
SERVICE_ACCOUNT = "postgres"  # who runs the server when the tests run as root
START_TIMEOUT_S = 60
APT_LINE = "sudo apt-get install -y postgresql  (or: make pg-deps)"
# Speed over durability: the data is thrown away at the end.
SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "60",
    "shared_buffers": "64MB",
    "log_min_messages": "warning",
}


class PgServerError(RuntimeError):
    """The test server could not be set up or started (the message ends with its log)."""


def binaries() -> Path:
    """Return the ``bin`` folder of the newest PostgreSQL installed from Debian's packages."""
    found = [
        folder / "bin"
        for folder in PG_ROOT.glob("*")
        if re.fullmatch(r"\d+(\.\d+)?", folder.name) and (folder / "bin" / "initdb").is_file()
    ]
    if not found:
        raise PgServerError(
            f"PostgreSQL is not installed: no {PG_ROOT}/*/bin/initdb. Install it with {APT_LINE}."
        )
    return max(found, key=lambda path: tuple(int(p) for p in path.parent.name.split(".")))


class PgServer:
    """One PostgreSQL server in a temporary folder, reached through its socket there."""

    def __init__(self) -> None:
        self.bin = binaries()
        self.version = int(self.bin.parent.name.split(".")[0])
        # Short: a socket path is limited to 107 bytes.
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-pg-", dir=_temp_root()))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.run_as = SERVICE_ACCOUNT if os.geteuid() == 0 else None
        self.running = False
        self.watchdog: subprocess.Popen[bytes] | None = None
        atexit.register(self.stop)

    @property
    def socket_dir(self) -> str:
        """Return the folder that holds the server's socket (libpq's ``host``)."""
        return str(self.folder)

    def url(self, database: str = "postgres", user: str = USER) -> str:
        """Return a ``postgresql://`` URL of a database on this server."""
        return f"postgresql://{user}@/{database}?host={self.socket_dir}"

    def start(self) -> None:
        """Create the cluster and start the server; raise PgServerError with its log if not."""
        if self.run_as is not None:
            _ensure_account(self.run_as)
            shutil.chown(self.folder, self.run_as, self.run_as)
        self._run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            USER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
            "--no-sync",
        )
        settings = {
            **SETTINGS,
            "listen_addresses": "''",
            "unix_socket_directories": f"'{self.socket_dir}'",
            "unix_socket_permissions": "0777",
        }
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# tests/pg_server.py\n")
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
        # Only the socket: trust the superuser, ask every other role for its password.
        (self.data / "pg_hba.conf").write_text(
            f"local all {USER} trust\nlocal all all scram-sha-256\n", encoding="utf-8"
        )
        self.running = True  # from here on, stop() tries to stop it, even if start fails
        self._watch()
        self.restart()

    def stop(self) -> None:
        """Stop the server (at once: nothing in it is kept) and remove its folder."""
        if self.running:
            self.running = False
            with contextlib.suppress(PgServerError):  # already gone: the folder goes all the same
                self._run("pg_ctl", "stop", "--pgdata", str(self.data), "--mode", "immediate")
        if self.watchdog is not None:
            self.watchdog.kill()
            self.watchdog.wait()
            self.watchdog = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def stop_keeping_data(self) -> None:
        """Stop the server as its administrator would (``pg_ctl stop -m fast``), keeping its data.

        Every session is ended (an open transaction is rolled back) and the socket goes
        away; :meth:`restart` starts the server again on the same data and socket.
        :meth:`stop` still stops it and removes its folder, whichever state it is in.
        """
        self._run(
            "pg_ctl",
            "stop",
            "--pgdata",
            str(self.data),
            "--mode",
            "fast",
            "--wait",
            "--timeout",
            str(START_TIMEOUT_S),
        )

    def restart(self) -> None:
        """Start the server on its data (again, after :meth:`stop_keeping_data`: same socket)."""
        self._run(
            "pg_ctl",
            "start",
            "--pgdata",
            str(self.data),
            "--log",
            str(self.log),
            "--wait",
            "--timeout",
            str(START_TIMEOUT_S),
        )

    def is_up(self) -> bool:
        """Return whether the server is running (``pg_ctl status``)."""
        done = subprocess.run(
            self._command("pg_ctl", "status", "--pgdata", str(self.data)),
            capture_output=True,
            timeout=START_TIMEOUT_S,
            cwd=self.folder,
        )
        return done.returncode == 0

    def _watch(self) -> None:
        """Start a watchdog that stops the server if this process dies without stopping it.

        The fixture's finalizer and ``atexit`` cover failed tests and normal exits; a
        SIGKILL or a SIGTERM (a CI timeout) runs neither, so a small shell loop outlives
        us, sees our process gone and stops the server.
        """
        stop = shlex.join(
            self._command("pg_ctl", "stop", "--pgdata", str(self.data), "--mode", "immediate")
        )
        script = (
            f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; "
            f"{stop} >/dev/null 2>&1; rm -rf {shlex.quote(str(self.folder))}"
        )
        self.watchdog = subprocess.Popen(
            ["sh", "-c", script],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def create_database(self, prefix: str = "t") -> str:
        """Create an empty database (from template0) and return its name."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, closing any session still in it."""
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def execute(self, statement: str, database: str = "postgres") -> None:
        """Run one statement as the superuser, outside a transaction."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as connection:
            connection.execute(statement.encode("utf-8"))

    def log_tail(self, lines: int = 30) -> str:
        """Return the last lines of the server's log (empty if it has none)."""
        try:
            text = self.log.read_text("utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def _command(self, program: str, *args: str) -> list[str]:
        command = [str(self.bin / program), *args]
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        return command

    def _run(self, program: str, *args: str) -> None:
        command = self._command(program, *args)
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=START_TIMEOUT_S + 30,
                cwd=self.folder,
                env={**os.environ, "LC_ALL": "C.UTF-8"},
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PgServerError(self._failure(program, str(error))) from error
        if done.returncode != 0:
            raise PgServerError(self._failure(program, done.stderr.strip() or done.stdout.strip()))

    def _failure(self, program: str, output: str) -> str:
        tail = self.log_tail()
        return (
            f"The test PostgreSQL server ({self.bin}) could not be set up: {program} failed.\n"
            f"{output}\n"
            + (f"--- the end of {self.log} ---\n{tail}" if tail else "(the server wrote no log)")
        )


def _temp_root() -> str:
    """Return a temporary folder the ``postgres`` account can reach (``/tmp`` when root)."""
    if os.geteuid() == 0 and Path("/tmp").is_dir():
        return "/tmp"  # TMPDIR may sit in /root, which postgres cannot enter
    return tempfile.gettempdir()


def _ensure_account(name: str) -> None:
    """Create the unprivileged system account that runs the server, if it is missing."""
    try:
        pwd.getpwnam(name)
        return
    except KeyError:
        pass
    done = subprocess.run(
        ["useradd", "--system", "--user-group", "--no-create-home", "--shell", "/bin/sh", name],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise PgServerError(
            f"initdb cannot run as root and the {name!r} account could not be created: "
            f"{done.stderr.strip()}"
        )


if __name__ == "__main__":
    server = PgServer()
    server.start()
    print(server.url(server.create_database("manual")))
    input("Running; press Enter to stop. ")
    server.stop()


def started_server() -> PgServer:
    """Return a server that runs, or fail the test run with why it cannot (never skip).

    Its caller stops it (:meth:`PgServer.stop`) when done.
    """
    import pytest

    try:
        server = PgServer()
    except PgServerError as error:  # no PostgreSQL installed
        pytest.fail(str(error), pytrace=False)
    try:
        server.start()
    except PgServerError as error:
        server.stop()
        pytest.fail(str(error), pytrace=False)
    return server
