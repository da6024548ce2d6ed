"""`make bench`: search, start-up, memory and import, each against a baseline in the same run.

The last line is ``BENCH `` and one JSON object (keys listed in BENCH_KEYS).
``BENCH_CLAIMS`` sets the large library's size (default 1,000,000).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.corpus import build
from briefing_app.bundled import bundled_briefings
from briefing_app.services.library import Library

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "aadbdr",  # rare
    "army",  # broad
    '"front line"',  # phrase
    "capt*",  # prefix
    "theme:offensive fighting",  # field
    "army -rebels",  # negation
    "note:killed",  # notes
    "entity:hezbollah",  # entity
]
REPEATS = 5
NAIVE_SQL = "SELECT rowid FROM claim_fts WHERE claim_fts MATCH ? ORDER BY rank LIMIT 100"
BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\nwindow = QMainWindow()\nwindow.show()\napp.processEvents()\n"
    "print('READY')\n"
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def naive_match(query: str) -> str:
    """The same query as a plain FTS5 string: its words, quoted."""
    words = []
    for token in query.replace('"', " ").split():
        value = token.split(":", 1)[-1].lstrip("-").rstrip("*")
        if value:
            words.append('"' + value + '"')
    return " ".join(words)


def time_calls(call: Callable[[], object]) -> list[float]:
    call()
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def bench_search(path: Path) -> dict[str, float]:
    import sqlite3

    library = Library.open(path)
    naive = sqlite3.connect(path)
    ours: list[float] = []
    theirs: list[float] = []
    for query in QUERIES:
        ours += time_calls(lambda q=query: library.search(q, limit=50))
        match = naive_match(query)
        theirs += time_calls(lambda m=match: naive.execute(NAIVE_SQL, (m,)).fetchall())
    library.close()
    naive.close()
    return {
        "search_p50_ms": statistics.median(ours),
        "search_p95_ms": percentile(ours, 0.95),
        "naive_p95_ms": percentile(theirs, 0.95),
    }


def run_process(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a process to completion; return (wall seconds, peak RSS in MiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    assert process.stdout is not None
    output = process.stdout.read().decode()
    process.stdout.close()
    if status != 0 or "READY" not in output:
        raise RuntimeError(f"{argv} did not get ready (status {status}): {output!r}")
    return wall, usage.ru_maxrss / 1024


def window_env(scroll: bool) -> dict[str, str]:
    env = {**os.environ, "BRIEFING_APP_QUIT_WHEN_READY": "1", "PYTHONPATH": str(ROOT)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if scroll:
        env["BRIEFING_APP_SCROLL_TO_END"] = "1"
    return env


def window_argv(path: Path) -> list[str]:
    return [sys.executable, "-m", "briefing_app", "--db", str(path)]


def bench_startup(path: Path) -> dict[str, float]:
    ours, bare = [], []
    run_process(window_argv(path), window_env(False))  # warm-up (and the day's backup)
    for _ in range(REPEATS):
        ours.append(run_process(window_argv(path), window_env(False))[0])
        bare.append(run_process([sys.executable, "-c", BARE_WINDOW], window_env(False))[0])
    return {"startup_s": statistics.median(ours), "bare_window_s": statistics.median(bare)}


def bench_memory(small: Path, large: Path) -> dict[str, float]:
    run_process(window_argv(small), window_env(True))
    rss_small = statistics.median(
        run_process(window_argv(small), window_env(True))[1] for _ in range(3)
    )
    rss_large = statistics.median(
        run_process(window_argv(large), window_env(True))[1] for _ in range(3)
    )
    return {"rss_1k_mib": rss_small, "rss_1m_mib": rss_large}


def bench_import() -> dict[str, float]:
    import pysbd

    articles = bundled_briefings() + sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
    texts = [
        article.read_text("utf-8") + f"\nEdition {copy} of the briefing was filed on time.\n"
        for copy in range(12)
        for article in articles
    ]
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for number, text in enumerate(texts):
            file = Path(folder) / f"{number:03d}.txt"
            file.write_text(text, encoding="utf-8")
            files.append(file)
        library = Library.open(Path(folder) / "import.db")
        start = time.perf_counter()
        library.import_files(files)
        full = time.perf_counter() - start
        library.close()
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    start = time.perf_counter()
    for text in texts:
        for line in text.splitlines():
            if line.strip():
                segmenter.segment(line)
    alone = time.perf_counter() - start
    return {"import_s": full, "pysbd_s": alone, "import_ratio": alone / full}


def main() -> None:
    claims = int(os.environ.get("BENCH_CLAIMS", "1000000"))
    print(f"Building or reusing libraries of 1,000 and {claims:,} claims in benchmarks/.cache …")
    small, large = build(1000), build(claims)
    figures: dict[str, float] = {"claims": claims}
    figures |= bench_search(large)
    figures |= bench_startup(large)
    figures |= bench_memory(small, large)
    figures |= bench_import()
    figures["search_vs_naive_p95"] = figures["search_p95_ms"] / figures["naive_p95_ms"]
    figures["startup_ratio"] = figures["startup_s"] / figures["bare_window_s"]
    figures["rss_ratio"] = figures["rss_1m_mib"] / figures["rss_1k_mib"]
    rows = [
        (
            "search p50 / p95 (ms)",
            f"{figures['search_p50_ms']:.1f} / {figures['search_p95_ms']:.1f}",
        ),
        ("naive FTS5 bm25 p95 (ms)", f"{figures['naive_p95_ms']:.1f}"),
        ("search vs naive, p95", f"{figures['search_vs_naive_p95']:.2f}  (target <= 0.25)"),
        ("start-up to claims visible (s)", f"{figures['startup_s']:.2f}"),
        ("bare PySide6 window (s)", f"{figures['bare_window_s']:.2f}"),
        ("start-up ratio", f"{figures['startup_ratio']:.2f}  (target <= 3.0)"),
        ("peak RSS 1k / large (MiB)", f"{figures['rss_1k_mib']:.0f} / {figures['rss_1m_mib']:.0f}"),
        ("RSS ratio", f"{figures['rss_ratio']:.2f}  (target <= 1.3)"),
        ("import: pysbd alone / full (s)", f"{figures['pysbd_s']:.2f} / {figures['import_s']:.2f}"),
        ("import ratio", f"{figures['import_ratio']:.2f}  (target >= 0.6)"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    keys = [
        "claims",
        "search_p50_ms",
        "search_p95_ms",
        "naive_p95_ms",
        "search_vs_naive_p95",
        "startup_s",
        "bare_window_s",
        "startup_ratio",
        "rss_1k_mib",
        "rss_1m_mib",
        "rss_ratio",
        "import_ratio",
    ]
    print("BENCH " + json.dumps({k: round(figures[k], 4) for k in keys}))


if __name__ == "__main__":
    main()
