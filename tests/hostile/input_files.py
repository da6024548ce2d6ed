"""Hostile input files: special files, huge files of every shape, odd encodings.

Used by ``tests/hostile`` and by ``benchmarks/run.py`` (``BENCH_ONLY=import_hostile``).
Every generator is deterministic (seeded), so a failure can be reproduced.
"""

from __future__ import annotations

import os
import random
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

from briefing_app.bundled import bundled_briefings, resource_dir
from briefing_app.ingest.decode import MAX_BYTES
from briefing_app.ingest.layout import boilerplate_outlet

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
LOWER_WORDS = [
    "rebels",
    "advanced",
    "on",
    "the",
    "city",
    "again",
    "while",
    "troops",
    "held",
    "the",
    "road",
    "north",
    "of",
    "the",
    "river",
    "and",
    "residents",
    "fled",
    "toward",
    "the",
    "coast",
    "as",
    "shelling",
    "went",
    "on",
    "through",
    "the",
    "night",
]
TINY = ["A.", "B.", "C.", "Go.", "Yes.", "Now.", "Run.", "Ok.", "Abc.", "No!", "Why?"]
SHORT = ["Rebels took Rastan.", "Troops fled north.", "Shelling went on.", "Aid is late."]
REPEATED = "Rebels advanced on the city again, residents said. "


def _prose_sentences() -> list[str]:
    """Return the body lines of the bundled and test articles (real news prose)."""
    lines: list[str] = []
    for path in [*bundled_briefings(), *sorted(ARTICLES.glob("*.txt"))]:
        lines += [line.strip() for line in path.read_text("utf-8").splitlines()]
    return [line for line in lines if len(line.split()) > 6 and not boilerplate_outlet(line)[0]]


def _fill(parts: Iterator[str], size: int) -> bytes:
    """Join generated parts until ``size`` bytes, cut at a character boundary."""
    chunks: list[str] = []
    total = 0
    for part in parts:
        chunks.append(part)
        total += len(part.encode("utf-8"))
        if total >= size:
            break
    return "".join(chunks).encode("utf-8")[:size].decode("utf-8", "ignore").encode("utf-8")


def _cycle(rng: random.Random, choices: list[str], joiner: str) -> Iterator[str]:
    while True:
        yield rng.choice(choices) + joiner


def _no_punctuation_line(rng: random.Random) -> Iterator[str]:
    return _cycle(rng, LOWER_WORDS, " ")


def _prose_line(rng: random.Random) -> Iterator[str]:
    return _cycle(rng, _prose_sentences(), " ")


def _tiny_sentences(rng: random.Random) -> Iterator[str]:
    return _cycle(rng, TINY, " ")


def _blank_lines(rng: random.Random) -> Iterator[str]:
    sentences = _prose_sentences()
    while True:
        yield rng.choice(sentences) + "\n" + "".join(rng.choice(["\n", " \n", "\t\n"]) * 500)


def _short_lines(rng: random.Random) -> Iterator[str]:
    return _cycle(rng, SHORT, "\n")


def _repeated_sentences(rng: random.Random) -> Iterator[str]:
    while True:
        yield REPEATED


def _wrapped_prose(rng: random.Random) -> Iterator[str]:
    """Hard-wrapped prose with no blank line: one paragraph for the whole file."""
    words = " ".join(_prose_sentences()).split()
    while True:
        line = " ".join(words[rng.randrange(len(words) - 12) :][:12])
        yield line.rstrip(".!?") + "\n" + "and so "


def _one_word(rng: random.Random) -> Iterator[str]:
    while True:
        yield "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(64))


SHAPES: dict[str, Callable[[random.Random], Iterator[str]]] = {
    "no_punctuation_line": _no_punctuation_line,
    "prose_line": _prose_line,
    "tiny_sentences": _tiny_sentences,
    "blank_lines": _blank_lines,
    "short_lines": _short_lines,
    "repeated_sentences": _repeated_sentences,
    "wrapped_prose": _wrapped_prose,
    "one_word": _one_word,
}


def shape_bytes(shape: str, size: int = MAX_BYTES, seed: int = 7) -> bytes:
    """Return ``size`` bytes of UTF-8 text of the given shape."""
    return _fill(SHAPES[shape](random.Random(seed)), size)


def write_shape(folder: Path, shape: str, size: int = MAX_BYTES) -> Path:
    """Write a file of one shape and size; return its path."""
    path = folder / f"{shape}-{size}.txt"
    path.write_bytes(shape_bytes(shape, size))
    return path


# Special files ---------------------------------------------------------------------------


def fifo(folder: Path) -> Path:
    """Return a named pipe with no writer: reading it blocks for ever."""
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def link_to_dev_zero(folder: Path) -> Path:
    """Return a symlink to /dev/zero: endless bytes, and a size of 0."""
    path = folder / "zero.txt"
    path.symlink_to("/dev/zero")
    return path


def symlink_loop(folder: Path) -> Path:
    """Return one of two symlinks that point at each other."""
    first, second = folder / "loop-a.txt", folder / "loop-b.txt"
    first.symlink_to(second)
    second.symlink_to(first)
    return first


def broken_symlink(folder: Path) -> Path:
    """Return a symlink whose target does not exist."""
    path = folder / "dangling.txt"
    path.symlink_to(folder / "gone" / "article.txt")
    return path


def unix_socket(folder: Path) -> Path:
    """Return the path of a Unix domain socket (left behind by a closed server)."""
    path = folder / "socket.txt"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
    finally:
        server.close()
    return path


# Encodings ---------------------------------------------------------------------------------

BOM_ARTICLE = "Rebels entered Hamá’s old café district on Friday, residents said.\n"


def bom_file(folder: Path, encoding: str) -> Path:
    """Write the BOM article in ``encoding`` ("utf-16", "utf-32-be", ...) with its BOM."""
    path = folder / f"bom-{encoding}.txt"
    codec = {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(encoding, encoding)
    bom = "\ufeff".encode(codec)
    path.write_bytes(bom + BOM_ARTICLE.encode(codec))
    return path


NAMES = [
    "José Muñoz",
    "Zoë Kröger",
    "François Lefèvre",
    "Ángel Núñez",
    "Jürgen Müller",
    "Søren Ødegård",
    "Çelik Öztürk",
    "Inês Conceição",
    "Renée Daussé",
    "Björn Ågren",
]
# Words and punctuation that only a Western legacy encoding (cp1252) carries.
WESTERN = [
    *NAMES,
    "Hamá",
    "Tartús",
    "café",
    "naïve",
    "façade",
    "déjà vu",
    "El País",
    "“we will stay”",
    "‘calm’",
    "–",
    "—",
    "€40 million",
    "…",
]


def cp1252_article(rng: random.Random, prose: list[str]) -> str:
    """Return an article of real news prose with a few Western accented words and marks.

    Mostly-English text with few non-ASCII bytes is where guessing between
    cp1252 and mac_roman goes wrong ("Hamá" read as "Ham·").
    """
    sentences = rng.sample(prose, rng.randrange(3, 9))
    for _ in range(rng.randrange(1, 5)):
        index = rng.randrange(len(sentences))
        words = sentences[index].split(" ")
        words.insert(rng.randrange(1, len(words)), rng.choice(WESTERN))
        sentences[index] = " ".join(words)
    paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    return "\n".join(paragraphs) + "\n"


def cp1252_articles(count: int = 200, seed: int = 1252) -> list[str]:
    """Return ``count`` cp1252-encodable articles (the same ones for the same seed)."""
    rng = random.Random(seed)
    prose = [line for line in _prose_sentences() if _encodes(line, "cp1252")]
    return [cp1252_article(rng, prose) for _ in range(count)]


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def seed_text() -> str:
    """Return the bundled briefing's text (a known good article)."""
    return (resource_dir() / "000_c58f06d55b31cb96.txt").read_text("utf-8")
