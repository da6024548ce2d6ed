"""Killing writers at random moments loses no acknowledged note and never corrupts the library."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefing_app.services.library import Library
from tests.conftest import SEED

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
TRIALS = 20
CLI_TRIALS = 6


def _collect(process: subprocess.Popen[str], acked: list[str], ready: threading.Event) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("READY"):
            ready.set()
        elif line.startswith("ACK "):
            acked.append(line.split()[2])


def _kill_writer_after(library: Path, prefix: str, delay: float) -> list[str]:
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "crash_writer.py"), str(library), prefix],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=ENV,
    )
    acked: list[str] = []
    ready = threading.Event()
    reader = threading.Thread(target=_collect, args=(process, acked, ready))
    reader.start()
    ready.wait(timeout=30)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    process.wait()
    reader.join()
    return acked


def _bodies(library: Library) -> list[str]:
    notes = library.notes_for_many(library.claim_ids())
    return [n.body for group in notes.values() for n in group]


@pytest.mark.slow
def test_sigkill_loses_no_acknowledged_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "library.db"
    Library.open(path).import_files([SEED])
    chance = random.Random(20261125)
    acknowledged: list[str] = []
    for trial in range(TRIALS):
        acknowledged += _kill_writer_after(path, f"t{trial:02d}", chance.uniform(0.0, 0.4))
    cli_acks = 0
    for trial in range(CLI_TRIALS):
        process = subprocess.Popen(
            [sys.executable, "-m", "briefing_app", "--db", str(path), "note", "3", f"cli-{trial}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=ENV,
        )
        try:
            out, _ = process.communicate(timeout=chance.uniform(0.05, 0.8))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            out, _ = process.communicate()
        if "Added note" in out:
            cli_acks += 1
            acknowledged.append(f"cli-{trial}")
    library = Library.open(path)
    try:
        assert library.integrity_check() == "ok"
        bodies = _bodies(library)
        stored = {b.split()[0] for b in bodies}
        lost = [a for a in acknowledged if a not in stored]
        whole = re.compile(r"^(t\d\d-\d{5}( analyst text){40}|cli-\d)$")
        assert all(whole.match(b) for b in bodies), "a half-written note was stored"
    finally:
        library.close()
    with capsys.disabled():
        print(
            f"\ncrash test: {TRIALS + CLI_TRIALS} kill trials, "
            f"{len(acknowledged)} notes acknowledged ({cli_acks} by the CLI), {len(lost)} lost"
        )
    assert lost == []
    assert len(acknowledged) > TRIALS


def test_six_cli_writers_at_once_all_succeed(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    Library.open(path).import_files([SEED])
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "briefing_app", "--db", str(path), "note", str(n), f"w{n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        for n in range(1, 7)
    ]
    results = [w.communicate(timeout=60) for w in writers]
    assert [w.returncode for w in writers] == [0] * 6, [err for _, err in results]
    library = Library.open(path)
    try:
        assert sorted(_bodies(library)) == [f"w{n}" for n in range(1, 7)]
    finally:
        library.close()
