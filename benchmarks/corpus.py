"""Synthetic libraries of 1k to 1M claims with realistic word statistics, cached on disk.

Words follow a Zipf law (rank r drawn with weight 1/r) over a vocabulary of
30,000: common news words first, then the words of the bundled and test
articles by frequency, then made-up words for the long tail, in random order
so spelling says nothing about rank. Claims name real entities from
``resources/gazetteer`` (sometimes by an alias, recorded as the store records
aliases seen in text), carry hedges and attributions at the rates of real
reporting, and about 5% have a note. Documents have titles, outlets, full text
and paragraphs, and claims have their spans in that text.

Rows are written with ``executemany`` into a schema made by the real store
(``Store.open`` on a new file), and the FTS indexes are built once at the end,
as a bulk import would. A library is cached under a name that carries its size,
seed and ``GENERATOR`` (bump it when the output changes), so reruns are instant.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
import tomllib
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from briefing_app.bundled import resource_dir
from briefing_app.store.fts import create_fts, drop_fts, rebuild_fts
from briefing_app.store.store import Store

GENERATOR = 3
CACHE = Path(__file__).parent / ".cache"
ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = 30_000
CLAIMS_PER_DOCUMENT = 40
CLAIMS_PER_PARAGRAPH = 3
NOTE_SHARE = 0.05
HEDGE_SHARE = 0.15
ATTRIBUTION_SHARE = 0.3
ENTITY_SHARE = 0.6
ALIAS_SHARE = 0.3
# Common words of news reporting, most frequent first (they take the top ranks).
COMMON = (
    "the of and to in a is that for on was with as by at from it are be this were have has "
    "forces city rebels government army said military fighters troops offensive control "
    "attack attacks front line people civilians positions regime support north south east "
    "west town towns capital province border aid officials statement group groups war "
    "killed fled fighting advance captured defend allies week day night airstrikes "
    "checkpoint villages highway road base bases convoy drones artillery ceasefire talks"
).split()
HEDGES = ["reportedly", "appeared to", "may", "could", "allegedly", "seemed to"]
SPEAKERS = ["officials", "residents", "state media", "a war monitor", "activists", "diplomats"]
NOTE_OPENERS = ["check", "compare with", "verify", "source?", "follow up:", "see also"]
FALLBACK_ENTITIES = [
    ("Bashar Assad", "person", ["Assad", "President Assad"]),
    ("Hayat Tahrir al Sham", "group", ["HTS", "Hayat Tahrir al-Sham"]),
    ("Hezbollah", "group", ["Hizbollah"]),
    ("Russia", "country", ["Moscow", "Kremlin"]),
    ("Iran", "country", ["Tehran"]),
    ("Homs", "place", []),
    ("Hama", "place", []),
    ("Aleppo", "place", ["Halab"]),
    ("Damascus", "place", []),
]
FALLBACK_OUTLETS = ["Reuters", "Associated Press", "Agence France-Presse", "Al-Monitor"]


@dataclass(frozen=True)
class Entity:
    """A gazetteer entity: its name, kind and the other names it goes by."""

    name: str
    kind: str
    aliases: tuple[str, ...]


def library_path(claims: int, seed: int = 2024) -> Path:
    """Return where the library of ``claims`` claims is cached."""
    return CACHE / f"library-{claims}-g{GENERATOR}-s{seed}.db"


def article_texts() -> list[str]:
    """Return the texts of the bundled briefing(s) and the test articles."""
    files = sorted(resource_dir().glob("*.txt"))
    files += sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
    return [file.read_text("utf-8") for file in files]


def vocabulary(seed: int = 2024) -> list[str]:
    """Return the words by rank: common news words, article words, made-up words."""
    chance = random.Random(seed)
    counts = Counter(w.lower() for t in article_texts() for w in re.findall(r"[A-Za-z]{2,}", t))
    words = list(dict.fromkeys([*COMMON, *(w for w, _ in counts.most_common())]))
    known = set(words)
    letters = "abcdefghijklmnopqrstuvwxyz"
    made_up: list[str] = []
    while len(words) + len(made_up) < VOCABULARY:
        word = "".join(chance.choice(letters) for _ in range(chance.randint(4, 10)))
        if word not in known:
            known.add(word)
            made_up.append(word)
    return words + made_up


def rare_word(seed: int = 2024, rank: int = 12_000) -> str:
    """Return the word at ``rank``: in about 150 claims of a million."""
    return vocabulary(seed)[rank]


def _entities() -> list[Entity]:
    folder = resource_dir() / "gazetteer"
    found: list[Entity] = []
    for file, table, kind in (
        ("actors.toml", "entity", None),
        ("countries.toml", "country", "country"),
        ("places.toml", "place", "place"),
    ):
        path = folder / file
        if not path.exists():
            continue
        with path.open("rb") as handle:
            for entry in tomllib.load(handle).get(table, [])[:400]:
                aliases = tuple(a for a in entry.get("aliases", []) if a != entry["name"])
                found.append(Entity(entry["name"], kind or entry["kind"], aliases[:6]))
    return found or [Entity(n, k, tuple(a)) for n, k, a in FALLBACK_ENTITIES]


def _outlets() -> list[str]:
    path = resource_dir() / "outlets.toml"
    if not path.exists():
        return FALLBACK_OUTLETS
    with path.open("rb") as handle:
        return [o["name"] for o in tomllib.load(handle).get("outlet", [])] or FALLBACK_OUTLETS


def build(claims: int, seed: int = 2024) -> Path:
    """Return a cached library of ``claims`` claims, building it the first time."""
    path = library_path(claims, seed)
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    Store.open(partial).close()
    connection = sqlite3.connect(partial)
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    drop_fts(connection.execute)
    _Writer(connection, random.Random(seed), vocabulary(seed)).write(claims)
    create_fts(connection.execute)
    rebuild_fts(connection.execute)
    connection.commit()
    connection.execute("PRAGMA journal_mode=WAL")
    connection.close()
    partial.rename(path)
    return path


class _Writer:
    """Generates documents, claims, mentions and notes, and writes them in batches."""

    def __init__(self, connection: sqlite3.Connection, chance: random.Random, words: list[str]):
        self.connection = connection
        self.chance = chance
        self.words = words
        self.weights = list(accumulate(1 / rank for rank in range(1, len(words) + 1)))
        self.entities = _entities()
        # Actors come first in the gazetteer, then countries, then places: a Zipf law
        # over that order makes Assad and HTS common and most villages rare, as in news.
        self.entity_weights = list(accumulate(1 / r for r in range(1, len(self.entities) + 1)))
        self.aliases: set[tuple[int, str]] = set()

    def sentence_words(self, low: int, high: int) -> list[str]:
        count = self.chance.randint(low, high)
        return self.chance.choices(self.words, cum_weights=self.weights, k=count)

    def write(self, claims: int) -> None:
        self.connection.executemany(
            "INSERT INTO themes(key, label, description, colour, ord) VALUES (?, ?, '', ?, ?)",
            [
                ("offensive", "The offensive", "#c0392b", 0),
                ("assad-defense", "Assad's defense", "#2471a3", 1),
                ("foreign-forces", "Foreign forces", "#7d3c98", 2),
            ],
        )
        outlets = _outlets()
        self.connection.executemany(
            "INSERT INTO sources(id, name, reliability) VALUES (?, ?, 'F')",
            list(enumerate(outlets, start=1)),
        )
        self.connection.executemany(
            "INSERT INTO entities(id, name, kind) VALUES (?, ?, ?)",
            [(n, e.name, e.kind) for n, e in enumerate(self.entities, start=1)],
        )
        documents = (claims + CLAIMS_PER_DOCUMENT - 1) // CLAIMS_PER_DOCUMENT
        outlet_weights = list(accumulate(1 / r for r in range(1, len(outlets) + 1)))
        claim_id = 0
        for first in range(1, documents + 1, 500):
            batch = _Batch()
            for document in range(first, min(first + 500, documents + 1)):
                size = min(CLAIMS_PER_DOCUMENT, claims - claim_id)
                outlet = self.chance.choices(range(1, len(outlets) + 1), outlet_weights)[0]
                self.document(batch, document, outlet, claim_id + 1, size)
                claim_id += size
            batch.flush(self.connection)
        self.connection.executemany(
            "INSERT INTO entity_aliases(entity_id, alias) VALUES (?, ?)", sorted(self.aliases)
        )

    def pick_entity(self) -> int:
        """Return the index of an entity, common ones more often."""
        return self.chance.choices(range(len(self.entities)), cum_weights=self.entity_weights)[0]

    def name(self, entity: int) -> str:
        """Return how the text names an entity: mostly its name, sometimes an alias."""
        known = self.entities[entity]
        if known.aliases and self.chance.random() < ALIAS_SHARE:
            alias = self.chance.choice(known.aliases)
            self.aliases.add((entity + 1, alias))
            return alias
        return known.name

    def document(self, batch: _Batch, document: int, outlet: int, first: int, size: int) -> None:
        title_entity = self.pick_entity()
        title = " ".join([self.entities[title_entity].name, *self.sentence_words(5, 9)])
        text = title + "\n"
        batch.paragraphs.append((document, 1, 0, len(title), "title"))
        paragraph, p_start = 1, len(text)
        for offset in range(size):
            claim_id = first + offset
            if offset % CLAIMS_PER_PARAGRAPH == 0:
                if offset:
                    batch.paragraphs.append((document, paragraph, p_start, len(text), "body"))
                    text += "\n"
                paragraph += 1
                p_start = len(text)
            else:
                text += " "
            sentence, hedges, attribution, mentions = self.claim()
            start = len(text)
            text += sentence
            batch.claims.append(
                (
                    claim_id,
                    document,
                    paragraph,
                    offset % CLAIMS_PER_PARAGRAPH + 1,
                    start,
                    len(text),
                    sentence,
                    attribution,
                    json.dumps(hedges),
                )
            )
            batch.mentions.extend(
                (claim_id, entity + 1, start + s, start + e) for entity, s, e in mentions
            )
            themes = self.chance.sample(range(1, 4), 2 if self.chance.random() < 0.2 else 1)
            batch.themes.extend((claim_id, t, int(n == 0)) for n, t in enumerate(themes))
            if self.chance.random() < NOTE_SHARE:
                opener = self.chance.choice(NOTE_OPENERS)
                batch.notes.append((claim_id, f"{opener} {' '.join(self.sentence_words(6, 20))}"))
        batch.paragraphs.append((document, paragraph, p_start, len(text), "body"))
        stamp = f"2024-12-{document % 28 + 1:02d} 00:00:00"
        batch.documents.append(
            (document, outlet, title, f"{document}.txt", f"{document:064x}", text, stamp)
        )

    def claim(self) -> tuple[str, list[str], str | None, list[tuple[int, int, int]]]:
        """Return a sentence, its hedges, attribution and entity mentions (spans in it)."""
        parts = self.sentence_words(10, 28)
        named: list[tuple[int, str]] = []
        if self.chance.random() < ENTITY_SHARE:
            for _ in range(1 if self.chance.random() < 0.7 else 2):
                entity = self.pick_entity()
                named.append((entity, self.name(entity)))
                parts.insert(self.chance.randrange(len(parts) + 1), f"\0{len(named) - 1}")
        hedges: list[str] = []
        if self.chance.random() < HEDGE_SHARE:
            hedges.append(self.chance.choice(HEDGES))
            parts.insert(min(2, len(parts)), hedges[0])
        attribution = None
        if self.chance.random() < ATTRIBUTION_SHARE:
            attribution = self.chance.choice(SPEAKERS)
            parts += [",", attribution, "said"]
        sentence, mentions = "", []
        for part in parts:
            if part.startswith("\0"):
                entity, form = named[int(part[1:])]
                sentence += (" " if sentence else "") + form
                mentions.append((entity, len(sentence) - len(form), len(sentence)))
            elif part == ",":
                sentence += ","
            else:
                sentence += (" " if sentence else "") + part
        return sentence[:1].upper() + sentence[1:] + ".", hedges, attribution, mentions


class _Batch:
    """Rows of up to 500 documents, written together."""

    def __init__(self) -> None:
        self.documents: list[tuple[object, ...]] = []
        self.paragraphs: list[tuple[object, ...]] = []
        self.claims: list[tuple[object, ...]] = []
        self.themes: list[tuple[int, int, int]] = []
        self.mentions: list[tuple[int, int, int, int]] = []
        self.notes: list[tuple[int, str]] = []

    def flush(self, connection: sqlite3.Connection) -> None:
        connection.executemany(
            "INSERT INTO documents(id, source_id, title, file_name, sha256, encoding, text,"
            " imported) VALUES (?, ?, ?, ?, ?, 'utf-8', ?, ?)",
            self.documents,
        )
        connection.executemany(
            "INSERT INTO paragraphs(document_id, idx, start, end, kind) VALUES (?, ?, ?, ?, ?)",
            self.paragraphs,
        )
        connection.executemany(
            "INSERT INTO claims(id, document_id, paragraph, sentence, start, end, text, prefix,"
            " suffix, attribution, hedges, reliability, credibility)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, '', '', ?, ?, 'F', 6)",
            self.claims,
        )
        connection.executemany(
            "INSERT INTO claim_themes(claim_id, theme_id, is_primary, origin, why)"
            " VALUES (?, ?, ?, 'rule', 'generated')",
            self.themes,
        )
        connection.executemany(
            "INSERT INTO mentions(claim_id, entity_id, start, end) VALUES (?, ?, ?, ?)",
            self.mentions,
        )
        connection.executemany(
            "INSERT INTO notes(claim_id, body, created, updated, deleted)"
            " VALUES (?, ?, '2024-12-07 00:00:00', '2024-12-07 00:00:00', NULL)",
            self.notes,
        )


def main(argv: list[str]) -> None:
    """Build (or find) the libraries of the sizes given, 1k, 100k and 1M by default."""
    sizes = [int(a.replace("_", "")) for a in argv] or [1_000, 100_000, 1_000_000]
    for size in sizes:
        print(f"{size:>9,} claims: {build(size)}")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
