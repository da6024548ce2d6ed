"""A note writer for the crash tests: adds notes until killed, acknowledging each commit.

Usage: python tests/crash_writer.py LIBRARY PREFIX. Prints ``ACK <note id> <body>`` on
stdout only after ``add_note`` has returned, i.e. after the commit with full sync.
"""

from __future__ import annotations

import sys
from itertools import count
from pathlib import Path

from briefing_app.services.library import Library


def main() -> None:
    library = Library.open(Path(sys.argv[1]))
    prefix = sys.argv[2]
    print("READY", flush=True)
    for number in count(1):
        body = f"{prefix}-{number:05d} " + "analyst text " * 40
        note = library.add_note(1 + number % 16, body.strip())
        print(f"ACK {note.id} {prefix}-{number:05d}", flush=True)


if __name__ == "__main__":
    main()
