"""The Briefings section at 20,000 documents: start-up against a bare window.

``python -m benchmarks.briefings`` builds (once, cached under ``benchmarks/.cache``) a
library of 20,000 short documents, written with plain ``executemany`` inserts into
a schema made by the real store, then times ``python -m briefing_app --db LIB``
with ``BRIEFING_APP_QUIT_WHEN_READY=1`` (the window prints ``READY`` once the first
claims are painted, the Briefings list beside them) against a bare PySide6
``QMainWindow``, in alternation, as ``benchmarks.run`` times start-up. For scale,
the same window over a library of the one bundled briefing is timed too. The last
line is ``BENCH_BRIEFINGS`` and one JSON object.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.run import BARE_WINDOW, run_process, window_argv, window_env
from briefing_app.services.library import Library
from briefing_app.store.fts import create_fts, drop_fts, rebuild_fts

DOCUMENTS = 20_000
CLAIMS_PER_DOCUMENT = 5
REPEATS = 5
GENERATOR = 1  # bump when the library built changes
CACHE = Path(__file__).parent / ".cache"
OUTLETS = (
    "Reuters",
    "Associated Press",
    "Agence France-Presse",
    "Al-Monitor",
    "Le Monde",
    "Enab Baladi",
    "The Syria Examiner",
    "Rudaw",
)
PLACES = (
    "Homs",
    "Hama",
    "Aleppo",
    "Idlib",
    "Damascus",
    "Latakia",
    "Tartus",
    "Daraa",
    "Deir ez-Zor",
    "Raqqa",
    "Qamishli",
    "Manbij",
    "Kobani",
    "Suwayda",
    "Palmyra",
)
EVENTS = (
    "rebels push into",
    "army regroups near",
    "shelling resumes around",
    "aid convoy reaches",
    "talks stall over",
    "residents flee",
    "drones strike",
    "ceasefire frays in",
    "front line shifts near",
    "militias deploy to",
)
SENTENCE = "{place} saw {what} on day {day}, officials said, as fighting went on."
# A document in this many is unread; the others were opened on the day they came in.
UNREAD_SHARE = 0.3


def library_path(documents: int = DOCUMENTS) -> Path:
    """Return where the library of ``documents`` documents is cached."""
    return CACHE / f"briefings-{documents}-g{GENERATOR}.db"


def build(documents: int = DOCUMENTS, path: Path | None = None, seed: int = 2024) -> Path:
    """Return a library of ``documents`` documents of a few claims each, building it if new.

    A few seconds for 20,000: one transaction of ``executemany`` inserts, the text
    indexes built once at the end.
    """
    path = path or library_path(documents)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    Library.open(partial, backup=False).close()  # the real schema and themes
    connection = sqlite3.connect(partial)
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    drop_fts(connection.execute)
    _write(connection, documents, random.Random(seed))
    create_fts(connection.execute)
    rebuild_fts(connection.execute)
    connection.commit()
    connection.execute("PRAGMA journal_mode=WAL")
    connection.close()
    partial.rename(path)
    return path


def _write(connection: sqlite3.Connection, documents: int, chance: random.Random) -> None:
    connection.executemany(
        "INSERT INTO sources(id, name, reliability) VALUES (?, ?, 'B')",
        list(enumerate(OUTLETS, start=1)),
    )
    themes = [int(row[0]) for row in connection.execute("SELECT id FROM themes ORDER BY ord")]
    rows: dict[str, list[tuple[object, ...]]] = {
        "documents": [],
        "paragraphs": [],
        "claims": [],
        "filed": [],
    }
    claim_id = 0
    for document in range(1, documents + 1):
        place, event = chance.choice(PLACES), chance.choice(EVENTS)
        title = f"{event.capitalize()} {place} ({document})"
        sentences = [
            SENTENCE.format(place=chance.choice(PLACES), what=chance.choice(EVENTS), day=n)
            for n in range(1, CLAIMS_PER_DOCUMENT + 1)
        ]
        text = title + "\n" + " ".join(sentences)
        start = len(title) + 1
        rows["paragraphs"] += [
            (document, 1, 0, len(title), "title"),
            (document, 2, start, len(text), "body"),
        ]
        for number, sentence in enumerate(sentences, start=1):
            claim_id += 1
            rows["claims"].append(
                (claim_id, document, number, start, start + len(sentence), sentence)
            )
            rows["filed"].append((claim_id, chance.choice(themes)))
            start += len(sentence) + 1
        day = f"2024-{document * 12 // (documents + 1) + 1:02d}-{document % 28 + 1:02d}"
        published = day if chance.random() < 0.8 else None
        imported = f"{day} 08:00:00.000000"
        opened = None if chance.random() < UNREAD_SHARE else imported
        rows["documents"].append(
            (
                document,
                chance.randint(1, len(OUTLETS)),
                title,
                published,
                f"{document}.txt",
                f"{document:064x}",
                text,
                imported,
                opened,
            )
        )
    connection.executemany(
        "INSERT INTO documents(id, source_id, title, published, file_name, sha256, encoding,"
        " text, imported, opened) VALUES (?, ?, ?, ?, ?, ?, 'utf-8', ?, ?, ?)",
        rows["documents"],
    )
    connection.executemany(
        'INSERT INTO paragraphs(document_id, idx, start, "end", kind) VALUES (?, ?, ?, ?, ?)',
        rows["paragraphs"],
    )
    connection.executemany(
        'INSERT INTO claims(id, document_id, paragraph, sentence, start, "end", text, prefix,'
        " suffix, hedges, reliability, credibility)"
        " VALUES (?, ?, 2, ?, ?, ?, ?, '', '', '[]', 'B', 6)",
        rows["claims"],
    )
    connection.executemany(
        "INSERT INTO claim_themes(claim_id, theme_id, is_primary, origin, why)"
        " VALUES (?, ?, 1, 'rule', 'generated')",
        rows["filed"],
    )


def bench(path: Path, small: Path, repeats: int = REPEATS) -> dict[str, float]:
    """Return the median seconds to READY: the window over ``path``, over ``small``, bare."""
    env = window_env(False)
    for library in (path, small):
        run_process(window_argv(library), env)  # warm-up (and the day's backup)
    ours, one, bare = [], [], []
    for _ in range(repeats):
        ours.append(run_process(window_argv(path), env)[0])
        one.append(run_process(window_argv(small), env)[0])
        bare.append(run_process([sys.executable, "-c", BARE_WINDOW], env)[0])
    startup, bare_window = statistics.median(ours), statistics.median(bare)
    return {
        "documents": DOCUMENTS,
        "briefings_startup_s": round(startup, 4),
        "one_briefing_startup_s": round(statistics.median(one), 4),
        "bare_window_s": round(bare_window, 4),
        "briefings_startup_ratio": round(startup / bare_window, 4),
    }


def main() -> int:
    """Build (or find) the library, time both windows, print the figures."""
    path = build()
    print(f"library: {path}")
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "one-briefing.db"
        Library.open(small, seed=True).close()
        figures = bench(path, small)
    print(
        f"start-up with {DOCUMENTS:,} documents: {figures['briefings_startup_s']:.3f} s;"
        f" with the one bundled briefing {figures['one_briefing_startup_s']:.3f} s;"
        f" bare window {figures['bare_window_s']:.3f} s;"
        f" ratio {figures['briefings_startup_ratio']:.2f}"
    )
    print("BENCH_BRIEFINGS " + json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
