"""Import of hostile 5 MB files: every shape in bounded time, and time linear in size.

Each import runs in its own process (a fresh library, rules loaded before the
clock starts), with a timeout, so that a shape that never ends is reported as
such instead of stopping the benchmark. The shapes are those of
``tests/hostile/input_files.py``; each is also imported at 1, 2 and 4 MB, and
time(4 MB) / time(1 MB) tells linear (about 4) from quadratic (about 16).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefing_app.ingest.decode import MAX_BYTES
from tests.hostile.input_files import SHAPES, write_shape

ROOT = Path(__file__).resolve().parent.parent
LIMIT_S = 30.0
TIMEOUT_S = 180
MB = 1024 * 1024
LINEARITY_MB = (1, 2, 4)
CHILD = "from benchmarks.hostile import child; child()"
Figures = dict[str, float | None]


def keys() -> list[str]:
    """Return the BENCH keys this part fills."""
    per_shape = [f"import_5mb_s_{shape}" for shape in SHAPES]
    linearity = [f"import_linearity_{shape}" for shape in SHAPES]
    return [*per_shape, "import_5mb_max_s", *linearity, "import_linearity_max"]


def child() -> None:
    """In a fresh process: import ``argv[1]`` into a new library ``argv[2]``; print the time."""
    from briefing_app.domain.errors import BriefingError
    from briefing_app.ingest.pipeline import parse_document
    from briefing_app.services.library import Library

    parse_document(b"Rebels took Homs (AP). Mr. Smith said so, residents said.\n", "warm.txt")
    library = Library.open(Path(sys.argv[2]))
    start = time.perf_counter()
    try:
        outcome = f"{library.import_files([Path(sys.argv[1])])[0].claims} claims"
    except BriefingError as error:
        outcome = f"refused: {str(error).split(': ', 1)[-1]}"
    print(f"SECONDS {time.perf_counter() - start:.3f} {outcome}", flush=True)
    library.close()


def time_import(folder: Path, shape: str, size: int) -> tuple[float | None, str]:
    """Return the seconds one import of ``size`` bytes of ``shape`` takes, and what came of it."""
    path = write_shape(folder, shape, size)
    db = folder / f"{shape}-{size}.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), str(db)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            cwd=ROOT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, f"did not finish in {TIMEOUT_S} s"
    finally:
        path.unlink()
    lines = [line for line in done.stdout.splitlines() if line.startswith("SECONDS ")]
    if done.returncode != 0 or not lines:
        return None, f"failed (status {done.returncode}): {done.stderr.strip()[-200:]}"
    _, seconds, outcome = lines[-1].split(" ", 2)
    return float(seconds), outcome


def bench_import_hostile(shapes: list[str] | None = None) -> tuple[Figures, list[str]]:
    """Time each shape at 5 MB and at 1, 2, 4 MB; return the figures and the table's rows."""
    figures: Figures = dict.fromkeys(keys())
    rows = [f"  {'shape':<20} {'5 MB (s)':>9}  {'1 / 2 / 4 MB (s)':>18}  {'4MB/1MB':>7}  outcome"]
    chosen = shapes or list(SHAPES)
    with tempfile.TemporaryDirectory() as folder:
        for shape in chosen:
            full, outcome = time_import(Path(folder), shape, MAX_BYTES)
            steps = [time_import(Path(folder), shape, mb * MB)[0] for mb in LINEARITY_MB]
            growth = steps[-1] / steps[0] if steps[0] and steps[-1] else None
            figures[f"import_5mb_s_{shape}"] = full
            figures[f"import_linearity_{shape}"] = growth
            flag = "" if full is not None and full < LIMIT_S else "  OVER THE LIMIT"
            sizes = " / ".join("n/a" if s is None else f"{s:.1f}" for s in steps)
            rows.append(
                f"  {shape:<20} {_show(full):>9}  {sizes:>18}  {_show(growth):>7}  {outcome}{flag}"
            )
    figures["import_5mb_max_s"] = _worst([figures[f"import_5mb_s_{s}"] for s in chosen])
    figures["import_linearity_max"] = _worst([figures[f"import_linearity_{s}"] for s in chosen])
    return figures, rows


def _worst(values: list[float | None]) -> float | None:
    """Return the largest value, or None if any is missing (a missing one may be the worst)."""
    present = [v for v in values if v is not None]
    return max(present) if present and len(present) == len(values) else None


def _show(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"
