"""A parsed :class:`Query` to the pieces the engine runs: FTS5 expressions and row checks.

What a query means: a claim matches when

- its text, or one of its live notes, holds all the words (each clause of
  words, phrases and prefixes, an OR group counting as one clause);
- neither its text nor any of its notes holds an excluded word (``-word``);
- one of its notes holds the ``note:`` words, and none holds a ``-note:`` word;
- and every field condition holds.

The words go to the text index as one expression (FTS5 on SQLite, a ``tsquery``
on PostgreSQL: :mod:`briefing_app.store.search.text_syntax`), so the index does
the ANDs, ORs and NOTs itself instead of the database joining one set per word.
OR groups that mix words and fields are checked row by row.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing_app.domain.query import Clause, Query, Term
from briefing_app.domain.text import words
from briefing_app.store.search.fields import Condition, FieldResolver
from briefing_app.store.search.params import Params
from briefing_app.store.search.text_syntax import TextSyntax, syntax_of

_OTHER_COLUMNS = re.compile(r"\bc\.(?!id\b)")


@dataclass(slots=True)
class Check:
    """A condition on claim ``c``, with an optional form that can drive a scan."""

    row: str
    driver: str | None = None
    size: str | None = None
    broad: bool = False  # nearly every claim passes

    @property
    def on_id_only(self) -> bool:
        """Return True when the check reads only ``c.id`` (no claim row, no text index)."""
        return (
            not _OTHER_COLUMNS.search(self.row)
            and "claim_fts" not in self.row
            and "c.search_vector" not in self.row
        )


@dataclass(slots=True)
class Plan:
    """What the engine needs to run one query."""

    params: Params
    syntax: TextSyntax  # how the expressions below are written, for which index
    words: str | None = None  # expression over claim text or one note (all the words)
    narrowed: str | None = None  # ``words`` and entity names, for the claim text index
    excluded: str | None = None  # expression for any excluded word
    has_prefix: bool = False  # some word is a prefix (costly to look up claim by claim)
    checks: list[Check] = field(default_factory=list)
    note_words: str | None = None  # expression one note must match (``note:``)
    hints: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    runnable: bool = True

    @property
    def searches_text(self) -> bool:
        """Return True when words are looked up in the indexes (else fields only)."""
        return bool(self.words or self.note_words or self.excluded)

    @property
    def text_match(self) -> str | None:
        """Return the claim text index's expression: the words and names, not the excluded."""
        base = self.narrowed or self.words
        if base is None:
            return None
        return self.syntax.but_not(base, self.excluded) if self.excluded else base


def build_plan(query: Query, connection: sqlite3.Connection, within: Sequence[Clause] = ()) -> Plan:
    """Return the plan of ``query``, looking field values up through ``connection``.

    ``within`` are the clauses of the navigator's view (see ``search.scope``): they
    narrow the query like any clause, but a typed query that is left with nothing
    to search for still finds nothing, whatever the view.
    """
    params = Params()
    syntax = syntax_of(connection)
    resolver = FieldResolver(connection, params)
    plan = Plan(params, syntax, terms=query.text_terms())
    word_clauses: list[str] = []
    names: list[str] = []
    excluded: list[Term] = []
    note_clauses: list[str] = []
    notes_excluded: list[Term] = []
    typed_runnable = True
    for number, clause in enumerate([*query.clauses, *within]):
        if number == len(query.clauses) and query.clauses:
            typed_runnable = bool(
                word_clauses or note_clauses or plan.checks or excluded or notes_excluded
            )
        parts = _resolve(clause, resolver)
        if not parts:
            continue
        if clause.negated:
            (part,) = parts
            if isinstance(part, Condition):
                plan.checks.append(Check(f"NOT {part.row}"))
            elif part.field == "note":
                notes_excluded.append(part)
            else:
                excluded.append(part)
                notes_excluded.append(part)
            continue
        terms = [p for p in parts if isinstance(p, Term)]
        if len(terms) == len(parts) and all(t.field is None for t in terms):
            word_clauses.append(syntax.any_of(terms))
            plan.terms.extend(t for t in terms if t not in plan.terms)
        elif len(terms) == len(parts) and all(t.field == "note" for t in terms):
            note_clauses.append(syntax.any_of(terms))
        elif len(parts) == 1 and isinstance(parts[0], Condition):
            condition = parts[0]
            plan.checks.append(
                Check(condition.row, condition.driver, condition.size, condition.broad)
            )
            if _name_words(condition.names, syntax):
                names.append(_name_words(condition.names, syntax))
        else:
            rows = " OR ".join(_row(p, params, syntax) for p in parts)
            plan.checks.append(Check(f"({rows})"))
    if word_clauses:
        plan.words = syntax.all_of(word_clauses)
        if names:
            plan.narrowed = syntax.all_of(word_clauses + names)
    if excluded:
        plan.excluded = syntax.any_of(excluded)
    if note_clauses:
        plan.note_words = syntax.all_of(note_clauses)
    if notes_excluded:
        notes = syntax.notes_matching(params.bind(syntax.any_of(notes_excluded)))
        plan.checks.append(Check(f"c.id NOT IN ({notes})"))
    plan.has_prefix = any(t.prefix for c in query.clauses for t in c.terms)
    plan.hints = resolver.hints
    if not within and query.clauses:
        typed_runnable = bool(word_clauses or note_clauses or plan.checks or excluded)
    plan.runnable = typed_runnable
    return plan


def _name_words(names: tuple[str, ...], syntax: TextSyntax) -> str:
    """Return an expression every text naming the entity matches ("" if none).

    One word per name (its longest) is enough for that, and single words are
    far cheaper for the index than phrases of common words ("al", "at").
    """
    chosen = {max(words(name), key=len) for name in names if words(name)}
    return syntax.any_of([Term(w) for w in sorted(chosen)]) if chosen else ""


def _resolve(clause: Clause, resolver: FieldResolver) -> list[Condition | Term]:
    """Return the clause's terms with fields looked up; terms left out are dropped."""
    parts: list[Condition | Term] = []
    for term in clause.terms:
        if term.field is None or term.field == "note":
            parts.append(term)
            continue
        resolved = resolver.resolve(term)
        if resolved is not None:
            parts.append(resolved)
    return parts


def _row(part: Condition | Term, params: Params, syntax: TextSyntax) -> str:
    """Return a row check for one member of an OR group that mixes kinds.

    Words are read from the indexes once, as sets: looking a prefix up claim by
    claim would cost the index a scan of its terms for every claim.
    """
    if isinstance(part, Condition):
        return part.row
    match = params.bind(syntax.any_of([part]))
    in_notes = f"c.id IN ({syntax.notes_matching(match)})"
    if part.field == "note":
        return in_notes
    return f"(c.id IN ({syntax.claims_matching(match)}) OR {in_notes})"
