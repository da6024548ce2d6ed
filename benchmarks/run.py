"""`make bench`: search, start-up, memory and import, each against a baseline in the same run.

- Search: ``Library.search(query, limit=PAGE)`` (parse, plan, read, load the page's
  claims) against the naive ``SELECT rowid FROM claim_fts WHERE claim_fts MATCH ?
  ORDER BY rank LIMIT 100`` on the same database, over a fixed mixed query set;
  the naive MATCH string is the same query's words, quoted (phrases stay phrases,
  prefixes prefixes, exclusions NOT, a field's value its words). The two are timed
  in alternation, so that a busy machine slows both alike.
- Start-up: ``python -m briefing_app --db <large library>`` with
  ``BRIEFING_APP_QUIT_WHEN_READY=1`` (the window prints ``READY`` once the first
  claims are painted, then quits) against a bare PySide6 ``QMainWindow``.
- Memory: peak RSS of the window process (``wait4``) with the list scrolled to the
  end (``BRIEFING_APP_SCROLL_TO_END=1``), large library against 1k claims.
- Import: the full import of the bundled and test articles (copies) against pysbd
  alone on the same text.
- Other formats (``benchmarks/formats.py``): pages, e-mail, PDF and Word files, the
  full import's throughput against the format's extractor alone; a 300-page PDF.
- Hostile import (``benchmarks/hostile.py``): a 5 MB file of each hostile shape
  (one line without punctuation, one line of prose, tiny sentences, blank lines,
  short lines, one sentence repeated, ...) must import in under 30 s; and
  time(4 MB) / time(1 MB) of each shape is about 4 if import time is linear.
- Team library (``benchmarks/postgres.py``): the large library on a throwaway
  PostgreSQL server; search p95 against a naive ``ts_rank`` ``ORDER BY``, and the
  window's start-up on the server against the same window on the SQLite file.

``BENCH_ONLY`` (or the command line) names the parts to run, comma-separated, from
``PARTS`` (all by default), e.g.
``BENCH_ONLY=import_hostile make bench``; ``BENCH_SHAPES`` picks hostile shapes.

The last line is ``BENCH `` and one JSON object (keys in ``BENCH_KEYS``); a figure
that could not be measured is null, and the reason is printed above it.
``BENCH_CLAIMS`` sets the large library's size (default 1,000,000).
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import export_memory, formats, hostile
from benchmarks.corpus import build, rare_word
from briefing_app.bundled import bundled_briefings
from briefing_app.search.parser import parse_query
from briefing_app.services.library import Library
from briefing_app.store.search.fts_text import fts_string

ROOT = Path(__file__).resolve().parent.parent
PAGE = 50
REPEATS = 7
IMPORT_REPEATS = 5
NAIVE_SQL = "SELECT rowid FROM claim_fts WHERE claim_fts MATCH ? ORDER BY rank LIMIT 100"
BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\nwindow = QMainWindow()\nwindow.show()\napp.processEvents()\n"
    "print('READY')\n"
)
# The team library's figures (benchmarks/postgres.py).
PG_KEYS = [
    "pg_claims",
    "pg_load_s",
    "pg_search_p50_ms",
    "pg_search_p95_ms",
    "pg_naive_p95_ms",
    "pg_search_vs_naive_p95",
    "pg_startup_s",
    "sqlite_startup_s",
    "pg_startup_vs_sqlite",
]
BENCH_KEYS = [
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
    "keystroke_store_reads",
    "briefings_startup_s",
    "briefings_startup_ratio",
    *(f"export_rss_ratio_{fmt}" for fmt in ("json", "md", "csv", "html")),
    *formats.keys(),
    *hostile.keys(),
    *PG_KEYS,
]
PARTS = (
    "search",
    "startup",
    "memory",
    "import",
    "keystroke",
    "import_formats",
    "import_hostile",
    "briefings",
    "export_memory",
    "postgres",
)
Figures = dict[str, float | None]
SearchRow = tuple[str, str, float, float, int]


def queries() -> dict[str, str]:
    """Return the fixed mixed query set, by what each one exercises."""
    return {
        "rare word": rare_word(),
        "broad word (~8%)": "forces",
        "broad word (~6%)": "army",
        "two broad words": "army fighting",
        "phrase": '"front line"',
        "prefix": "capt*",
        "OR": "army OR troops",
        "negation": "army -rebels",
        "field + word": "theme:offensive fighting",
        "field only": "is:hedged",
        "notes only": "note:killed",
        "entity (alias)": "entity:hts",
        "entity + word": "entity:assad forces",
        "title": "doc:homs",
    }


def naive_match(query: str) -> str:
    """Return the query as one FTS5 string, as a plain MATCH of its words would be."""
    parts = []
    for clause in parse_query(query).clauses:
        terms = [fts_string(t) for t in clause.terms]
        joined = terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"
        parts.append(("NOT " if clause.negated else "") + joined)
    positive = [p for p in parts if not p.startswith("NOT ")]
    negative = [p for p in parts if p.startswith("NOT ")]
    return " AND ".join(positive) + "".join(f" {n}" for n in negative)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_search(path: Path) -> tuple[Figures, list[SearchRow]]:
    """Time our search and the naive MATCH, alternating; return figures and per-query rows."""
    library = Library.open(path)
    naive = sqlite3.connect(path)
    ours_all: list[float] = []
    theirs_all: list[float] = []
    rows = []
    for label, query in queries().items():
        match = naive_match(query)
        calls: dict[str, Callable[[], object]] = {
            "ours": lambda q=query: library.search(q, limit=PAGE),  # type: ignore[misc]
            "naive": lambda m=match: naive.execute(NAIVE_SQL, (m,)).fetchall(),  # type: ignore[misc]
        }
        timings: dict[str, list[float]] = {"ours": [], "naive": []}
        for name in calls:
            calls[name]()  # warm the page cache once
        for _ in range(REPEATS):
            for name, call in calls.items():
                start = time.perf_counter()
                call()
                timings[name].append((time.perf_counter() - start) * 1000)
        total = library.search(query, limit=PAGE).total
        ours_all += timings["ours"]
        theirs_all += timings["naive"]
        rows.append(
            (
                label,
                query,
                statistics.median(timings["ours"]),
                statistics.median(timings["naive"]),
                total,
            )
        )
    library.close()
    naive.close()
    figures: Figures = {
        "search_p50_ms": statistics.median(ours_all),
        "search_p95_ms": percentile(ours_all, 0.95),
        "naive_p95_ms": percentile(theirs_all, 0.95),
    }
    return figures, rows


def run_process(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a window process to its end; return (seconds until it printed READY, peak RSS MiB).

    READY is printed once the first claims are painted (or the bare window is
    shown): that moment is what a user waits for. What the process does after
    it (quitting, waiting for background work) is not counted.
    """
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=errors)
        assert process.stdout is not None
        ready = None
        for line in process.stdout:
            if line.startswith(b"READY"):
                ready = time.perf_counter() - start
        process.stdout.close()
        _, status, usage = os.wait4(process.pid, 0)
        errors.seek(0)
        details = errors.read().decode(errors="replace")
    if status != 0 or ready is None:
        raise RuntimeError(f"{argv[1:4]} did not get ready (status {status}): {details[-300:]!r}")
    return ready, usage.ru_maxrss / 1024


def window_env(scroll: bool) -> dict[str, str]:
    env = {**os.environ, "BRIEFING_APP_QUIT_WHEN_READY": "1", "PYTHONPATH": str(ROOT)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    if scroll:
        env["BRIEFING_APP_SCROLL_TO_END"] = "1"
    return env


def window_argv(path: Path) -> list[str]:
    return [sys.executable, "-m", "briefing_app", "--db", str(path)]


def bench_startup(path: Path) -> Figures:
    ours, bare = [], []
    run_process(window_argv(path), window_env(False))  # warm-up (and the day's backup)
    for _ in range(5):
        ours.append(run_process(window_argv(path), window_env(False))[0])
        bare.append(run_process([sys.executable, "-c", BARE_WINDOW], window_env(False))[0])
    return {"startup_s": statistics.median(ours), "bare_window_s": statistics.median(bare)}


def bench_memory(small: Path, large: Path) -> Figures:
    run_process(window_argv(small), window_env(True))
    rss_small = statistics.median(
        run_process(window_argv(small), window_env(True))[1] for _ in range(3)
    )
    rss_large = statistics.median(
        run_process(window_argv(large), window_env(True))[1] for _ in range(3)
    )
    return {"rss_1k_mib": rss_small, "rss_1m_mib": rss_large}


def bench_import() -> Figures:
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
        # Both sides are warmed first (modules loaded, rules and gazetteer read), so
        # that what is timed is the throughput, not one-time start-up; then they are
        # timed in alternation, IMPORT_REPEATS times each, and the medians compared.
        warm = Library.open(Path(folder) / "warm-up.db")
        warm.import_files(files[:1])
        warm.close()
        segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
        segmenter.segment(texts[0])
        fulls, alones = [], []
        for repeat in range(IMPORT_REPEATS):
            library = Library.open(Path(folder) / f"import-{repeat}.db")
            start = time.perf_counter()
            library.import_files(files)
            fulls.append(time.perf_counter() - start)
            library.close()
            start = time.perf_counter()
            for text in texts:
                for line in text.splitlines():
                    if line.strip():
                        segmenter.segment(line)
            alones.append(time.perf_counter() - start)
    full, alone = statistics.median(fulls), statistics.median(alones)
    return {"import_s": full, "pysbd_s": alone, "import_ratio": alone / full}


def measured(name: str, bench: Callable[[], Figures], keys: list[str]) -> Figures:
    """Run one part; if it cannot run here, say why and report its figures as null."""
    try:
        return bench()
    except (RuntimeError, OSError, ImportError) as error:
        print(f"{name}: not measured ({error})")
        return dict.fromkeys(keys)


def ratio(figures: Figures, top: str, bottom: str) -> float | None:
    a, b = figures.get(top), figures.get(bottom)
    return a / b if a is not None and b else None


def show(value: float | None, form: str = ".1f") -> str:
    return "n/a" if value is None else format(value, form)


def chosen_parts() -> set[str]:
    """Return the parts to run: the command line or BENCH_ONLY, comma-separated; all if unset."""
    raw = ",".join(sys.argv[1:]) or os.environ.get("BENCH_ONLY", "")
    parts = {part.strip() for part in raw.split(",") if part.strip()} or set(PARTS)
    unknown = parts - set(PARTS)
    if unknown:
        raise SystemExit(f"Unknown part(s) {sorted(unknown)}: choose from {', '.join(PARTS)}.")
    return parts


def measure_library_parts(parts: set[str], claims: int, figures: Figures) -> list[SearchRow]:
    """Run search, start-up and memory (those asked for) on the synthetic libraries."""
    print(f"Building or reusing libraries of 1,000 and {claims:,} claims in benchmarks/.cache …")
    start = time.perf_counter()
    small, large = build(1000), build(claims)
    print(f"  ready in {time.perf_counter() - start:.0f} s: {large.name}")
    rows: list[SearchRow] = []
    if "search" in parts:
        search, rows = bench_search(large)
        figures |= search
    if "startup" in parts:
        figures |= measured(
            "start-up", lambda: bench_startup(large), ["startup_s", "bare_window_s"]
        )
    if "memory" in parts:
        figures |= measured(
            "memory", lambda: bench_memory(small, large), ["rss_1k_mib", "rss_1m_mib"]
        )
    return rows


def keystroke_store_reads(library_path: Path) -> float:
    """Return how many reads of the store one keystroke makes: a query in a saved-search view.

    The window's search worker calls ``find_matches``; the store counts its list reads.
    """
    from briefing_app.domain.library import ClaimFilter
    from briefing_app.ui.claims.claim_list_controller import find_matches

    library = Library.open(library_path, backup=False)
    try:
        view = ClaimFilter(theme="offensive", query="forces")
        before = library._store.finds  # noqa: SLF001 - the figure is the store's own count
        find_matches(library, "army -rebels", view)
        return float(library._store.finds - before)  # noqa: SLF001
    finally:
        library.close()


def bench_briefings() -> dict[str, float]:
    """Return the Briefings figures: 20,000 documents against the bare window."""
    from benchmarks import briefings

    path = briefings.build()
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "one-briefing.db"
        Library.open(small, seed=True).close()
        return briefings.bench(path, small)


def main() -> None:
    parts = chosen_parts()
    claims = int(os.environ.get("BENCH_CLAIMS", "1000000"))
    figures: Figures = {**dict.fromkeys(BENCH_KEYS), "claims": claims}
    rows: list[SearchRow] = []
    if parts & {"search", "startup", "memory"}:
        rows = measure_library_parts(parts, claims, figures)
    if "import" in parts:
        figures |= measured("import", bench_import, ["import_s", "pysbd_s", "import_ratio"])
    if "keystroke" in parts:
        figures["keystroke_store_reads"] = keystroke_store_reads(build(1000))
    if "briefings" in parts:
        figures |= measured(
            "briefings", bench_briefings, ["briefings_startup_s", "briefings_startup_ratio"]
        )
    if "export_memory" in parts:
        figures |= export_memory.measure()
    if "postgres" in parts:
        from benchmarks import postgres  # it reuses this module's pieces

        figures |= measured("postgres", lambda: postgres.measure(build(claims), claims), PG_KEYS)
    hostile_rows: list[str] = []
    format_rows: list[str] = []
    if "import_formats" in parts:
        found, format_rows = formats.bench_import_formats()
        figures |= found
    if "import_hostile" in parts:
        shapes = [s for s in os.environ.get("BENCH_SHAPES", "").split(",") if s] or None
        found, hostile_rows = hostile.bench_import_hostile(shapes)
        figures |= found
    figures["search_vs_naive_p95"] = ratio(figures, "search_p95_ms", "naive_p95_ms")
    figures["startup_ratio"] = ratio(figures, "startup_s", "bare_window_s")
    figures["rss_ratio"] = ratio(figures, "rss_1m_mib", "rss_1k_mib")
    report(figures, rows, hostile_rows, format_rows)


def report(
    figures: Figures, rows: list[SearchRow], hostile_rows: list[str], format_rows: list[str]
) -> None:
    """Print the tables, then the BENCH line."""
    claims = int(figures["claims"] or 0)
    print(
        f"\nMachine: {os.cpu_count()} cores, Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}, {platform.platform(terse=True)}"
    )
    if rows:
        print(f"\nSearch, {claims:,} claims, medians of {REPEATS} (ms):")
        width = max(len(r[0]) + len(r[1]) for r in rows) + 3
        print(f"  {'query':<{width}}  {'ours':>7}  {'naive':>7}  matches")
        for label, query, ours, theirs, total in rows:
            name = f"{label}: {query}"
            print(f"  {name:<{width}}  {ours:7.1f}  {theirs:7.1f}  {total}")
    table = [
        (
            f"search p50 / p95, page of {PAGE} (ms)",
            f"{show(figures['search_p50_ms'])} / {show(figures['search_p95_ms'])}",
        ),
        ("naive FTS5 bm25 LIMIT 100, p95 (ms)", show(figures["naive_p95_ms"])),
        ("search vs naive, p95", f"{show(figures['search_vs_naive_p95'], '.2f')}  (<= 0.25)"),
        ("start-up to claims visible (s)", show(figures["startup_s"], ".2f")),
        ("bare PySide6 window (s)", show(figures["bare_window_s"], ".2f")),
        ("start-up ratio", f"{show(figures['startup_ratio'], '.2f')}  (<= 3.0)"),
        (
            "peak RSS 1k / large (MiB)",
            f"{show(figures['rss_1k_mib'], '.0f')} / {show(figures['rss_1m_mib'], '.0f')}",
        ),
        ("RSS ratio", f"{show(figures['rss_ratio'], '.2f')}  (<= 1.3)"),
        (
            "import: pysbd alone / full (s)",
            f"{show(figures.get('pysbd_s'), '.2f')} / {show(figures.get('import_s'), '.2f')}",
        ),
        ("import ratio", f"{show(figures['import_ratio'], '.2f')}  (>= 0.6)"),
        *formats.summary(figures),
        (
            "hostile 5 MB import, worst (s)",
            f"{show(figures['import_5mb_max_s'], '.1f')}  (< {hostile.LIMIT_S:.0f})",
        ),
        (
            "hostile import 4 MB / 1 MB, worst",
            f"{show(figures['import_linearity_max'], '.2f')}  (linear ~4, quadratic ~16)",
        ),
        (
            "team library: load, search p95 / naive ts_rank p95",
            f"{show(figures['pg_load_s'], '.0f')} s, {show(figures['pg_search_p95_ms'])} / "
            f"{show(figures['pg_naive_p95_ms'])} ms = "
            f"{show(figures['pg_search_vs_naive_p95'], '.2f')}",
        ),
        (
            "team library: start-up / on the file (s)",
            f"{show(figures['pg_startup_s'], '.2f')} / {show(figures['sqlite_startup_s'], '.2f')}"
            f" = {show(figures['pg_startup_vs_sqlite'], '.2f')}",
        ),
    ]
    if format_rows:
        print("\nOther formats, medians of 3 (full import against the format's extractor):")
        print("\n".join(format_rows))
    if hostile_rows:
        print("\nHostile imports, one process each (s):")
        print("\n".join(hostile_rows))
    width = max(len(name) for name, _ in table)
    print()
    for name, value in table:
        print(f"{name:<{width}}  {value}")
    print("BENCH " + json.dumps({k: _rounded(figures[k]) for k in BENCH_KEYS}))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


if __name__ == "__main__":
    main()
