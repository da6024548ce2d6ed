"""A real window that autosaves: SIGKILL loses at most the last keystrokes, SIGTERM none."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from briefing_app.services.library import Library
from tests.conftest import SEED
from tests.window_writer import words

ROOT = Path(__file__).resolve().parents[2]
KILL_TRIALS = 6


class Writer:
    """A window process typing a note, with what it has said so far."""

    def __init__(self, library: Path, settings: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "window_writer.py"), str(library), str(settings)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self.acked = 0
        self.typed = 0
        self.ready = threading.Event()
        self.typed_once = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            kind, _, value = line.strip().partition(" ")
            if kind == "READY":
                self.ready.set()
            elif kind == "ACK":
                self.acked = max(self.acked, int(value))
            elif kind == "TYPED":
                self.typed = int(value)
                self.typed_once.set()

    def stop(self, signal_number: int, after: float) -> int:
        if not (self.ready.wait(60) and self.typed_once.wait(60)):
            self.process.kill()
            pytest.fail("the window never started typing")
        try:
            self.process.wait(timeout=after)
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal_number)
        code = self.process.wait(timeout=60)
        self._reader.join()
        return code


def _note_text(path: Path) -> str:
    library = Library.open(path)
    try:
        assert library.integrity_check() == "ok"
        notes = library.notes(1)
        return notes[0].body if notes else ""
    finally:
        library.close()


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    path = tmp_path / "library.db"
    Library.open(path).import_files([SEED])
    return path


@pytest.mark.slow
def test_sigkill_while_autosaving_loses_only_the_last_keystrokes(
    library_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chance = random.Random(7)
    acknowledged = 0
    for trial in range(KILL_TRIALS):
        path = tmp_path / f"trial{trial}.db"
        path.write_bytes(library_file.read_bytes())
        writer = Writer(path, tmp_path / f"settings{trial}.ini")
        writer.stop(signal.SIGKILL, chance.uniform(2.3, 4.5))
        body = _note_text(path)
        assert body == words()[: len(body)], "the note holds text that was never typed"
        assert len(body) >= writer.acked, "an acknowledged autosave was lost"
        acknowledged += writer.acked > 0
    with capsys.disabled():
        print(
            f"\nwindow crash test: {KILL_TRIALS} kill trials, {acknowledged} with autosaves, 0 lost"
        )


def test_sigterm_saves_everything_typed(library_file: Path, tmp_path: Path) -> None:
    writer = Writer(library_file, tmp_path / "settings.ini")
    code = writer.stop(signal.SIGTERM, 0.5)
    typed_when_asked = writer.typed
    body = _note_text(library_file)
    assert code == 0
    assert body == words()[: len(body)]
    assert len(body) >= typed_when_asked - 6
