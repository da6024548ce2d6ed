"""Analysts writing to one team library at once: every write is kept (issue 13, point 4).

Each write is one short transaction; notes take their ids from the server's sequence,
a note being saved is locked until the save commits, and a write that another writer
made fail (a key it committed first) runs again and reads what that writer committed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from briefing_app.services.library import Library
from briefing_app.store import notes
from briefing_app.store.backend import Connection
from tests.conftest import DATA, SEED
from tests.library_rows import rows

pytestmark = pytest.mark.postgresql

ROOT = Path(__file__).resolve().parents[2]
REUTERS = DATA / "articles" / "001_reuters_hama_outskirts.txt"
WRITERS = 4
NOTES_EACH = 25


@pytest.fixture
def library(pg_seeded_url: str) -> Any:
    opened = Library.open(pg_seeded_url)
    yield opened
    opened.close()


def in_threads(count: int, work: Callable[[int], object]) -> list[object]:
    """Run ``work(0..count-1)`` in threads started together; return results or errors."""
    start = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(number: int) -> None:
        start.wait()
        try:
            results[number] = work(number)
        except Exception as error:  # noqa: BLE001 - reported by the test's assert
            results[number] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_writer_processes_adding_notes_at_once_all_succeed(
    pg_seeded_url: str, library: Library
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tests.team.note_writer", pg_seeded_url]
    writers = [
        subprocess.Popen(
            [*command, f"w{n}", str(NOTES_EACH)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(WRITERS)
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline() == "READY\n"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    acknowledged: dict[int, str] = {}
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert (writer.returncode, err) == (0, "")
        for line in out.splitlines():
            _, note_id, body = line.split(" ", 2)
            acknowledged[int(note_id)] = body
    assert len(acknowledged) == WRITERS * NOTES_EACH  # distinct ids, none lost
    stored = dict(rows(library, "SELECT id, body FROM notes"))
    assert stored == acknowledged


def test_threads_of_one_window_write_and_read_at_once(library: Library) -> None:
    def work(number: int) -> list[int]:
        made = [library.add_note(1 + number, f"t{number}-{i}").id for i in range(10)]
        assert len(library.claims(library.claim_ids())) == 16
        return made

    results = in_threads(8, work)
    assert not [r for r in results if isinstance(r, Exception)], results
    made = {i for r in results for i in r}  # type: ignore[attr-defined]
    assert len(made) == 80
    assert sum(library.claim(1 + n).note_count for n in range(8)) == 80


def test_two_analysts_saving_one_note_keep_both_texts(pg_seeded_url: str, library: Library) -> None:
    """The second save waits for the first, whose text it keeps as a revision."""
    note = library.add_note(3, "the first text")
    other = Library.open(pg_seeded_url)
    first_saved = threading.Event()
    let_first_commit = threading.Event()

    def first_save(connection: Connection) -> None:
        notes.update_note(connection, note.id, "analyst A's text", "A")
        first_saved.set()
        assert let_first_commit.wait(30)

    first = threading.Thread(target=lambda: library._store.write(first_save))  # noqa: SLF001
    first.start()
    assert first_saved.wait(30)
    second = threading.Thread(target=lambda: other.update_note(note.id, "analyst B's text"))
    second.start()
    with psycopg.connect(pg_seeded_url, autocommit=True) as watcher:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # until the second save waits for the first's lock
            waiting = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND datname = current_database()"
            ).fetchone()
            if waiting and waiting[0] == 1:
                break
        else:
            raise AssertionError("the second save never waited for the first")
    assert second.is_alive()
    let_first_commit.set()
    first.join(30)
    second.join(30)
    other.close()
    assert library.note(note.id).body == "analyst B's text"
    assert [r.body for r in library.revisions(note.id)] == ["analyst A's text", "the first text"]


def test_the_same_briefings_imported_at_once_are_stored_once(pg_library_url: str) -> None:
    libraries = [Library.open(pg_library_url) for _ in range(3)]
    try:
        results = in_threads(3, lambda n: libraries[n].import_files([SEED, REUTERS]))
        assert not [r for r in results if isinstance(r, Exception)], results
        new = [r.document_id for batch in results for r in batch if not r.already_present]  # type: ignore[attr-defined]
        assert sorted(new) == [1, 2]  # each stored by one importer; the others found it
        assert len(libraries[0].documents()) == 2
        assert len(libraries[0].claim_ids()) == 32
        names = rows(libraries[0], "SELECT name FROM entities")
        assert len(names) == len(set(names))
    finally:
        for library in libraries:
            library.close()


def test_two_analysts_filing_one_claim_at_once_leave_one_primary_theme(
    pg_seeded_url: str,
) -> None:
    """The last write wins whole: no claim is left under two primary themes, no deadlock."""
    names = ("Amal", "Ben", "Chen", "Dana")
    analysts = [Library.open(pg_seeded_url, analyst=name) for name in names]
    keys = ("offensive", "assad-defense", "foreign-forces")
    primaries: list[int] = []

    def file_many(number: int) -> int:
        for round_number in range(40):
            library = analysts[number]
            library.move_to_theme(5, keys[(number + round_number) % 3])
            library.file_under(5, keys[(number + round_number + 1) % 3], primary=True)
            [claim] = library.claims([5])
            primaries.append([t.is_primary for t in claim.themes].count(True))
        return 80

    try:
        assert in_threads(4, file_many) == [80, 80, 80, 80]  # no deadlock given up on
        assert set(primaries) == {1}  # never two primary themes, at any moment
        history = analysts[0].claim_history(5)
        assert len(history) == 320 and {c.analyst for c in history} == set(names)
    finally:
        for library in analysts:
            library.close()
