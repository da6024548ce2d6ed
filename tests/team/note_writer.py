"""A note writer for the concurrency tests: adds notes to a team library, acknowledging each.

Usage: python -m tests.team.note_writer URL PREFIX COUNT. Prints ``ACK <note id> <body>``
on stdout only after ``add_note`` has returned, i.e. after the commit.
"""

from __future__ import annotations

import sys

from briefing_app.services.library import Library


def main() -> None:
    url, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    library = Library.open(url)
    print("READY", flush=True)
    sys.stdin.readline()  # start together
    for number in range(1, count + 1):
        body = f"{prefix}-{number:04d}"
        note = library.add_note(1 + number % 16, body)
        print(f"ACK {note.id} {body}", flush=True)
    library.close()


if __name__ == "__main__":
    main()
