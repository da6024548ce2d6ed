"""The throwaway PostgreSQL server (tests/pg_server.py) and a fresh database per test.

If the server cannot start, every test that needs it fails with the server's log:
the suite never skips its way to green.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefing_app.store.server import ServerUrl, parse_server_url
from tests.pg_server import PgServer, PgServerError


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """Start one server for the session; stop it at the end, whatever happened."""
    try:
        server = PgServer()
    except PgServerError as error:  # no PostgreSQL installed
        pytest.fail(str(error), pytrace=False)
    try:
        server.start()
    except PgServerError as error:
        server.stop()
        pytest.fail(str(error), pytrace=False)
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
