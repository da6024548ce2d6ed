"""A worker of the load test: one analyst writing to, or searching, a team library until a deadline.

Usage: python -m tests.team.load_worker URL writer|searcher NAME RECORD SEED

It opens the library, prints ``READY``, and waits for a line ``GO <seconds>`` on
stdin; then it works for that many seconds and exits 0 (any error ends it with a
traceback and exit 1).

A **writer** adds notes, edits the notes it added (through ``save_note_edit``, as
the window saves) and files claims (``move_to_theme``, ``file_under``, ``unfile``).
A filing that met a deadlock at every one of the store's attempts is recorded as
``refused`` (it wrote nothing, as the window would say; the test checks that the
server logged a deadlock for each attempt); any other failure ends the worker.
A **searcher** runs searches with words, phrases, fields, prefixes and ``OR``.
Each call is recorded in RECORD, a file of this worker's own, as one JSON line
written after the call returned (an acknowledged write), with the monotonic
clock before and after it: ``t0``, ``t1`` (the same clock in every process).
"""

from __future__ import annotations

import json
import random
import sys
import time
from typing import IO, Any

import psycopg

from briefing_app.domain.errors import LibraryError
from briefing_app.services.library import Library

CLAIMS = range(1, 17)  # the bundled briefing's claims
THEMES = ("offensive", "assad-defense", "foreign-forces")
WORDS = ("homs", "hama", "front", "ceasefire", "convoy", "shelling", "airstrike", "rebels")
QUERIES = (
    "homs",
    "rebel fortify",
    '"front line"',
    "capt*",
    "rebel* -homs",
    "fortify OR reignition",
    "theme:offensive",
    "theme:foreign homs",
    "-entity:hts theme:offensive",
    "entity:hts",
    "source:examiner front",
    "is:hedged",
    "note:load",
    "note:ceasefire",
    "note:shell*",
    "conv* OR airstrike",
    "homs note:front",
)


class Recorder:
    """Appends one JSON line per acknowledged call to the worker's own file."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out

    def done(self, op: str, t0: float, **fields: Any) -> None:
        """Record a call that started at ``t0`` and has just returned."""
        t1 = time.monotonic()
        self._out.write(json.dumps({"op": op, "t0": t0, "t1": t1, **fields}) + "\n")
        self._out.flush()  # in the kernel's hands before the next call starts


def write(library: Library, name: str, rng: random.Random, until: float, rec: Recorder) -> None:
    """Add, edit and file until ``until``."""
    mine: dict[int, str] = {}  # my notes' last acknowledged texts
    added = edited = 0
    while time.monotonic() < until:
        roll = rng.random()
        words = " ".join(rng.choices(WORDS, k=4))
        if roll < 0.35 or not mine:
            added += 1
            body = f"load {name} note {added:05d} {words}"
            t0 = time.monotonic()
            note = library.add_note(rng.choice(CLAIMS), body)
            rec.done("add", t0, note=note.id, body=body)
            mine[note.id] = body
        elif roll < 0.7:
            edited += 1
            note_id = rng.choice(list(mine))
            before = mine[note_id]
            body = f"{before.split(' edit ')[0]} edit {edited:05d} {words}"  # a new text
            t0 = time.monotonic()
            edit = library.save_note_edit(note_id, body, before)
            rec.done("edit", t0, note=note_id, body=body)
            if edit.overtaken is not None:  # nobody else edits my notes
                raise AssertionError(f"note {note_id} held {edit.overtaken!r}, not {before!r}")
            mine[note_id] = body
        else:
            claim, theme = rng.choice(CLAIMS), rng.choice(THEMES)
            kind = rng.choice(("move", "file", "file", "unfile"))
            primary = kind == "file" and rng.random() < 0.5
            t0 = time.monotonic()
            try:
                if kind == "move":
                    library.move_to_theme(claim, theme)
                elif kind == "file":
                    library.file_under(claim, theme, primary=primary)
                else:
                    library.unfile(claim, theme)
            except LibraryError as error:
                if not isinstance(error.__cause__, psycopg.errors.DeadlockDetected):
                    raise
                # A deadlock at each of the store's attempts: nothing was written.
                rec.done("refused", t0, kind=kind, claim=claim, theme=theme, error=str(error))
                continue
            rec.done(kind, t0, claim=claim, theme=theme, primary=primary)


def search(library: Library, rng: random.Random, until: float, rec: Recorder) -> None:
    """Search until ``until``."""
    while time.monotonic() < until:
        query = rng.choice(QUERIES)
        t0 = time.monotonic()
        result = library.search(query, limit=50)
        rec.done("search", t0, query=query, hits=len(result.hits))
        assert result.total >= len(result.hits)


def main() -> None:
    url, role, name, record, seed = sys.argv[1:6]
    rng = random.Random(seed)
    library = Library.open(url)
    print("READY", flush=True)
    go = sys.stdin.readline().split()
    assert go[:1] == ["GO"], go
    until = time.monotonic() + float(go[1])
    with open(record, "a", encoding="utf-8") as out:
        recorder = Recorder(out)
        if role == "writer":
            write(library, name, rng, until, recorder)
        else:
            search(library, rng, until, recorder)
    library.close()


if __name__ == "__main__":
    main()
