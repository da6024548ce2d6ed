"""Synthetic libraries of 1k to 1M claims with realistic word statistics, cached on disk.

Words follow a Zipf law over a vocabulary of about 30,000 (real English words
first, then made-up ones for the long tail); claims name real entities from the
gazetteers, carry hedges and attributions like real reporting, and about 5% of
them have a note. Rows are written in bulk and the FTS index is built once at
the end, which is how a large import would be done too.
"""

from __future__ import annotations

import json
import random
import sqlite3
import tomllib
from itertools import accumulate
from pathlib import Path

from briefing_app.bundled import resource_dir
from briefing_app.store.fts import create_fts, drop_fts, rebuild_fts
from briefing_app.store.store import Store

CACHE = Path(__file__).parent / ".cache"
VOCABULARY = 30_000
CLAIMS_PER_DOCUMENT = 40
COMMON = (
    "the of and to in a is that for on was with as by at from it are be this were have has "
    "forces city rebels government army said military fighters troops offensive control "
    "attack attacks front line people civilians positions regime support north south east "
    "west town towns capital province border aid officials statement group groups war "
    "killed fled fighting advance captured defend allies week day night airstrikes "
    "checkpoint villages highway road base bases convoy drones artillery ceasefire talks"
).split()
HEDGES = ["reportedly", "appeared to", "may", "could", "allegedly", "seemed to"]
SOURCES = ["officials said", "residents said", "state media reported", "a monitor said"]


def _entities() -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    folder = resource_dir() / "gazetteer"
    for file, table, kind in (
        ("actors.toml", "entity", None),
        ("countries.toml", "country", "country"),
        ("places.toml", "place", "place"),
    ):
        with (folder / file).open("rb") as handle:
            for entry in tomllib.load(handle).get(table, [])[:400]:
                names.append((entry["name"], kind or entry["kind"]))
    return names


def _vocabulary(chance: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    made_up = {
        "".join(chance.choice(letters) for _ in range(chance.randint(4, 10)))
        for _ in range(VOCABULARY * 2)
    }
    return COMMON + sorted(made_up)[: VOCABULARY - len(COMMON)]


def library_path(claims: int) -> Path:
    """Return where the library of ``claims`` claims is cached."""
    return CACHE / f"library-{claims}.db"


def build(claims: int, seed: int = 2024) -> Path:
    """Return a cached library of ``claims`` claims, building it the first time."""
    path = library_path(claims)
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    Store.open(partial).close()
    chance = random.Random(seed)
    words = _vocabulary(chance)
    weights = list(accumulate(1 / rank for rank in range(1, len(words) + 1)))
    entities = _entities()
    connection = sqlite3.connect(partial)
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    drop_fts(connection.execute)
    _write(connection, claims, chance, words, weights, entities)
    create_fts(connection.execute)
    rebuild_fts(connection.execute)
    connection.commit()
    connection.execute("PRAGMA journal_mode=WAL")
    connection.close()
    partial.rename(path)
    return path


def _write(
    connection: sqlite3.Connection,
    claims: int,
    chance: random.Random,
    words: list[str],
    weights: list[float],
    entities: list[tuple[str, str]],
) -> None:
    connection.executemany(
        "INSERT INTO themes(key, label, description, colour, ord) VALUES (?, ?, '', ?, ?)",
        [
            ("offensive", "The offensive", "#c0392b", 0),
            ("assad-defense", "Assad's defense", "#2471a3", 1),
            ("foreign-forces", "Foreign forces", "#7d3c98", 2),
        ],
    )
    connection.execute("INSERT INTO sources(name, reliability) VALUES ('Wire', 'F')")
    connection.executemany(
        "INSERT INTO entities(id, name, kind) VALUES (?, ?, ?)",
        [(n, name, kind) for n, (name, kind) in enumerate(entities, start=1)],
    )
    documents = (claims + CLAIMS_PER_DOCUMENT - 1) // CLAIMS_PER_DOCUMENT
    connection.executemany(
        "INSERT INTO documents(id, source_id, title, file_name, sha256, encoding, text, imported)"
        " VALUES (?, 1, ?, ?, ?, 'utf-8', '', '2024-12-06 00:00:00')",
        [(d, f"Briefing {d}", f"{d}.txt", f"{d:064x}") for d in range(1, documents + 1)],
    )
    batch: list[tuple[object, ...]] = []
    themes: list[tuple[int, int, int]] = []
    mentions: list[tuple[int, int]] = []
    notes: list[tuple[int, str]] = []
    for claim_id in range(1, claims + 1):
        length = chance.randint(12, 32)
        sentence = chance.choices(words, cum_weights=weights, k=length)
        if chance.random() < 0.6:
            entity = chance.randrange(len(entities))
            sentence.insert(chance.randrange(len(sentence)), entities[entity][0])
            mentions.append((claim_id, entity + 1))
        hedges = []
        if chance.random() < 0.15:
            hedges.append(chance.choice(HEDGES))
            sentence.insert(2, hedges[0])
        attribution = chance.choice(SOURCES) if chance.random() < 0.3 else None
        sentence[0] = sentence[0][:1].upper() + sentence[0][1:]
        text = " ".join(sentence) + (f", {attribution}." if attribution else ".")
        document = (claim_id - 1) // CLAIMS_PER_DOCUMENT + 1
        batch.append((claim_id, document, claim_id, text, attribution, json.dumps(hedges)))
        themes.append((claim_id, chance.randint(1, 3), 1))
        if chance.random() < 0.05:
            notes.append((claim_id, " ".join(chance.choices(words, cum_weights=weights, k=15))))
    connection.executemany(
        "INSERT INTO claims(id, document_id, paragraph, sentence, start, end, text, prefix, suffix,"
        " attribution, hedges, reliability, credibility)"
        " VALUES (?, ?, 1, 1, ?, 0, ?, '', '', ?, ?, 'F', 6)",
        batch,
    )
    connection.executemany(
        "INSERT INTO claim_themes(claim_id, theme_id, is_primary, origin, why)"
        " VALUES (?, ?, ?, 'rule', 'generated')",
        themes,
    )
    connection.executemany(
        "INSERT INTO mentions(claim_id, entity_id, start, end) VALUES (?, ?, 0, 0)", mentions
    )
    connection.executemany(
        "INSERT INTO notes(claim_id, body, created, updated, deleted)"
        " VALUES (?, ?, '2024-12-07 00:00:00', '2024-12-07 00:00:00', NULL)",
        notes,
    )
