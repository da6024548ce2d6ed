"""``field:value`` terms to SQL conditions on a claim row (alias ``c``).

Names are compared case- and accent-blind. What cannot be used becomes a hint:
an unknown or ambiguous theme, or an unknown ``has:``/``is:`` value, is left out
and the rest of the query still applies; an outlet or document title that
matches nothing makes the query match nothing; an entity the library does not
know is searched as words in the text.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from briefing_app.domain.query import Term
from briefing_app.domain.text import clean_name, fold, words
from briefing_app.store.backend import dialect_of
from briefing_app.store.grading import EFFECTIVE_RELIABILITY
from briefing_app.store.history import analysts
from briefing_app.store.search.fts_text import like_pattern
from briefing_app.store.search.params import Params
from briefing_app.store.sql import hedged, live_note

FOLD_FUNCTION = "briefing_fold"
# An entity with more names than this is not used to narrow the text index first.
MAX_PREFILTER_NAMES = 30
# Up to this many documents are listed by id; more are selected again in each query.
MAX_LISTED_DOCUMENTS = 1000


@dataclass(frozen=True, slots=True)
class Condition:
    """A field's condition on claim ``c``.

    ``row`` is cheap to check on one claim; ``driver``, when set, is an
    equivalent condition that can start a scan (``c.id IN (...)``), and
    ``size`` a query whose rows, read up to a limit, say how many claims the
    driver would yield; ``names`` are words every matching claim's text holds
    (entity names), which the text index can use to narrow its candidates;
    ``broad`` says nearly every claim passes (the claims not marked "not a claim").
    """

    row: str
    driver: str | None = None
    size: str | None = None
    names: tuple[str, ...] = field(default=())
    broad: bool = False


NOTHING = Condition("FALSE")


def register_fold(connection: sqlite3.Connection) -> None:
    """Make ``briefing_fold(text)`` available to SQL on this connection."""
    connection.create_function(FOLD_FUNCTION, 1, _sql_fold, deterministic=True)


def _sql_fold(value: object) -> str | None:
    return fold(value) if isinstance(value, str) else None


def _folded_like(column: str, pattern: str) -> str:
    """Return a LIKE on ``column`` that ignores case and accents.

    ASCII text is left to SQLite's own LIKE (ASCII case-blind, fast); only
    values with other characters (more bytes than characters) go through the
    folding function.
    """
    return (
        f"({column} LIKE {pattern} ESCAPE '\\'"
        f" OR (length(CAST({column} AS BLOB)) > length({column})"
        f" AND {FOLD_FUNCTION}({column}) LIKE {pattern} ESCAPE '\\'))"
    )


def _grade_range(text: str, scale: str) -> tuple[str, str] | None:
    """Return the (low, high) grades of ``a``, ``a-b`` or ``b-a`` on ``scale``, or None."""
    low, _, high = text.upper().partition("-")
    high = high or low
    if len(low) != 1 or len(high) != 1 or low not in scale or high not in scale:
        return None
    return (low, high) if scale.index(low) <= scale.index(high) else (high, low)


class FieldResolver:
    """Looks field values up in the library and turns them into conditions."""

    def __init__(self, connection: sqlite3.Connection, params: Params) -> None:
        self._connection = connection
        self._params = params
        self._dialect = dialect_of(connection)
        self.hints: list[str] = []

    def resolve(self, term: Term) -> Condition | Term | None:
        """Return the term's condition, a word term to search instead, or None (left out)."""
        handler = getattr(self, f"_{str(term.field).replace('-', '_')}")
        result: Condition | Term | None = handler(term)
        return result

    def _theme(self, term: Term) -> Condition | None:
        rows = self._connection.execute("SELECT id, key, label FROM themes ORDER BY ord").fetchall()
        wanted = fold(term.text)
        forms = [(theme_id, fold(key), fold(label)) for theme_id, key, label in rows]
        ids = [i for i, key, label in forms if wanted in (key, label)] or [
            i for i, key, label in forms if key.startswith(wanted) or label.startswith(wanted)
        ]
        if len(ids) != 1:
            known = ", ".join(key for _, key, _ in rows)
            reason = "matches several themes" if ids else "is not a theme"
            self.hints.append(f"“{term.text}” {reason}; themes are: {known}")
            return None
        theme = self._params.bind(ids[0])
        return Condition(
            "EXISTS (SELECT 1 FROM claim_themes ct WHERE ct.claim_id = c.id"
            f" AND ct.theme_id = {theme})"
        )

    def _theme_key(self, term: Term) -> Condition:
        """A navigator theme: the theme with exactly this key (none: no claim)."""
        row = self._connection.execute("SELECT id FROM themes WHERE key = ?", (term.text,))
        found = row.fetchone()
        if found is None:
            return NOTHING
        theme = self._params.bind(int(found[0]))
        return Condition(
            "EXISTS (SELECT 1 FROM claim_themes ct WHERE ct.claim_id = c.id"
            f" AND ct.theme_id = {theme})"
        )

    def _document_id(self, term: Term) -> Condition:
        """A navigator document: the claims of the document with this id."""
        document = self._params.bind(int(term.text))
        row = f"c.document_id = {document}"
        return Condition(row, row, f"SELECT 1 FROM claims c WHERE {row}")

    def _entity(self, term: Term) -> Condition | Term:
        ids = self._entity_ids(term.text)
        if not ids:
            self.hints.append(f"No entity is called “{term.text}”; searched the text for it")
            return Term(term.text, None, phrase=True, negated=term.negated)
        marks = ", ".join(str(i) for i in ids)
        names = [
            str(row[0])
            for row in self._connection.execute(
                f"SELECT name FROM entities WHERE id IN ({marks})"
                f" UNION SELECT alias FROM entity_aliases WHERE entity_id IN ({marks})"
            )
        ]
        return Condition(
            "EXISTS (SELECT 1 FROM mentions m WHERE m.claim_id = c.id"
            f" AND m.entity_id IN ({marks}))",
            f"c.id IN (SELECT m.claim_id FROM mentions m WHERE m.entity_id IN ({marks}))",
            f"SELECT 1 FROM mentions m WHERE m.entity_id IN ({marks})",
            tuple(names) if len(names) <= MAX_PREFILTER_NAMES else (),
        )

    def _entity_ids(self, text: str) -> list[int]:
        """Return the entities called ``text`` (any of their names), else those it begins."""
        nocase = self._dialect.nocase_equals
        exact = self._connection.execute(
            f"SELECT id FROM entities WHERE {nocase('name')}"
            f" UNION SELECT entity_id FROM entity_aliases WHERE {nocase('alias')}",
            (text, text),
        ).fetchall()
        if exact:
            return sorted(int(row[0]) for row in exact)
        forms = self._connection.execute(
            "SELECT id, name FROM entities UNION ALL SELECT entity_id, alias FROM entity_aliases"
        ).fetchall()
        wanted = fold(text)
        folded = [(int(i), fold(name)) for i, name in forms]
        same = {i for i, name in folded if name == wanted}
        if same:
            return sorted(same)
        return sorted({i for i, name in folded if name.startswith(wanted) or f" {wanted}" in name})

    def _source(self, term: Term) -> Condition:
        wanted = fold(term.text)
        rows = self._connection.execute("SELECT id, name FROM sources").fetchall()
        aliases = self._connection.execute("SELECT source_id, alias FROM source_aliases")
        ids = sorted(
            {int(i) for i, name in rows if wanted in fold(name)}
            | {int(i) for i, alias in aliases if fold(alias) == wanted}
        )
        if not ids:
            names = ", ".join(sorted(str(name) for _, name in rows)[:12]) or "none yet"
            self.hints.append(f"No outlet matches “{term.text}”; outlets are: {names}")
            return NOTHING
        marks = ", ".join(str(i) for i in ids)
        found = self._documents(f"d.source_id IN ({marks})")
        if found is None:
            self.hints.append(f"No document comes from “{term.text}”")
            return NOTHING
        return found

    _outlet = _source

    def _doc(self, term: Term) -> Condition:
        title = " AND ".join(
            self._folded_like("d.title", self._params.bind(like_pattern(w)))
            for w in words(term.text)
        )
        if not title:
            return NOTHING
        found = self._documents(title)
        if found is None:
            self.hints.append(f"No document title has “{term.text}”")
            return NOTHING
        return found

    def _folded_like(self, column: str, pattern: str) -> str:
        """Return a LIKE on ``column`` that ignores case and accents."""
        if self._dialect.name == "sqlite":
            return _folded_like(column, pattern)
        return f"{self._dialect.fold(column)} LIKE {pattern} ESCAPE '\\'"

    def _documents(self, where: str) -> Condition | None:
        """Return the condition that a claim is in a document passing ``where`` (alias ``d``)."""
        ids = [
            int(row[0])
            for row in self._connection.execute(
                f"SELECT d.id FROM documents d WHERE {where} LIMIT {MAX_LISTED_DOCUMENTS + 1}",
                self._params.values,
            )
        ]
        if not ids:
            return None
        if len(ids) <= MAX_LISTED_DOCUMENTS:
            documents = "c.document_id IN (" + ", ".join(str(i) for i in ids) + ")"
        else:
            documents = f"c.document_id IN (SELECT d.id FROM documents d WHERE {where})"
        return Condition(documents, documents, f"SELECT 1 FROM claims c WHERE {documents}")

    def _reliability(self, term: Term) -> Condition | None:
        """``reliability:a-b`` (a range), ``reliability:c`` (one grade): the grade that applies."""
        grades = _grade_range(term.text, "ABCDEF")
        if grades is None:
            self.hints.append(f"reliability:{term.text} is not a grade; try reliability:a-b")
            return None
        low, high = (self._params.bind(g) for g in grades)
        return Condition(f"({EFFECTIVE_RELIABILITY} BETWEEN {low} AND {high})")

    def _credibility(self, term: Term) -> Condition | None:
        """``credibility:1-2`` (a range), ``credibility:3`` (one grade)."""
        grades = _grade_range(term.text, "123456")
        if grades is None:
            self.hints.append(f"credibility:{term.text} is not a grade; try credibility:1-2")
            return None
        low, high = (self._params.bind(int(g)) for g in grades)
        return Condition(f"c.credibility BETWEEN {low} AND {high}")

    def _by(self, term: Term) -> Condition:
        """``by:name``: claims the analyst wrote a live note on, filed, graded or imported."""
        wanted = fold(clean_name(term.text))
        known = analysts(self._connection)
        names = [name for name in known if fold(name) == wanted]  # as recorded, any case
        if not names:
            listed = ", ".join(known[:12]) or "none recorded yet"
            self.hints.append(f"No analyst is called “{term.text}”; analysts are: {listed}")
            return NOTHING
        among = self._dialect.in_values(self._params.bind(self._dialect.values(names)))
        claims = (
            f"SELECT n.claim_id FROM notes n WHERE n.analyst {among} AND {live_note('n')}"
            f" UNION SELECT h.claim_id FROM claim_history h WHERE h.analyst {among}"
            " UNION SELECT k.id FROM claims k JOIN documents d ON d.id = k.document_id"
            f" WHERE d.analyst {among}"
        )
        among = f"c.id IN ({claims})"
        return Condition(among, among, claims)

    def _dismissed(self, term: Term) -> Condition:
        """The claims the analyst marked "not a claim" ("yes"), or all the others ("no")."""
        among = "c.id IN (SELECT claim_id FROM dismissed_claims)"
        if term.text == "yes":
            return Condition(among, among, "SELECT 1 FROM dismissed_claims")
        return Condition(f"NOT {among}", broad=True)

    def _has(self, term: Term) -> Condition | None:
        if fold(term.text) in ("note", "notes"):
            return Condition(
                f"EXISTS (SELECT 1 FROM notes n WHERE n.claim_id = c.id AND {live_note('n')})",
                f"c.id IN (SELECT n.claim_id FROM notes n WHERE {live_note('n')})",
                f"SELECT 1 FROM notes n WHERE {live_note('n')}",
            )
        self.hints.append(f"has:{term.text} is not known; try has:note")
        return None

    def _is(self, term: Term) -> Condition | None:
        value = fold(term.text)
        if value in ("hedged", "hedge"):
            return Condition(hedged("c"))
        if value == "unfiled":
            return Condition("NOT EXISTS (SELECT 1 FROM claim_themes ct WHERE ct.claim_id = c.id)")
        if value in ("attributed", "sourced"):
            return Condition("c.attribution IS NOT NULL")
        self.hints.append(
            f"is:{term.text} is not known; try is:hedged, is:unfiled or is:attributed"
        )
        return None
