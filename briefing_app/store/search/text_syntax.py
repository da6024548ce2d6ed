"""How each backend's text index is asked for words: FTS5 on SQLite, tsquery on PostgreSQL.

A plan (:mod:`briefing_app.store.search.plan`) holds its words as one expression
per index, built here from the query's terms: quoted strings joined by ``AND``,
``OR`` and ``NOT`` for FTS5; lexemes joined by ``&``, ``|``, ``!`` and ``<->`` for
a ``tsquery``. Both mean the same (:mod:`briefing_app.domain.text` says what a
word is): a word matches a whole word, a prefix the start of one, a phrase its
words in a row; case and accents do not count. Expressions always travel as
bound parameters; only the SQL around them is written here.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from briefing_app.domain.query import Term
from briefing_app.domain.text import words
from briefing_app.store.backend import Connection, dialect_of
from briefing_app.store.search.fts_text import fts_any
from briefing_app.store.server_schema import VECTOR
from briefing_app.store.sql import live_note


class TextSyntax(ABC):
    """One backend's word expressions and the SQL that looks them up."""

    @abstractmethod
    def any_of(self, terms: Sequence[Term]) -> str:
        """Return an expression matching text that holds any of ``terms``."""

    @abstractmethod
    def all_of(self, expressions: Sequence[str]) -> str:
        """Return an expression matching text that every one of ``expressions`` matches."""

    @abstractmethod
    def but_not(self, expression: str, excluded: str) -> str:
        """Return an expression matching what ``expression`` does and ``excluded`` does not."""

    @abstractmethod
    def text_has(self, match: str) -> str:
        """Return a condition on claim ``c``: its text matches the bound expression ``match``."""

    @abstractmethod
    def claims_matching(self, match: str) -> str:
        """Return a query of the ids of the claims whose text matches ``match``."""

    @abstractmethod
    def notes_matching(self, match: str) -> str:
        """Return a query of the claim ids of the live notes that match ``match``."""


class Fts5Syntax(TextSyntax):
    """SQLite: FTS5 query strings over ``claim_fts`` and ``note_fts``."""

    def any_of(self, terms: Sequence[Term]) -> str:
        """Return quoted strings joined by ``OR``."""
        return fts_any(list(terms))

    def all_of(self, expressions: Sequence[str]) -> str:
        """Return the expressions joined by ``AND``."""
        return " AND ".join(expressions)

    def but_not(self, expression: str, excluded: str) -> str:
        """Return ``(expression) NOT excluded``."""
        return f"({expression}) NOT {excluded}"

    def text_has(self, match: str) -> str:
        """Return an EXISTS on the claim text index for claim ``c``."""
        return (
            "EXISTS (SELECT 1 FROM claim_fts WHERE claim_fts MATCH"
            f" {match} AND claim_fts.rowid = c.id)"
        )

    def claims_matching(self, match: str) -> str:
        """Return the claim text index's matching rows."""
        return f"SELECT rowid FROM claim_fts WHERE claim_fts MATCH {match}"

    def notes_matching(self, match: str) -> str:
        """Return the claims of the live notes the note index matches."""
        return (
            "SELECT n.claim_id FROM note_fts JOIN notes n ON n.id = note_fts.rowid"
            f" WHERE note_fts MATCH {match} AND {live_note('n')}"
        )


class TsquerySyntax(TextSyntax):
    """PostgreSQL: ``tsquery`` text over the ``search_vector`` columns (``server_schema``).

    Lexemes are the folded words of :func:`briefing_app.domain.text.words`, which is
    how the vectors split and fold the text, and are given as a ``tsquery`` literal:
    the server neither parses nor normalises them again.
    """

    def any_of(self, terms: Sequence[Term]) -> str:
        """Return the terms joined by ``|``."""
        parts = [_tsquery_term(term) for term in terms]
        return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"

    def all_of(self, expressions: Sequence[str]) -> str:
        """Return the expressions joined by ``&``."""
        return " & ".join(f"({e})" for e in expressions)

    def but_not(self, expression: str, excluded: str) -> str:
        """Return ``(expression) & !(excluded)``."""
        return f"({expression}) & !({excluded})"

    def text_has(self, match: str) -> str:
        """Return the claim's own vector tested against the expression."""
        return f"c.{VECTOR} @@ CAST({match} AS tsquery)"

    def claims_matching(self, match: str) -> str:
        """Return the claims whose vector matches."""
        return f"SELECT id FROM claims WHERE {VECTOR} @@ CAST({match} AS tsquery)"

    def notes_matching(self, match: str) -> str:
        """Return the claims of the live notes whose vector matches."""
        return (
            f"SELECT n.claim_id FROM notes n WHERE n.{VECTOR} @@ CAST({match} AS tsquery)"
            f" AND {live_note('n')}"
        )


# A lexeme no text holds: what a term without words finds (as FTS5 finds nothing for "").
_NO_LEXEME = "''"


def _tsquery_term(term: Term) -> str:
    """Return one word, prefix or phrase as tsquery text (``'a' <-> 'b':*``)."""
    lexemes = [_quoted(word) for word in words(term.text)]
    if not lexemes:
        return _NO_LEXEME
    if term.prefix:
        lexemes[-1] += ":*"
    return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"


def _quoted(lexeme: str) -> str:
    """Return a lexeme quoted for tsquery input (quotes and backslashes escaped)."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


FTS5 = Fts5Syntax()
TSQUERY = TsquerySyntax()


def syntax_of(connection: Connection) -> TextSyntax:
    """Return the text syntax of the backend ``connection`` belongs to."""
    return TSQUERY if dialect_of(connection).name == "postgresql" else FTS5
