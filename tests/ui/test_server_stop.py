"""The team library's server stops while a note is being typed: nothing typed is lost.

The window runs over a PostgreSQL server of this module's own (tests/pg_server.py),
which the tests stop as its administrator would (``pg_ctl stop -m fast``) and start
again: the session's shared server is never stopped. While the server is down, the
autosave fails and the window says the library cannot be reached; the editor keeps the
text; once the server is back, the notes pane's retry saves it, over new connections
(the kept ones the server dropped are discarded).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from briefing_app.bundled import bundled_briefings
from briefing_app.services.library import Library
from briefing_app.store.backend import Connection
from briefing_app.store.migrate import upgrade_server
from briefing_app.store.postgres_backend import IDLE_CONNECTIONS, PostgresBackend
from briefing_app.store.server import parse_server_url
from briefing_app.ui.background import running
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.notes.notes_panel import RETRY_MS
from tests.pg_server import PgServer, started_server
from tests.ui.conftest import OpenWindow

pytestmark = pytest.mark.postgresql

CLAIM = 3
# The retry comes RETRY_MS after a failed save; the server may take a moment to accept.
SAVED_WITHIN_MS = RETRY_MS + 15_000
UNREACHABLE = "Cannot reach the team library"


@pytest.fixture(scope="module")
def own_server() -> Iterator[tuple[PgServer, str]]:
    """Start a server for this module only, holding a library of the bundled briefing.

    Returns the server and the name of the library's database, a template that
    each test copies. The server is stopped, and its folder removed, at the end,
    whatever happened.
    """
    server = started_server()
    try:
        template = server.create_database("seeded")
        upgrade_server(parse_server_url(server.url(template)))
        library = Library.open(server.url(template))
        try:
            library.import_files(bundled_briefings())
        finally:
            library.close()
        yield server, template
    finally:
        server.stop()


@pytest.fixture
def server(own_server: tuple[PgServer, str]) -> Iterator[PgServer]:
    """Return the module's server, running; a test that left it stopped gets it restarted."""
    yield own_server[0]
    if not own_server[0].is_up():
        own_server[0].restart()


@pytest.fixture
def library_url(own_server: tuple[PgServer, str], server: PgServer) -> Iterator[str]:
    """Return the URL of a library of the bundled briefing, a database of this test's own."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{own_server[1]}"')
    yield server.url(name)
    if server.is_up():
        server.drop_database(name)


@pytest.fixture
def mine(library_url: str) -> Iterator[Library]:
    library = Library.open(library_url)
    yield library
    library.close()


@pytest.fixture
def server_window(open_window: OpenWindow, mine: Library) -> MainWindow:
    return open_window(mine)


def stored_notes(url: str) -> list[str]:
    """Return the texts of claim CLAIM's notes as the server holds them (a new connection)."""
    colleague = Library.open(url)
    try:
        return [note.body for note in colleague.notes(CLAIM)]
    finally:
        colleague.close()


def test_a_note_typed_while_the_server_is_down_is_kept_and_saved_once_it_is_back(
    qtbot: QtBot, server_window: MainWindow, server: PgServer, library_url: str
) -> None:
    window = server_window
    window.claims.select_claim(CLAIM)
    qtbot.waitUntil(lambda: running() == 0)  # nothing is being read when the server goes
    errors: list[str] = []
    window.notes.error.connect(errors.append)
    # Stopped before the keys, so that no autosave can beat it (they are typed at once).
    server.stop_keeping_data()
    window.notes.focus_editor()
    typed = "Check against the ISW map"
    qtbot.keyClicks(window.notes.editor, typed)

    qtbot.waitUntil(lambda: window.notes.status.text().startswith("Not saved"))
    assert window.notes.status.text() == "Not saved: your text is still here; retrying"
    assert errors[0].startswith(
        f"The note was not saved (trying again in {RETRY_MS // 1000} s): {UNREACHABLE}"
    )
    assert UNREACHABLE in window.statusBar().currentMessage()
    assert window.notes.editor.toPlainText() == typed
    assert window.notes.editing() == (CLAIM, None)  # still a new note, not yet stored

    server.restart()
    qtbot.waitUntil(lambda: window.notes.status.text().startswith("Saved"), timeout=SAVED_WITHIN_MS)
    assert window.notes.editor.toPlainText() == typed
    assert stored_notes(library_url) == [typed]
    claim_id, note_id = window.notes.editing() or (None, None)
    assert claim_id == CLAIM and note_id is not None  # the editor now edits the stored note
    assert window.notes.model.rowCount() == 1


def hold_connections_at_once(library: Library, count: int) -> None:
    """Read from ``count`` threads at once, as the window's threads may: each its connection.

    Afterwards the library keeps those connections open for the next calls.
    """
    together = threading.Barrier(count)
    failures: list[BaseException] = []

    def read(connection: Connection) -> None:
        connection.execute("SELECT 1")
        together.wait(timeout=30)  # every thread holds its connection at this point

    def run() -> None:
        try:
            library._store.read(read)
        except BaseException as error:  # noqa: BLE001 - reported by the assert below
            failures.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures and not any(thread.is_alive() for thread in threads)


def test_a_save_after_the_server_restarted_goes_through_at_once(
    qtbot: QtBot, server_window: MainWindow, server: PgServer, library_url: str, mine: Library
) -> None:
    """The connections the library kept from before the restart are dead: none is reused."""
    window = server_window
    window.claims.select_claim(CLAIM)
    qtbot.waitUntil(lambda: running() == 0)
    hold_connections_at_once(mine, IDLE_CONNECTIONS)
    backend = mine._store.backend
    assert isinstance(backend, PostgresBackend)
    assert len(backend._idle) == IDLE_CONNECTIONS  # kept: the restart drops them all
    server.stop_keeping_data()
    server.restart()
    errors: list[str] = []
    window.notes.error.connect(errors.append)
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, "Written after the restart")
    qtbot.waitUntil(lambda: window.notes.status.text() != "Editing…")
    assert window.notes.status.text().startswith("Saved"), errors
    assert errors == []
    assert stored_notes(library_url) == ["Written after the restart"]
