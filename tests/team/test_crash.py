"""Writers on a team library killed with SIGKILL: no acknowledged note is lost.

Rounds of three writer processes (tests/team/crash_note_writer.py) add notes to one
library at once. Two of each round are killed at random moments (most land inside an
``add_note`` call: connecting, in the transaction, committing, or just after); the
third is killed inside its transaction, its note inserted and not yet committed
(it waits there, ``HOLD``). Every note whose ``add_note`` returned (``ACK`` in the
writer's own file) must be in the library with its text; a held note must not be;
and the library stays usable: a new ``Library`` opens it, adds a note and finds it.

BRIEFING_CRASH_ROUNDS sets the number of rounds (6 by default: 18 kills).
"""

from __future__ import annotations

import os
import random
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing_app.services.library import Library
from tests.library_rows import rows
from tests.team.worker_processes import Worker

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]

WRITERS_PER_ROUND = 3
READY_WITHIN_S = 60
KILL_AFTER_S = (0.05, 1.0)  # a random writer's life once ready, uniformly in this range
HOLD_AFTER = range(0, 12)  # a held writer's acknowledged notes before its held one


def crash_rounds() -> int:
    """Return how many rounds run (BRIEFING_CRASH_ROUNDS, else 6)."""
    return int(os.environ.get("BRIEFING_CRASH_ROUNDS", "").strip() or 6)


@dataclass
class Trial:
    """One writer process and what the test did to it."""

    worker: Worker
    label: str
    record: Path
    hold_after: int | None  # a held writer's (see HOLD_AFTER); None: killed at random
    kill_at: float = 0.0  # monotonic time (a random writer's)
    held_note: str | None = None  # the label of the note a held writer stopped in

    def lines(self) -> list[str]:
        """Return the complete lines the writer wrote in its record."""
        text = self.record.read_text("utf-8") if self.record.exists() else ""
        return [line for line in text.split("\n")[:-1] if line]  # a cut last line is left out


@pytest.fixture
def library(pg_seeded_url: str) -> Iterator[Library]:
    opened = Library.open(pg_seeded_url)
    yield opened
    opened.close()


def run_round(url: str, folder: Path, number: int, rng: random.Random) -> list[Trial]:
    """Start a round's writers together, kill each as planned; return the trials."""
    trials: list[Trial] = []
    try:
        for slot in range(WRITERS_PER_ROUND):
            label = f"r{number:02d}w{slot}"
            hold_after = rng.choice(HOLD_AFTER) if slot == 0 else None
            record = folder / f"{label}.log"
            args = [url, label, str(record)] + ([] if hold_after is None else [str(hold_after)])
            worker = Worker("tests.team.crash_note_writer", args, folder / f"{label}.err")
            trials.append(Trial(worker, label, record, hold_after))
        for trial in trials:
            trial.worker.expect("READY", READY_WITHIN_S)
        start = time.monotonic()
        for trial in trials:
            trial.kill_at = start + rng.uniform(*KILL_AFTER_S)
        for trial in sorted(trials, key=lambda t: (t.hold_after is not None, t.kill_at)):
            if trial.hold_after is not None:
                said = trial.worker.read_line(READY_WITHIN_S)
                assert said is not None and said.startswith("HOLD "), (
                    f"{trial.label}: {said!r} {trial.worker.errors()}"
                )
                trial.held_note = said.removeprefix("HOLD ")
            else:
                # The writer never ends by itself: this waits until its moment.
                try:
                    code = trial.worker.process.wait(max(0.0, trial.kill_at - time.monotonic()))
                except subprocess.TimeoutExpired:
                    code = None
                assert code is None, f"{trial.label} ended by itself: {trial.worker.errors()}"
            trial.worker.kill()
            assert trial.worker.process.returncode == -9, trial.worker.errors()
    finally:
        for trial in trials:
            trial.worker.close()
    return trials


def test_writers_killed_at_random_moments_lose_no_acknowledged_note(
    pg_seeded_url: str, library: Library, tmp_path: Path
) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    trials = [t for n in range(crash_rounds()) for t in run_round(pg_seeded_url, tmp_path, n, rng)]

    stored = {
        int(i): str(body).split(" ", 1)[0]
        for i, body in rows(library, "SELECT id, body FROM notes")
    }
    acknowledged: dict[int, str] = {}
    inside_a_call = committed_unacknowledged = 0
    for trial in trials:
        lines = trial.lines()
        for line in lines:
            if line.startswith("ACK "):
                _, note_id, label = line.split(" ")
                acknowledged[int(note_id)] = label
        if trial.hold_after is not None:
            assert sum(line.startswith("ACK ") for line in lines) == trial.hold_after
            assert trial.held_note == f"{trial.label}-{trial.hold_after + 1:05d}"
        elif lines and lines[-1].startswith("CALL "):
            inside_a_call += 1
            unacknowledged = f"{trial.label}-{int(lines[-1].split()[1]):05d}"
            committed_unacknowledged += unacknowledged in stored.values()
    lost = {i: label for i, label in acknowledged.items() if stored.get(i) != label}
    held = [t.held_note for t in trials if t.hold_after is not None]
    print(
        f"\ncrash (seed {seed}): {len(trials)} writers killed with SIGKILL, {len(held)} inside "
        f"an open transaction (held before its commit), {inside_a_call} of the others inside "
        f"an add_note call; {len(acknowledged)} notes acknowledged, {committed_unacknowledged} "
        f"committed but not acknowledged (killed after the commit); lost: {len(lost)}"
    )
    assert lost == {}, f"{len(lost)} acknowledged notes lost (seed {seed}): {lost}"
    assert not set(held) & set(stored.values()), "a transaction killed before commit was kept"

    # the library stays usable: a new Library opens it, adds and searches
    after = Library.open(pg_seeded_url)
    try:
        note = after.add_note(7, "written after the crashes: zanzibar")
        assert after.note(note.id).body == "written after the crashes: zanzibar"
        assert [hit.claim.id for hit in after.search("note:zanzibar").hits] == [7]
        assert len(after.claim_ids()) == 16
    finally:
        after.close()
