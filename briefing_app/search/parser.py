"""Tokens to :class:`Query`: a forgiving grammar that never raises.

Words are ANDed; ``"exact phrase"``; ``OR`` (or ``|``) between terms; ``-word``,
``-"phrase"`` and ``NOT word`` exclude; ``word*`` is a prefix; ``field:value``
for theme, source/outlet, entity, has, is, note and doc. ``AND`` is allowed and
changes nothing. Anything odd (an unbalanced quote, a lone ``AND``, ``-``, ``*``
or ``:``, control characters) is read as well as it can be or dropped, and what
was dropped is said in a hint, never raised.
"""

from __future__ import annotations

from briefing_app.domain.query import FIELDS, Clause, Query, Term
from briefing_app.domain.text import has_words, words
from briefing_app.search.lexer import Token, clean, tokens

MAX_CHARS = 2000
MAX_TERMS = 32
MIN_PREFIX = 2
EXAMPLES = {
    "theme": "offensive",
    "source": "reuters",
    "outlet": "reuters",
    "entity": "hts",
    "has": "note",
    "is": "hedged",
    "note": "word",
    "doc": "homs",
    "reliability": "a-b",
    "credibility": "1-2",
    "by": "name",
}
_OR = ("OR", "|", "||")
_AND = ("AND", "&", "&&", "+")


def _split_field(token: Token, hints: list[str]) -> tuple[str | None, str]:
    """Return (field, value) of a token; an unknown ``name:`` stays part of the words."""
    if token.quoted:
        head = token.head.removeprefix("-")
        if not head.endswith(":"):
            return None, token.value
        name = head[:-1].casefold()
        if name in FIELDS:
            return name, token.value
        if name.isalpha():
            hints.append(f"“{head}” is not a search field; searched for the words instead")
        return None, f"{head[:-1]} {token.value}"
    body = token.value.removeprefix("-") if len(token.value) > 1 else token.value
    name, colon, value = body.partition(":")
    if not colon:
        return None, body
    if name.casefold() in FIELDS:
        return name.casefold(), value
    if name.isalpha() and has_words(value[:1]):
        hints.append(f"“{name}:” is not a search field; searched for the words instead")
    return None, body


def _term(token: Token, hints: list[str]) -> Term | None:
    """Return the term a token stands for, or None when it holds nothing searchable."""
    source = token.head if token.quoted else token.value
    negated = source.startswith("-") and (token.quoted or len(source) > 1)
    field, value = _split_field(token, hints)
    prefix = not token.quoted and field is None and value.endswith("*")
    text = value.strip() if token.quoted else value.rstrip("*")
    if not has_words(text):
        if field is not None:
            hints.append(f"“{field}:” needs a value, e.g. {field}:{EXAMPLES[field]}")
        return None
    if prefix and len(words(text)[-1]) < MIN_PREFIX:
        # The index keeps prefixes of 2 and 3 letters; one letter would mean reading it all.
        hints.append(f"“{text}*”: a prefix needs {MIN_PREFIX} letters; searched for “{text}”")
        prefix = False
    return Term(text, field, phrase=token.quoted, prefix=prefix, negated=negated)


def parse_query(text: str) -> Query:
    """Return the syntax tree of a search box's text (never raises)."""
    hints: list[str] = []
    cleaned = clean(text)
    if len(cleaned) > MAX_CHARS:
        cleaned = cleaned[:MAX_CHARS]
        hints.append(f"Only the first {MAX_CHARS} characters were searched")
    clauses: list[list[Term]] = []
    join_next = negate_next = False
    for token in tokens(cleaned):
        bare = None if token.quoted else token.value
        if bare in _OR:
            join_next = bool(clauses)
            continue
        if bare in _AND:
            continue
        if bare == "NOT":
            negate_next = True
            continue
        term = _term(token, hints)
        if term is None:
            continue
        if negate_next:
            term = Term(term.text, term.field, term.phrase, term.prefix, negated=True)
            negate_next = False
        if join_next and not term.negated and not clauses[-1][0].negated:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    if len(clauses) > MAX_TERMS:
        clauses = clauses[:MAX_TERMS]
        hints.append(f"Only the first {MAX_TERMS} terms were searched")
    if clauses and all(len(c) == 1 and c[0].negated for c in clauses):
        hints.append("Only exclusions were given: showing every claim without them")
    return Query(tuple(Clause(tuple(c)) for c in clauses), tuple(dict.fromkeys(hints)))
