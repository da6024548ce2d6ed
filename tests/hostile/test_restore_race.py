"""Restores while notes are being written: every acknowledged note survives somewhere.

Two long-running writers (a process calling the note service in a loop) and a
stream of ``briefing-app note`` processes write while this process restores the
library from a backup again and again. Each acknowledged note must end up in
the library or in a copy a restore kept of the library as it was; the library
and every copy must pass the full check (search indexes included).
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from briefing_app.services.backups import check_library, list_backups, make_backup, restore_backup
from briefing_app.services.library import Library
from briefing_app.store.backup import integrity_problems
from tests.conftest import SEED

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
# The race lasts at least RACE_SECONDS and until it has done MIN_RESTORES restores under
# MIN_ACKS acknowledged notes: on a busy machine that takes longer, so the test waits
# for the work rather than timing it (up to MAX_RACE_SECONDS).
RACE_SECONDS = 12.0
MAX_RACE_SECONDS = 180.0
MIN_RESTORES, MIN_ACKS = 5, 20
ACKS_BETWEEN_RESTORES = 3


class Acks:
    """Acknowledged note tokens from every writer, with a way to wait for more."""

    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.changed = threading.Condition()

    def add(self, token: str) -> None:
        with self.changed:
            self.tokens.append(token)
            self.changed.notify_all()

    def wait_for(self, count: int, timeout: float) -> None:
        with self.changed:
            self.changed.wait_for(lambda: len(self.tokens) >= count, timeout)


def _loop_writer(path: Path, prefix: str, acks: Acks, stop: threading.Event) -> list[str]:
    errors: list[str] = []
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "crash_writer.py"), str(path), prefix],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("ACK "):
                acks.add(line.split()[2])

    reader = threading.Thread(target=read)
    reader.start()
    stop.wait()
    process.terminate()
    _, err = process.communicate(timeout=60)
    reader.join()
    if "Traceback" in err:
        errors.append(err)
    return errors


def _cli_writer(path: Path, acks: Acks, stop: threading.Event, errors: list[str]) -> None:
    number = 0
    while not stop.is_set():
        number += 1
        token = f"cli-{number:04d}"
        done = subprocess.run(
            [sys.executable, "-m", "briefing_app", "--db", str(path), "note", "2", token],
            capture_output=True,
            text=True,
            env=ENV,
            timeout=120,
        )
        if re.match(r"Added note \d+ to claim 2\.", done.stdout):
            acks.add(token)
        elif done.returncode != 0 and "Traceback" in done.stderr:
            errors.append(done.stderr)


def _bodies(path: Path) -> str:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        return "\n".join(row[0] for row in connection.execute("SELECT body FROM notes"))


def _race_is_over(elapsed: float, restores: int, acknowledged: int) -> bool:
    enough = restores >= MIN_RESTORES and acknowledged >= MIN_ACKS
    return (elapsed >= RACE_SECONDS and enough) or elapsed >= MAX_RACE_SECONDS


@pytest.mark.slow
def test_restores_under_writers_lose_no_acknowledged_note(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    library = Library.open(path)
    library.import_files([SEED])
    library.close()
    backup = make_backup(path, "manual")

    acks, stop, errors = Acks(), threading.Event(), []
    writers = [
        threading.Thread(target=lambda p=p: errors.extend(_loop_writer(path, p, acks, stop)))
        for p in ("loopA", "loopB")
    ]
    writers.append(threading.Thread(target=_cli_writer, args=(path, acks, stop, errors)))
    for writer in writers:
        writer.start()
    restores = 0
    started = time.monotonic()
    try:
        while not _race_is_over(time.monotonic() - started, restores, len(acks.tokens)):
            acks.wait_for(len(acks.tokens) + ACKS_BETWEEN_RESTORES, timeout=5)
            restore_backup(path, backup)
            restores += 1
    finally:
        stop.set()
        for writer in writers:
            writer.join()

    kept = [_bodies(path)] + [_bodies(b.path) for b in list_backups(path)]
    everything = "\n".join(kept)
    lost = [token for token in acks.tokens if token not in everything]
    print(
        f"\nrestore race: {restores} restores, {len(acks.tokens)} notes acknowledged, "
        f"{len(lost)} lost"
    )
    assert not errors, errors[0]
    assert restores >= MIN_RESTORES and len(acks.tokens) >= MIN_ACKS
    assert lost == []
    assert check_library(path).sound
    for copy in list_backups(path):
        assert integrity_problems(copy.path) == [], copy.path
    with closing(Library.open(path)) as reopened:
        assert reopened.add_note(1, "after the race").body == "after the race"
