"""Words as the search index sees them, shared by the grammar, the store and the highlighter.

They follow the FTS5 tokenizer the store uses (``unicode61 remove_diacritics
2``): letters, digits and private-use characters make up words, everything
else separates them, and case and accents do not count.
"""

from __future__ import annotations

import re
import unicodedata

# A word as the unicode61 tokenizer sees one: letters and digits, not "_".
WORD = re.compile(r"[^\W_]+")


def fold(value: str) -> str:
    """Return ``value`` case- and diacritic-folded, for comparing names."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_word_char(ch: str) -> bool:
    """Return True for a character the FTS5 tokenizer keeps in a word."""
    category = unicodedata.category(ch)
    return category[0] in "LN" or category == "Co"


def has_words(value: str) -> bool:
    """Return True when ``value`` holds at least one word the index can find."""
    return any(is_word_char(ch) for ch in value)


def words(value: str) -> list[str]:
    """Return the folded words of ``value``, as the index splits them."""
    return [fold(w) for w in WORD.findall(value)]


MAX_NAME_CHARS = 80


def clean_name(text: str) -> str:
    """Return a person's name fit to record: one line, no control characters, 80 at most."""
    kept = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    return " ".join(kept.split())[:MAX_NAME_CHARS]
