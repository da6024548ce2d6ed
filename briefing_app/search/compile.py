"""A :class:`Query` to SQL over ``claims`` with bound parameters.

Every text token reaches FTS5 inside double quotes (with quotes doubled), so
user input can never be read as FTS5 syntax: ``U.S.``, ``o'brien``, a lone
``AND`` or ``*`` are all just words (DESIGN section 8).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from briefing_app.search.query import Clause, Query, Term


def fts_string(term: Term) -> str:
    """Return the FTS5 expression for one word, prefix or phrase, safely quoted."""
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + "*" if term.prefix else quoted


def fold(value: str) -> str:
    """Return ``value`` case- and diacritic-folded, for comparing names."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(slots=True)
class Compiled:
    """A WHERE clause over ``claims`` and its parameters, plus hints found on the way."""

    where: str
    params: dict[str, object] = field(default_factory=dict)
    hints: list[str] = field(default_factory=list)


class Compiler:
    """Turns each term into a condition; names (themes, entities) are looked up once."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.params: dict[str, object] = {}
        self.hints: list[str] = []

    def _bind(self, value: object) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def compile(self, query: Query) -> Compiled:
        """Return the WHERE clause for the whole query (ANDed clauses)."""
        parts = [self._clause(c) for c in query.clauses]
        where = " AND ".join(p for p in parts if p) or "1"
        return Compiled(where, self.params, self.hints)

    def _clause(self, clause: Clause) -> str:
        parts = [self._term(t) for t in clause.terms]
        kept = [p for p in parts if p]
        if not kept:
            return ""
        joined = kept[0] if len(kept) == 1 else "(" + " OR ".join(kept) + ")"
        return f"NOT {joined}" if clause.negated else joined

    def _term(self, term: Term) -> str:
        if term.field is None:
            match = self._bind(fts_string(term))
            return (
                f"(claims.id IN (SELECT rowid FROM claim_fts WHERE claim_fts MATCH {match})"
                f" OR claims.id IN (SELECT notes.claim_id FROM note_fts JOIN notes"
                f" ON notes.id = note_fts.rowid WHERE note_fts MATCH {match}"
                f" AND notes.deleted IS NULL))"
            )
        handler = getattr(self, f"_field_{term.field}")
        return str(handler(term))

    def notes_only(self, term: Term) -> str:
        """Return the condition that a claim's notes match a word (text matches aside)."""
        return self._field_note(term)

    def _field_note(self, term: Term) -> str:
        match = self._bind(fts_string(term))
        return (
            f"claims.id IN (SELECT notes.claim_id FROM note_fts JOIN notes"
            f" ON notes.id = note_fts.rowid WHERE note_fts MATCH {match}"
            f" AND notes.deleted IS NULL)"
        )

    def _field_theme(self, term: Term) -> str:
        rows = self._session.execute(text("SELECT id, key, label FROM themes")).all()
        wanted = fold(term.text)
        exact = [r.id for r in rows if fold(r.key) == wanted or fold(r.label) == wanted]
        starts = [
            r.id for r in rows if fold(r.key).startswith(wanted) or fold(r.label).startswith(wanted)
        ]
        ids = exact or starts
        if len(ids) != 1:
            known = ", ".join(r.key for r in rows)
            reason = "matches several themes" if ids else "is not a theme"
            self.hints.append(f"“{term.text}” {reason}; themes are: {known}")
            return "0"
        return (
            "EXISTS (SELECT 1 FROM claim_themes WHERE claim_themes.claim_id = claims.id"
            f" AND claim_themes.theme_id = {self._bind(ids[0])})"
        )

    def _field_entity(self, term: Term) -> str:
        wanted = fold(term.text)
        names = self._session.execute(
            text(
                "SELECT id, name AS form FROM entities"
                " UNION ALL SELECT entity_id, alias FROM entity_aliases"
            )
        ).all()
        ids = sorted({r.id for r in names if fold(r.form) == wanted}) or sorted(
            {r.id for r in names if fold(r.form).startswith(wanted)}
        )
        if not ids:
            self.hints.append(f"No entity is called “{term.text}”")
            return "0"
        marks = ", ".join(self._bind(i) for i in ids)
        # Entities are selective: their few claims are read from the mentions index.
        return f"claims.id IN (SELECT claim_id FROM mentions WHERE entity_id IN ({marks}))"

    def _field_source(self, term: Term) -> str:
        like = self._bind(f"%{term.text.casefold()}%")
        return (
            "claims.document_id IN (SELECT documents.id FROM documents JOIN sources"
            f" ON sources.id = documents.source_id WHERE lower(sources.name) LIKE {like})"
        )

    _field_outlet = _field_source

    def _field_doc(self, term: Term) -> str:
        like = self._bind(f"%{term.text.casefold()}%")
        return f"claims.document_id IN (SELECT id FROM documents WHERE lower(title) LIKE {like})"

    def _field_has(self, term: Term) -> str:
        if fold(term.text) in ("note", "notes"):
            return (
                "EXISTS (SELECT 1 FROM notes WHERE notes.claim_id = claims.id"
                " AND notes.deleted IS NULL)"
            )
        self.hints.append(f"has:{term.text} is not known; try has:note")
        return "0"

    def _field_is(self, term: Term) -> str:
        value = fold(term.text)
        if value in ("hedged", "hedge"):
            return "claims.hedges != '[]'"
        if value in ("unfiled",):
            return "claims.id NOT IN (SELECT claim_id FROM claim_themes)"
        if value in ("attributed", "sourced"):
            return "claims.attribution IS NOT NULL"
        self.hints.append(
            f"is:{term.text} is not known; try is:hedged, is:unfiled or is:attributed"
        )
        return "0"
