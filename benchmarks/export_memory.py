"""Peak memory of ``briefing-app export``: 40 MB of notes against 1 MB, for every format.

Two libraries hold the bundled briefing plus notes of a few KB each, spread
over its claims: 1 MB of note text in the small one, 40 MB in the large one.
The notes are written with plain SQL inserts into a library made by the real
app (as ``benchmarks/corpus.py`` does), so building takes seconds; both are
cached under ``benchmarks/.cache``. Each export runs in a child process whose
peak RSS is read with ``os.wait4``, and a streaming export keeps
``export_rss_ratio_<fmt>`` (large peak / small peak) near 1.

Linux carries a process's peak RSS across ``exec``, and a child made with
``fork``/``vfork`` starts from its parent's memory: measured straight from a
big parent (such as ``benchmarks/run.py`` after its other benchmarks) every
child would look as big as that parent. So a small runner process starts each
export and reports the ``wait4`` figure.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from briefing_app.services.export import FORMATS
from briefing_app.services.library import Library

GENERATOR = 1
CACHE = Path(__file__).parent / ".cache"
ROOT = Path(__file__).resolve().parent.parent
SMALL_MB = 1
LARGE_MB = 40
NOTE_CHARS = (1_500, 5_000)
RUNS = 3
# Started afresh for each export: small, so its size does not leak into the child's peak.
RUNNER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
errors = child.stderr.read()
_, status, usage = os.wait4(child.pid, 0)
print(status, usage.ru_maxrss)
sys.stderr.write(errors.decode(errors="replace"))
"""
WORDS = (
    "convoy checkpoint reportedly officials Homs Hama Aleppo Damascus rebels army "
    "offensive verify source follow-up compare ceasefire airstrikes drones artillery "
    "Ḥamā Ḥimṣ «source» — café naïve"
).split()


def library_path(megabytes: int) -> Path:
    """Return where the library with ``megabytes`` MB of notes is cached."""
    return CACHE / f"export-notes-{megabytes}mb-g{GENERATOR}.db"


def _note(rng: random.Random) -> str:
    size = rng.randint(*NOTE_CHARS)
    lines, length = [], 0
    while length < size:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
        lines.append(line)
        length += len(line) + 1
    return "\n".join(lines)


def build(megabytes: int) -> Path:
    """Build (or find) the bundled briefing with ``megabytes`` MB of notes."""
    path = library_path(megabytes)
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    Library.open(partial, seed=True, backup=False).close()
    rng = random.Random(megabytes)
    connection = sqlite3.connect(partial)
    try:
        claims = [row[0] for row in connection.execute("SELECT id FROM claims ORDER BY id")]
        budget, rows = megabytes * 1_000_000, []
        while budget > 0:
            body = _note(rng)
            rows.append((claims[len(rows) % len(claims)], body))
            budget -= len(body.encode("utf-8"))
        with connection:
            connection.executemany(
                "INSERT INTO notes(claim_id, body, created, updated, deleted)"
                " VALUES (?, ?, '2024-12-07 00:00:00', '2024-12-07 00:00:00', NULL)",
                rows,
            )
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    partial.rename(path)
    return path


def peak_rss_mib(library: Path, fmt: str, target: Path) -> float:
    """Run one export in a child process; return its peak RSS in MiB."""
    argv = [sys.executable, "-m", "briefing_app", "--db", str(library)]
    argv += ["export", "--format", fmt, "-o", str(target)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runner = subprocess.run(
        [sys.executable, "-c", RUNNER, *argv], env=env, capture_output=True, text=True, check=True
    )
    status, peak_kib = (int(word) for word in runner.stdout.split())
    if status != 0:
        details = runner.stderr[-300:]
        raise RuntimeError(f"export --format {fmt} failed (status {status}): {details!r}")
    return peak_kib / 1024


def measure() -> dict[str, float]:
    """Return the median peak RSS per format and library, and the large/small ratios."""
    small, large = build(SMALL_MB), build(LARGE_MB)
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            target = Path(folder) / f"export.{fmt}"
            peaks = {}
            for name, library in (("1mb", small), ("40mb", large)):
                peak_rss_mib(library, fmt, target)  # warm-up (and the day's backup)
                peaks[name] = statistics.median(
                    peak_rss_mib(library, fmt, target) for _ in range(RUNS)
                )
                figures[f"export_rss_{name}_{fmt}_mib"] = round(peaks[name], 1)
            figures[f"export_rss_ratio_{fmt}"] = round(peaks["40mb"] / peaks["1mb"], 3)
    return figures


if __name__ == "__main__":
    for key, value in measure().items():
        print(f"{key}\t{value}")
