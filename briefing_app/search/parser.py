"""Text to :class:`Query`: a forgiving grammar that never raises.

Words are ANDed; ``"exact phrase"``; ``OR`` between terms; ``-word`` and
``-"phrase"`` exclude; ``word*`` is a prefix; ``field:value`` for theme,
source/outlet, entity, has, is, note and doc. Anything odd (an unbalanced
quote, a lone ``AND``, ``-``, ``*`` or ``:``, control characters) is read as
well as it can be or dropped, never an error.
"""

from __future__ import annotations

import re
import unicodedata

from briefing_app.search.query import FIELDS, Clause, Query, Term

MAX_CHARS = 2000
MAX_TERMS = 32
_WORD_CHARS = re.compile(r"\w", re.UNICODE)


def _clean(text: str) -> str:
    """Drop control and format characters (NUL, bidi marks), fold odd spaces."""
    kept = []
    for ch in unicodedata.normalize("NFC", text):
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn") or category.startswith("Z"):
            kept.append(" ")
        else:
            kept.append(ch)
    return "".join(kept)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Split into (token, quoted) pairs; an unclosed quote runs to the end."""
    tokens: list[tuple[str, bool]] = []
    index, length = 0, len(text)
    while index < length:
        ch = text[index]
        if ch.isspace():
            index += 1
            continue
        start = index
        # A token may carry a leading "-" and a "field:" before a quoted value.
        while index < length and not text[index].isspace() and text[index] not in '"“”':
            index += 1
        head = text[start:index]
        if index < length and text[index] in '"“”' and (head in ("", "-") or head.endswith(":")):
            close = re.search(r"[\"“”]", text[index + 1 :])
            end = index + 1 + close.start() if close else length
            tokens.append((head + "\0" + text[index + 1 : end], True))
            index = end + 1
        else:
            if index < length and text[index] in '"“”':
                index += 1  # a stray quote inside a word
            tokens.append((head, False))
    return tokens


def _term(token: str, quoted: bool, hints: list[str]) -> Term | None:
    negated = token.startswith("-") and len(token) > 1
    body = token[1:] if negated else token
    field: str | None = None
    if quoted:
        head, _, value = body.partition("\0")
        if head.endswith(":"):
            field = head[:-1].lower() or None
        body = value
    elif ":" in body:
        name, _, value = body.partition(":")
        if name.lower() in FIELDS:
            field, body = name.lower(), value
        elif name and value and _WORD_CHARS.search(name):
            hints.append(f"“{name}:” is not a search field; searched for the words instead")
    if field is not None and field not in FIELDS:
        hints.append(f"“{field}:” is not a search field; searched for the words instead")
        field = None
    prefix = body.endswith("*") and not quoted
    text = body.rstrip("*").strip() if not quoted else body.strip()
    if field is not None and not text:
        hints.append(f"“{field}:” needs a value, e.g. {field}:{_EXAMPLES[field]}")
        return None
    if not _WORD_CHARS.search(text):
        return None
    phrase = quoted or (field is None and len(re.findall(r"\w+", text)) > 1)
    return Term(text, field, phrase, prefix and field is None, negated)


_EXAMPLES = {
    "theme": "offensive",
    "source": "reuters",
    "outlet": "reuters",
    "entity": "hts",
    "has": "note",
    "is": "hedged",
    "note": "word",
    "doc": "homs",
}


def parse_query(text: str) -> Query:
    """Return the syntax tree of a search box's text (never raises)."""
    hints: list[str] = []
    cleaned = _clean(text)
    if len(cleaned) > MAX_CHARS:
        cleaned = cleaned[:MAX_CHARS]
        hints.append(f"Only the first {MAX_CHARS} characters were searched")
    clauses: list[list[Term]] = []
    join_next = False
    negate_next = False
    for token, quoted in _tokens(cleaned):
        if not quoted and token in ("OR", "|"):
            join_next = bool(clauses)
            continue
        if not quoted and token in ("AND", "&&", "&"):
            continue
        if not quoted and token == "NOT":
            negate_next = True
            continue
        term = _term(token, quoted, hints)
        if term is None:
            continue
        if negate_next:
            term = Term(term.text, term.field, term.phrase, term.prefix, True)
            negate_next = False
        if join_next and clauses and not term.negated and not clauses[-1][0].negated:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    if len(clauses) > MAX_TERMS:
        clauses = clauses[:MAX_TERMS]
        hints.append(f"Only the first {MAX_TERMS} terms were searched")
    positive = [c for c in clauses if not (len(c) == 1 and c[0].negated)]
    if clauses and not positive:
        hints.append("Only exclusions were given: showing every claim without them")
    return Query(tuple(Clause(tuple(c)) for c in clauses), tuple(dict.fromkeys(hints)))
