"""Claims with their annotations, and the analyst's grading of them."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Concatenate, ParamSpec, TypeVar

from briefing_app.domain.errors import NotFoundError
from briefing_app.domain.library import Claim, ClaimTheme
from briefing_app.store.backend import Connection, dialect_of
from briefing_app.store.grading import EFFECTIVE_RELIABILITY, GRADED_SOURCE
from briefing_app.store.history import last_changes
from briefing_app.store.notes import live_note_counts

P = ParamSpec("P")
T = TypeVar("T")


def load_claims(connection: Connection, ids: Sequence[int]) -> list[Claim]:
    """Return the claims with these ids, in the order of ``ids`` (unknown ids skipped)."""
    if not ids:
        return []
    dialect = dialect_of(connection)
    wanted = dialect.values(ids)
    among = dialect.in_list
    filings: dict[int, list[ClaimTheme]] = defaultdict(list)
    for claim_id, *filing in connection.execute(
        "SELECT ct.claim_id, t.key, t.label, t.colour, ct.is_primary, ct.origin, ct.why"
        f" FROM claim_themes ct JOIN themes t ON t.id = ct.theme_id WHERE ct.claim_id {among}"
        " ORDER BY ct.is_primary DESC, t.ord",
        (wanted,),
    ):
        key, label, colour, primary, origin, why = filing
        filings[claim_id].append(ClaimTheme(key, label, colour, bool(primary), origin, why))
    names: dict[int, list[str]] = defaultdict(list)
    for claim_id, name in connection.execute(
        "SELECT m.claim_id, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id"
        f" WHERE m.claim_id {among} ORDER BY m.claim_id, m.start",
        (wanted,),
    ):
        if name not in names[claim_id]:
            names[claim_id].append(name)
    notes = live_note_counts(connection, ids)
    changes = last_changes(connection, ids)
    rows = connection.execute(
        'SELECT c.id, c.document_id, c.text, c.paragraph, c.sentence, c.start, c."end",'
        " c.prefix, c.suffix, c.attribution, c.hedges,"
        f" {EFFECTIVE_RELIABILITY}, c.credibility,"
        " d.title, d.published, s.name, d.scope_note,"
        f" {GRADED_SOURCE}, c.reliability_override IS NOT NULL, c.origin"
        " FROM claims c JOIN documents d ON d.id = c.document_id"
        f" LEFT JOIN sources s ON s.id = d.source_id WHERE c.id {among}",
        (wanted,),
    )
    by_id = {}
    for (
        claim_id,
        document_id,
        text,
        paragraph,
        sentence,
        start,
        end,
        prefix,
        suffix,
        attribution,
        hedges,
        reliability,
        credibility,
        title,
        published,
        outlet,
        scope_note,
        graded_source,
        overridden,
        origin,
    ) in rows:
        by_id[claim_id] = Claim(
            id=claim_id,
            document_id=document_id,
            text=text,
            paragraph=paragraph,
            sentence=sentence,
            start=start,
            end=end,
            prefix=prefix,
            suffix=suffix,
            attribution=attribution,
            hedges=tuple(json.loads(hedges)),
            entities=tuple(names.get(claim_id, ())),
            themes=tuple(filings.get(claim_id, ())),
            reliability=reliability,
            credibility=credibility,
            note_count=int(notes.get(claim_id, 0)),
            outlet=outlet,
            document_title=title,
            published=published,
            scope_note=scope_note,
            graded_source=graded_source,
            reliability_overridden=bool(overridden),
            origin=origin,
            last_change=changes.get(claim_id),
        )
    return [by_id[i] for i in ids if i in by_id]


def claim_exists(connection: Connection, claim_id: int, *, locked: bool = False) -> bool:
    """Return True if the library holds a claim with this id.

    ``locked``: no other writer changes the claim until this transaction ends (on a
    server; a file's writers take turns anyway).
    """
    lock = dialect_of(connection).for_update if locked else ""
    row = connection.execute(f"SELECT 1 FROM claims WHERE id = ?{lock}", (claim_id,)).fetchone()
    return row is not None


def on_claim(
    connection: Connection,
    claim_id: int,
    change: Callable[Concatenate[Connection, int, P], T],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """Run ``change`` on a claim, in the same transaction as the check that it exists.

    The claim is locked first, so two analysts changing it at once take turns: the
    last write wins whole (two filings never leave two primary themes), and their
    statements cannot deadlock each other.

    Raises:
        NotFoundError: there is no such claim, or ``change`` names no known theme.
    """
    if not claim_exists(connection, claim_id, locked=True):
        raise NotFoundError(f"There is no claim {claim_id} in this library.")
    try:
        return change(connection, claim_id, *args, **kwargs)
    except KeyError as error:  # an unknown theme key
        raise NotFoundError(f"There is no theme {error.args[0]!r}.") from error
