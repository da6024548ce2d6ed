"""The team library's change watcher: LISTEN/NOTIFY on a real server."""

from __future__ import annotations

import time

import psycopg
import pytest

from briefing_app.domain.errors import LibraryError, NotFoundError
from briefing_app.services.library import Library
from briefing_app.store.postgres_backend import CHANGES_CHANNEL, ServerWatcher
from briefing_app.store.server import parse_server_url
from tests.pg_server import PgServer


def test_every_commit_is_heard_once_and_reads_are_not(pg_seeded_url: str) -> None:
    watcher = ServerWatcher(parse_server_url(pg_seeded_url))
    colleague = Library.open(pg_seeded_url)
    try:
        assert watcher.changed() is False  # the first call only starts listening
        colleague.claims([1])  # a read notifies no one
        assert watcher.changed() is False
        colleague.add_note(1, "one")
        colleague.add_note(2, "two")
        assert watcher.changed() is True  # both commits, heard in one call
        assert watcher.changed() is False
    finally:
        colleague.close()
        watcher.close()


def test_a_rolled_back_write_notifies_no_one(pg_seeded_url: str) -> None:
    watcher = ServerWatcher(parse_server_url(pg_seeded_url))
    colleague = Library.open(pg_seeded_url)
    try:
        watcher.changed()
        with pytest.raises(NotFoundError):
            colleague.add_note(999_999, "on a claim that does not exist")
        assert watcher.changed() is False
    finally:
        colleague.close()
        watcher.close()


def test_a_lost_listener_reports_a_change_when_it_is_back(
    pg_server: PgServer, pg_seeded_url: str
) -> None:
    watcher = ServerWatcher(parse_server_url(pg_seeded_url))
    try:
        watcher.changed()
        with psycopg.connect(pg_server.url(), autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = %s",
                (f"LISTEN {CHANGES_CHANNEL}",),
            )
        with pytest.raises(LibraryError):  # said once; the window shows it in the status bar
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:  # until the client reads the server's goodbye
                assert watcher.changed() is False
        assert watcher.changed() is True  # listening again: what was missed counts as a change
        assert watcher.changed() is False
    finally:
        watcher.close()
