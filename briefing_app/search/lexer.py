"""Search box text to tokens: a lexer that accepts any input at all.

A token is a run of non-space characters, except that a double quote (straight
or curly) after nothing, ``-`` or ``field:`` opens a quoted value that runs to
the next quote, or to the end of the text when none follows. Control and format
characters (NUL, bidi marks) count as spaces.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

QUOTES = '"“”„«»'
_DROPPED = ("Cc", "Cf", "Cs", "Co", "Cn")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``head`` is what came before a quoted ``value`` (``-``, ``theme:``)."""

    value: str
    head: str = ""
    quoted: bool = False


def clean(text: str) -> str:
    """Return ``text`` in NFC with control, format and odd space characters as plain spaces."""
    kept = []
    for ch in unicodedata.normalize("NFC", text):
        category = unicodedata.category(ch)
        kept.append(" " if category in _DROPPED or category[0] == "Z" else ch)
    return "".join(kept)


def tokens(text: str) -> list[Token]:
    """Split cleaned text into tokens; never fails."""
    found: list[Token] = []
    index, length = 0, len(text)
    while index < length:
        if text[index].isspace():
            index += 1
            continue
        start = index
        while index < length and not text[index].isspace() and text[index] not in QUOTES:
            index += 1
        head = text[start:index]
        at_quote = index < length and text[index] in QUOTES
        if at_quote and (head in ("", "-") or head.endswith(":")):
            close = next((i for i in range(index + 1, length) if text[i] in QUOTES), length)
            found.append(Token(text[index + 1 : close], head, quoted=True))
            index = close + 1
            continue
        if at_quote:
            index += 1  # a stray quote inside a word ends the word
        if head:
            found.append(Token(head))
    return found
