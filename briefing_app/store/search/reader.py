"""How the matches of one plan are read from the indexes: the modes and their SQL.

See :mod:`briefing_app.store.search.engine` for why each mode exists. Every mode
returns the matches in result order and a count; a count that stopped early
is flagged as capped. Unranked results come in claim id order, which is the
order of import: documents as they were imported, each in reading order.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from briefing_app.store.search.plan import Check, Plan
from briefing_app.store.search.text_syntax import FTS5
from briefing_app.store.sql import live_note

# Fewer text matches than this are all scored (bm25); more are read newest first.
RANK_LIMIT = 2000
# Counts stop here.
COUNT_LIMIT = 1000
# Without words, a field yielding fewer claims than this starts the scan.
DRIVER_LIMIT = 20_000
# A page in list order, of one field alone yielding this many claims or more, is read
# from the claims index in that order rather than sorted out of the field's claims.
LISTING_DRIVER_LIMIT = 5_000
# With broad words, a field yielding fewer claims than this leads instead of the
# text index: its claims are few enough to look the words up one by one.
FIELD_LED_LIMIT = 300

_ID = re.compile(r"\bc\.id\b")
_TEXT_ROWS = "claim_fts JOIN claims c ON c.id = claim_fts.rowid"
_NOTE_ROWS = "note_fts JOIN notes n ON n.id = note_fts.rowid JOIN claims c ON c.id = n.claim_id"


@dataclass(slots=True)
class Found:
    """Matches in result order, the note each note-only match came through, and the count."""

    ids: list[int]
    notes: dict[int, int]
    total: int
    capped: bool = False
    ranked: bool = False


def count_up_to(
    connection: sqlite3.Connection, rows_sql: str, values: Mapping[str, object], cap: int
) -> int:
    """Return how many rows ``rows_sql`` yields, reading at most ``cap`` of them."""
    sql = f"SELECT count(*) FROM ({rows_sql} LIMIT {int(cap)}) AS counted"
    return int(connection.execute(sql, values).fetchone()[0])


class Reader:
    """Reads the matches of one plan, at least the first ``wanted`` in order."""

    def __init__(self, connection: sqlite3.Connection, plan: Plan, wanted: int) -> None:
        self._connection = connection
        self._plan = plan
        self._params = plan.params
        self._wanted = wanted
        # Read one more than is shown or counted, to know whether there are more.
        self._enough = max(wanted, COUNT_LIMIT) + 1

    def find(self) -> Found:
        """Return the matches, choosing the mode by how selective the query is."""
        plan = self._plan
        if plan.text_match is not None:
            match = self._params.bind(plan.text_match)
            probe = f"SELECT 1 FROM claim_fts WHERE claim_fts MATCH {match}"
            if self._count(probe, RANK_LIMIT) < RANK_LIMIT:
                return self._selective()
            # (A prefix looked up claim by claim costs a scan of the index's terms each time.)
            lead = None if plan.has_prefix else self._smallest_driver(FIELD_LED_LIMIT)
            return self._field_led(lead) if lead else self._broad()
        if plan.note_words is not None:
            return self._through_notes()
        return self._in_claim_order()

    # the modes

    def _selective(self) -> Found:
        """Score every text match (bm25), then the claims matched only through a note."""
        ids = [int(row[0]) for row in self._rows(self._text_sql("rank"))]
        in_text = set(ids)
        notes = {c: n for c, n in self._note_matches(0).items() if c not in in_text}
        ids.extend(sorted(notes, reverse=True))
        return Found(ids, notes, len(ids), ranked=True)

    def _broad(self) -> Found:
        """Read the text index newest first, stopping once the page and the count are known."""
        ids = [int(row[0]) for row in self._rows(self._text_sql("rowid DESC", self._enough))]
        capped = len(ids) == self._enough
        if capped:
            ids.pop()
        # Every text match newer than the last one on the page is already in ``ids``, so
        # only notes on newer claims can change the page; an exact count needs them all.
        newer_than = ids[self._wanted - 1] if capped and self._wanted else 0
        in_text = set(ids)
        notes = {c: n for c, n in self._note_matches(newer_than).items() if c not in in_text}
        merged = sorted([*ids, *notes], reverse=True)
        return Found(merged, notes, len(merged), capped)

    def _field_led(self, lead: Check) -> Found:
        """Read the few claims a field allows, in order, and look the words up in each."""
        plan = self._plan
        assert plan.words is not None and lead.driver is not None
        words = self._params.bind(plan.words)
        checks = [lead.driver, *(c.row for c in self._checks())]
        if plan.excluded is not None:
            checks.append(f"NOT {FTS5.text_has(self._params.bind(plan.excluded))}")
        sql = (
            f"SELECT c.id, {FTS5.text_has(words)},"
            f" (SELECT max(n.id) FROM notes n WHERE n.claim_id = c.id AND {live_note('n')}"
            f" AND n.id IN (SELECT rowid FROM note_fts WHERE note_fts MATCH {words}))"
            f" FROM claims c WHERE {' AND '.join(checks)} ORDER BY c.id"
        )
        rows = [(int(i), bool(in_text), note) for i, in_text, note in self._rows(sql)]
        ids = [i for i, in_text, note in rows if in_text or note is not None]
        notes = {i: int(note) for i, in_text, note in rows if not in_text and note is not None}
        return Found(ids, notes, len(ids))

    def _through_notes(self) -> Found:
        """Read the notes that hold the ``note:`` words; claims come in order."""
        assert self._plan.note_words is not None
        match = self._params.bind(self._plan.note_words)
        where = "".join(f" AND {c.row}" for c in self._checks(in_arms=False))
        sql = (
            f"SELECT n.claim_id, max(n.id) FROM {_NOTE_ROWS}"
            f" WHERE note_fts MATCH {match} AND {live_note('n')}{where}"
            " GROUP BY n.claim_id ORDER BY n.claim_id"
        )
        notes = {int(claim): int(note) for claim, note in self._rows(sql)}
        if notes and self._plan.excluded is not None:
            for claim in self._holding_excluded(list(notes)):
                del notes[claim]
        return Found(list(notes), notes, len(notes))

    def _in_claim_order(self) -> Found:
        """Scan claims in order, from the smallest set a field offers, up to the page."""
        checks = []
        for check in self._checks(in_arms=False):
            if check.driver and check.size and self._count(check.size, DRIVER_LIMIT) < DRIVER_LIMIT:
                checks.append(check.driver)
            else:
                checks.append(check.row)
        sql = f"SELECT c.id FROM claims c WHERE {' AND '.join(checks) or '1'} ORDER BY c.id"
        if self._plan.excluded is None:
            ids = [int(row[0]) for row in self._rows(f"{sql} LIMIT {self._enough}")]
        else:
            ids = self._without_excluded_text(sql)
        capped = len(ids) == self._enough
        if capped:
            ids.pop()
        return Found(ids, {}, len(ids), capped)

    # pieces

    def _rows(self, sql: str) -> list[tuple[int, ...]]:
        return [tuple(row) for row in self._connection.execute(sql, self._params.values)]

    def _count(self, rows_sql: str, cap: int) -> int:
        """Return how many rows ``rows_sql`` yields, reading at most ``cap``."""
        return count_up_to(self._connection, rows_sql, self._params.values, cap)

    def _smallest_driver(self, below: int) -> Check | None:
        """Return the check with a driver yielding the fewest claims, if fewer than ``below``."""
        sized = [
            (self._count(c.size, below), n, c)
            for n, c in enumerate(self._plan.checks)
            if c.driver and c.size
        ]
        best = min(sized, default=None)
        return best[2] if best and best[0] < below else None

    def _checks(self, *, in_arms: bool = True) -> list[Check]:
        """Return the plan's checks; beside the words, ``note:`` words are one too."""
        checks = list(self._plan.checks)
        if in_arms and self._plan.note_words is not None:
            match = self._params.bind(self._plan.note_words)
            checks.append(Check(f"c.id IN ({self._plan.syntax.notes_matching(match)})"))
        return checks

    def _without_excluded_text(self, ordered_sql: str) -> list[int]:
        """Return the first claim ids of ``ordered_sql`` whose text holds no excluded word.

        Both the claims and the excluded word's index entries come in id order, so
        one pass over the two streams (a merge) skips the excluded claims, reading
        only as far as the page needs, whatever the word's frequency.
        """
        assert self._plan.excluded is not None
        match = self._params.bind(self._plan.excluded)
        values = self._params.values
        candidates = self._connection.execute(ordered_sql, values)
        excluded = self._connection.execute(
            f"SELECT rowid FROM claim_fts WHERE claim_fts MATCH {match} ORDER BY rowid", values
        )
        skip = excluded.fetchone()
        found: list[int] = []
        for (claim,) in candidates:
            while skip is not None and skip[0] < claim:
                skip = excluded.fetchone()
            if skip is None or skip[0] != claim:
                found.append(int(claim))
                if len(found) == self._enough:
                    break
        candidates.close()
        excluded.close()
        return found

    def _text_sql(self, order: str, limit: int | None = None) -> str:
        """Return the SQL that reads claims from the text index, checking each row."""
        assert self._plan.text_match is not None
        match = self._params.bind(self._plan.text_match)
        checks = self._checks()
        limit_sql = f" LIMIT {int(limit)}" if limit is not None else ""
        if all(check.on_id_only for check in checks):
            # The claim rows need not be read: the checks only need the claim id.
            where = "".join(f" AND {_ID.sub('+claim_fts.rowid', c.row)}" for c in checks)
            return (
                f"SELECT rowid FROM claim_fts WHERE claim_fts MATCH {match}{where}"
                f" ORDER BY {order}{limit_sql}"
            )
        where = "".join(f" AND {c.row}" for c in checks)
        return (
            f"SELECT c.id FROM {_TEXT_ROWS} WHERE claim_fts MATCH {match}{where}"
            f" ORDER BY claim_fts.{order}{limit_sql}"
        )

    def _note_matches(self, newer_than: int) -> dict[int, int]:
        """Return claim id -> note id for claims newer than ``newer_than`` whose note matches.

        The note must hold all the words; claims whose text matches as well are
        left in, for the caller to tell apart.
        """
        assert self._plan.words is not None
        newer = ""
        if newer_than:
            # Notes on the newest claims: start the note index at the first of them.
            # (``+id`` keeps SQLite from walking the whole table in id order.)
            first = self._connection.execute(
                "SELECT min(+id) FROM notes WHERE claim_id > ?", (newer_than,)
            ).fetchone()[0]
            if first is None:
                return {}
            newer = (
                f" AND note_fts.rowid >= {self._params.bind(first)}"
                f" AND n.claim_id > {self._params.bind(newer_than)}"
            )
        match = self._params.bind(self._plan.words)
        where = "".join(f" AND {c.row}" for c in self._checks())
        sql = (
            f"SELECT n.claim_id, max(n.id) FROM {_NOTE_ROWS} WHERE note_fts MATCH {match}"
            f" AND {live_note('n')}{newer}{where} GROUP BY n.claim_id"
        )
        found = {int(claim): int(note) for claim, note in self._rows(sql)}
        if found and self._plan.excluded is not None:
            for claim in self._holding_excluded(list(found)):
                del found[claim]
        return found

    def _holding_excluded(self, ids: list[int]) -> set[int]:
        """Return which of the claim ids hold an excluded word in their text.

        A few ids are looked up one by one; many (or a prefix, costly to look up
        one by one) are read as the range of the index they span.
        """
        assert self._plan.excluded is not None
        match = self._params.bind(self._plan.excluded)
        if len(ids) <= 200 and not self._plan.has_prefix:
            among = "rowid IN (" + ", ".join(str(i) for i in ids) + ")"
        else:
            among = f"rowid BETWEEN {min(ids)} AND {max(ids)}"
        sql = f"SELECT rowid FROM claim_fts WHERE claim_fts MATCH {match} AND {among}"
        return {int(row[0]) for row in self._rows(sql)} & set(ids)
