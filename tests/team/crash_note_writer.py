"""A note writer for the crash test on a team library: adds notes until it is killed.

Usage: python -m tests.team.crash_note_writer URL PREFIX RECORD [HOLD_AFTER]

It opens the library, prints ``READY``, then adds notes ``PREFIX-00001``,
``PREFIX-00002``... to the claims in turn. In RECORD, a file of its own, it writes
``CALL <n>`` before each ``add_note`` and ``ACK <note id> PREFIX-<n>`` once the call
has returned (the transaction committed), each line handed to the kernel at once,
so a SIGKILL never takes back a line written.

With HOLD_AFTER, the write transaction after that many acknowledged notes stops
just before its commit (the note inserted, the transaction open on the server):
the writer prints ``HOLD PREFIX-<n>`` and waits there for the kill.
"""

from __future__ import annotations

import os
import sys
from itertools import count
from typing import Any

import psycopg

from briefing_app.services.library import Library

CLAIMS = 16  # the bundled briefing's claims
TEXT = " an analyst's note, long enough to take a few pages of the table" * 8


def hold_before_commit(label: str) -> None:
    """Make the next write transaction stop before its commit: ``HOLD``, then wait to die."""
    commit = psycopg.Connection.commit

    def held_commit(connection: psycopg.Connection[Any]) -> None:
        if connection.read_only:
            commit(connection)
            return
        print(f"HOLD {label}", flush=True)
        sys.stdin.readline()  # the test kills us here
        os._exit(3)  # never reached when the test does its part; never commit

    psycopg.Connection.commit = held_commit  # type: ignore[method-assign, assignment]


def main() -> None:
    url, prefix, record = sys.argv[1:4]
    hold_after = int(sys.argv[4]) if len(sys.argv) > 4 else None
    library = Library.open(url)
    print("READY", flush=True)
    with open(record, "a", encoding="utf-8", buffering=1) as out:  # a line at a time
        for number in count(1):
            label = f"{prefix}-{number:05d}"
            if hold_after is not None and number == hold_after + 1:
                hold_before_commit(label)
            out.write(f"CALL {number}\n")
            note = library.add_note(1 + number % CLAIMS, label + TEXT)
            out.write(f"ACK {note.id} {label}\n")


if __name__ == "__main__":
    main()
