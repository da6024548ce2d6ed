"""How the search engine reads a plan's matches on a team library: PostgreSQL's text index.

The engine (:mod:`briefing_app.store.search.engine`) plans a query the same way on
both backends (the word expressions are ``tsquery`` text on a server:
:mod:`briefing_app.store.search.text_syntax`) and lists views without words with the
same SQL; :class:`ServerReader` stands in for the FTS5 reader when there are words:

- **Words, few matches** (under ``RANK_LIMIT``): every match is ranked by
  ``ts_rank`` over the claim's text, then come the claims that match only through
  one of their notes, newest first.
- **Words, many matches:** newest claim first, reading stops once the page and the
  count are known; with a field beside the words, the claims are read in id order
  and each is matched on its own.
- **``note:`` words or exclusions alone:** in claim order.

Counts stop at ``COUNT_LIMIT``, as on SQLite. Every value, words included, is a
bound parameter.
"""

from __future__ import annotations

import sqlite3
from typing import cast

from briefing_app.store.search import reader
from briefing_app.store.search.plan import Plan
from briefing_app.store.search.reader import Found
from briefing_app.store.search.text_syntax import TSQUERY
from briefing_app.store.server_schema import VECTOR
from briefing_app.store.sql import live_note


class ServerReader:
    """Reads the matches of one plan from the server, at least the first ``wanted``."""

    def __init__(self, connection: sqlite3.Connection, plan: Plan, wanted: int) -> None:
        self._connection = connection
        self._plan = plan
        self._params = plan.params
        self._wanted = wanted
        self._enough = max(wanted, reader.COUNT_LIMIT) + 1

    def find(self) -> Found:
        """Return the matches: by words, through notes only, or in claim order."""
        if self._plan.text_match is not None:
            return self._by_words(self._plan.text_match)
        if self._plan.note_words is not None:
            return self._through_notes(self._plan.note_words)
        return self._in_claim_order()

    def _by_words(self, text_match: str) -> Found:
        match = self._params.bind(text_match)
        has_text = TSQUERY.text_has(match)
        probe = f"SELECT 1 FROM claims c WHERE {has_text}"
        ranked = self._count(probe, reader.RANK_LIMIT) < reader.RANK_LIMIT
        if ranked:
            order = f"ts_rank(c.{VECTOR}, CAST({match} AS tsquery)) DESC, c.id DESC"
            limit = ""
        else:
            if any(not check.broad for check in self._plan.checks):
                # Many matches and a field beside (an entity, a theme): claims newest first,
                # each checked, until the page is full. The function form of ``@@`` keeps
                # the planner from joining every match out of the GIN index with the
                # field's claims first (2 to 3 times slower at 1M claims). Words alone
                # are left to the index: two common words together may be rare.
                has_text = f"ts_match_vq(c.{VECTOR}, CAST({match} AS tsquery))"
            order, limit = "c.id DESC", f" LIMIT {self._enough}"
        sql = f"SELECT c.id FROM claims c WHERE {has_text}{self._checks()} ORDER BY {order}{limit}"
        ids = self._ids(sql)
        capped = not ranked and len(ids) == self._enough
        if capped:
            ids.pop()
        # Only notes on claims newer than the page's last can change a capped page.
        newer_than = ids[self._wanted - 1] if capped and self._wanted else 0
        in_text = set(ids)
        notes = {c: n for c, n in self._note_matches(newer_than).items() if c not in in_text}
        if ranked:
            ids.extend(sorted(notes, reverse=True))
            return Found(ids, notes, len(ids), ranked=True)
        merged = sorted([*ids, *notes], reverse=True)
        return Found(merged, notes, len(merged), capped)

    def _note_matches(self, newer_than: int) -> dict[int, int]:
        """Return claim id -> its newest live note holding all the words."""
        assert self._plan.words is not None
        words = self._params.bind(self._plan.words)
        newer = f" AND n.claim_id > {self._params.bind(newer_than)}" if newer_than else ""
        sql = (
            "SELECT n.claim_id, max(n.id) FROM notes n JOIN claims c ON c.id = n.claim_id"
            f" WHERE n.{VECTOR} @@ CAST({words} AS tsquery) AND {live_note('n')}{newer}"
            f"{self._checks()}{self._without_excluded_text()} GROUP BY n.claim_id"
        )
        return {int(claim): int(note) for claim, note in self._rows(sql)}

    def _through_notes(self, note_words: str) -> Found:
        """Return the claims with a live note holding the ``note:`` words, in claim order."""
        match = self._params.bind(note_words)
        sql = (
            "SELECT n.claim_id, max(n.id) FROM notes n JOIN claims c ON c.id = n.claim_id"
            f" WHERE n.{VECTOR} @@ CAST({match} AS tsquery) AND {live_note('n')}"
            f"{self._checks(in_arms=False)}{self._without_excluded_text()}"
            " GROUP BY n.claim_id ORDER BY n.claim_id"
        )
        notes = {int(claim): int(note) for claim, note in self._rows(sql)}
        return Found(list(notes), notes, len(notes))

    def _in_claim_order(self) -> Found:
        """Return the claims passing the checks and holding no excluded word, in order."""
        where = f"TRUE{self._checks(in_arms=False)}{self._without_excluded_text()}"
        ids = self._ids(
            f"SELECT c.id FROM claims c WHERE {where} ORDER BY c.id LIMIT {self._enough}"
        )
        capped = len(ids) == self._enough
        if capped:
            ids.pop()
        return Found(ids, {}, len(ids), capped)

    # pieces

    def _checks(self, *, in_arms: bool = True) -> str:
        """Return the plan's checks as ``AND`` terms; beside words, ``note:`` words are one."""
        checks = [check.row for check in self._plan.checks]
        if in_arms and self._plan.note_words is not None:
            match = self._params.bind(self._plan.note_words)
            checks.append(f"c.id IN ({TSQUERY.notes_matching(match)})")
        return "".join(f" AND {check}" for check in checks)

    def _without_excluded_text(self) -> str:
        """Return the condition that claim ``c``'s text holds no excluded word."""
        if self._plan.excluded is None:
            return ""
        return f" AND NOT {TSQUERY.text_has(self._params.bind(self._plan.excluded))}"

    def _rows(self, sql: str) -> list[tuple[int, ...]]:
        return [tuple(row) for row in self._connection.execute(sql, self._params.values)]

    def _ids(self, sql: str) -> list[int]:
        return [int(row[0]) for row in self._rows(sql)]

    def _count(self, rows_sql: str, cap: int) -> int:
        portable = cast(sqlite3.Connection, self._connection)
        return reader.count_up_to(portable, rows_sql, self._params.values, cap)
