"""``Library.open(URL)``: a team library, and what only a library file has."""

from __future__ import annotations

import psycopg
import pytest

from briefing_app.domain.errors import UsageError
from briefing_app.services.library import Library
from briefing_app.store.postgres_backend import IDLE_CONNECTIONS
from briefing_app.store.server import MigrationNeededError

pytestmark = pytest.mark.postgresql


def test_what_only_a_file_has_is_refused_or_skipped(pg_seeded_url: str) -> None:
    library = Library.open(pg_seeded_url)
    try:
        assert (library.file, library.location) == (None, pg_seeded_url)
        with pytest.raises(UsageError, match="is for library files"):
            _ = library.path
        with pytest.raises(UsageError, match="The integrity check is for library files"):
            library.integrity_check()
        assert library.take_daily_backup() == []
        assert not library.mirror.enabled
        library.add_note(1, "no mirror file is written")
        assert library.mirror.last_error is None
        assert library.watcher.changed() is False
    finally:
        library.close()


def test_an_empty_database_is_not_made_a_library_by_opening_it(pg_url: str) -> None:
    with pytest.raises(MigrationNeededError, match="briefing-app migrate --db"):
        Library.open(pg_url)
    with psycopg.connect(pg_url) as connection:
        assert connection.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone() == (0,)


def test_a_password_in_the_url_is_refused_before_connecting(pg_library_url: str) -> None:
    with pytest.raises(UsageError, match="holds a password") as refused:
        Library.open(pg_library_url.replace("briefing@", "briefing:hunter2@"))
    assert "hunter2" not in str(refused.value)


def test_connections_are_kept_between_calls_and_closed_at_the_end(pg_seeded_url: str) -> None:
    database = pg_seeded_url.split("/")[3].split("?")[0]
    library = Library.open(pg_seeded_url)

    def sessions() -> int:
        with psycopg.connect(pg_seeded_url, application_name="counter") as connection:
            row = connection.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = %s AND application_name = 'briefing-app'",
                (database,),
            ).fetchone()
            return int(row[0]) if row else 0

    for claim_id in range(1, 17):
        library.claim(claim_id)
        library.notes(claim_id)
    assert 1 <= sessions() <= IDLE_CONNECTIONS
    library.close()
    assert sessions() == 0


def test_a_connection_the_server_dropped_meanwhile_is_replaced(pg_seeded_url: str) -> None:
    """A kept connection found dead (a server restart, an idle timeout) costs no failure."""
    library = Library.open(pg_seeded_url)
    try:
        note = library.add_note(1, "before")
        admin_kill(pg_seeded_url)
        assert [n.body for n in library.notes(1)] == ["before"]  # a read: run again
        admin_kill(pg_seeded_url)
        library.update_note(note.id, "after")  # a write that never reached its commit
        assert library.note(note.id).body == "after"
        admin_kill(pg_seeded_url)
        assert library.claim_ids()[:1] == [1]  # a list
    finally:
        library.close()


def admin_kill(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name = 'briefing-app' AND datname = current_database()"
        )
