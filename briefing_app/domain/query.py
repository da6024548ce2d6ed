"""The syntax tree of a search: clauses ANDed, each a term or an OR of terms."""

from __future__ import annotations

from dataclasses import dataclass, field

FIELDS = frozenset(
    {
        "theme",
        "source",
        "outlet",
        "entity",
        "has",
        "is",
        "note",
        "doc",
        "reliability",
        "credibility",
        "by",
    }
)
# Fields the navigator's views compile to; a user cannot type them.
THEME_KEY = "theme-key"
DOCUMENT_ID = "document-id"
DISMISSED = "dismissed"  # "no": claims only (every view); "yes": the "Not claims" view


@dataclass(frozen=True, slots=True)
class Term:
    """One searchable thing: words, a phrase, a prefix, or a field with a value."""

    text: str
    field: str | None = None
    phrase: bool = False
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Clause:
    """Terms joined by OR (a single term most of the time)."""

    terms: tuple[Term, ...]

    @property
    def negated(self) -> bool:
        """Return True for an excluded clause (``-word``)."""
        return len(self.terms) == 1 and self.terms[0].negated


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search: clauses that must all hold, and hints about what was skipped."""

    clauses: tuple[Clause, ...]
    hints: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        """Return True when nothing is left to search for."""
        return not self.clauses

    def text_terms(self) -> list[Term]:
        """Return the positive word and phrase terms (for highlighting and ranking)."""
        return [
            t for c in self.clauses for t in c.terms if not t.negated and t.field in (None, "note")
        ]
