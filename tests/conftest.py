"""Shared fixtures: headless Qt, a library and settings in tmp_path, a throwaway PostgreSQL.

Tests of the store run on both backends through ``backend_library`` and
``seeded_backend_library``: a library file in tmp_path, and a team library in a
database of its own on the test server (tests/pg_server.py). If that server cannot
start, the PostgreSQL half fails with its log: it is never skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from briefing_app.bundled import bundled_briefings, resource_dir  # noqa: E402
from briefing_app.services.library import Library  # noqa: E402
from briefing_app.store.server import ServerUrl, parse_server_url  # noqa: E402
from tests.pg_server import PgServer, started_server  # noqa: E402

DATA = Path(__file__).parent / "data"
SEED = resource_dir() / "000_c58f06d55b31cb96.txt"
SEED_GOLD = DATA / "000_c58f06d55b31cb96.gold.json"


@pytest.fixture(autouse=True)
def _isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every user folder at a temporary one: no test touches the user's files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("BRIEFING_APP_DB", raising=False)


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    """Return a path for a new library file."""
    return tmp_path / "library.db"


@pytest.fixture
def seeded_library(library_path: Path) -> Iterator[Library]:
    """Return a library holding the bundled briefing."""
    library = Library.open(library_path, seed=True)
    yield library
    library.close()


# the test server (tests/pg_server.py)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """Start one server for the session; stop it at the end, whatever happened."""
    server = started_server()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """Return the URL of an empty database of its own, dropped after the test."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def server_url(pg_url: str) -> ServerUrl:
    """Return :func:`pg_url`, checked as the app checks ``--db``."""
    return parse_server_url(pg_url)


@pytest.fixture(scope="session")
def pg_library_templates(pg_server: PgServer) -> Iterator[dict[str, str]]:
    """Return two databases to copy: an empty library, and one with the bundled briefing.

    Migrating (or importing) once per session, then copying with ``CREATE DATABASE
    ... TEMPLATE``, makes a fresh library per test cost a file copy.
    """
    from briefing_app.store.migrate import upgrade_server

    empty = pg_server.create_database("library")
    upgrade_server(parse_server_url(pg_server.url(empty)))
    seeded = _copy_database(pg_server, empty, "seeded")
    library = Library.open(pg_server.url(seeded))
    library.import_files(bundled_briefings())
    library.close()
    yield {"empty": empty, "seeded": seeded}
    pg_server.drop_database(seeded)
    pg_server.drop_database(empty)


def _copy_database(server: PgServer, template: str, prefix: str = "t") -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return name


@pytest.fixture
def pg_library_url(pg_server: PgServer, pg_library_templates: dict[str, str]) -> Iterator[str]:
    """Return the URL of a database of its own holding an empty library at the head schema."""
    name = _copy_database(pg_server, pg_library_templates["empty"])
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture
def pg_seeded_url(pg_server: PgServer, pg_library_templates: dict[str, str]) -> Iterator[str]:
    """Return the URL of a database of its own holding a library of the bundled briefing."""
    name = _copy_database(pg_server, pg_library_templates["seeded"])
    yield pg_server.url(name)
    pg_server.drop_database(name)


# one library per backend


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Return the backend a test runs on: "sqlite" (a file) or "postgresql" (a server)."""
    return str(request.param)


@pytest.fixture
def backend_location(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """Return where a new library is: a file (not yet made) or a migrated, empty database."""
    if backend == "sqlite":
        return tmp_path / "library.db"
    return str(request.getfixturevalue("pg_library_url"))


@pytest.fixture
def backend_library(backend_location: Path | str) -> Iterator[Library]:
    """Return an empty library, on each backend."""
    library = Library.open(backend_location)
    yield library
    library.close()


@pytest.fixture
def seeded_backend_library(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Library]:
    """Return a library holding the bundled briefing, on each backend."""
    if backend == "sqlite":
        library = Library.open(tmp_path / "library.db", seed=True)
        yield library
        library.close()
        return
    library = Library.open(str(request.getfixturevalue("pg_seeded_url")))
    yield library
    library.close()
