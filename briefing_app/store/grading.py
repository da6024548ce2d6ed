"""The Admiralty grading: reliability belongs to the source, credibility to the claim.

A claim's reliability is, in this order: the analyst's grade for that claim alone
(``claims.reliability_override``), else the grade of the person or body it quotes
(``speakers``, by the claim's attribution), else its outlet's (``sources``), else F.
Grading a claim's reliability grades its source, so every claim of that source
follows; a claim that has an override keeps it until it is cleared.
"""

from __future__ import annotations

from briefing_app.domain.errors import NotFoundError
from briefing_app.store.backend import Connection

# The reliability that applies to claim ``c``: one expression, used by every read.
EFFECTIVE_RELIABILITY = (
    "coalesce(c.reliability_override,"
    " (SELECT sp.reliability FROM speakers sp WHERE sp.name = c.attribution),"
    " (SELECT s.reliability FROM documents d JOIN sources s ON s.id = d.source_id"
    " WHERE d.id = c.document_id), 'F')"
)
# Whose grade applies, as EFFECTIVE_RELIABILITY chooses it: the quoted speaker once
# graded, else the outlet (an override is told apart by ``reliability_override``).
GRADED_SOURCE = (
    "coalesce((SELECT sp.name FROM speakers sp WHERE sp.name = c.attribution),"
    " (SELECT s.name FROM documents d JOIN sources s ON s.id = d.source_id"
    " WHERE d.id = c.document_id))"
)


def _claim(connection: Connection, claim_id: int) -> tuple[str | None, int, str | None]:
    row = connection.execute(
        "SELECT c.attribution, c.document_id, c.reliability_override FROM claims c WHERE c.id = ?",
        (claim_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"There is no claim {claim_id} in this library.")
    return row[0], int(row[1]), row[2]


def grade_source(connection: Connection, claim_id: int, reliability: str) -> None:
    """Grade the source of a claim (its speaker, else its outlet): all its claims follow."""
    attribution, document_id, _ = _claim(connection, claim_id)
    if attribution:
        connection.execute(
            "INSERT INTO speakers (name, reliability) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET reliability = excluded.reliability",
            (attribution, reliability),
        )
        return
    updated = connection.execute(
        "UPDATE sources SET reliability = ?"
        " WHERE id = (SELECT source_id FROM documents WHERE id = ?)",
        (reliability, document_id),
    ).rowcount
    if not updated:  # no outlet is known: the grade can only be this claim's own
        override_reliability(connection, claim_id, reliability)


def override_reliability(connection: Connection, claim_id: int, reliability: str | None) -> None:
    """Give one claim a reliability of its own (None: its source's grade applies again)."""
    _claim(connection, claim_id)
    connection.execute(
        "UPDATE claims SET reliability_override = ? WHERE id = ?", (reliability, claim_id)
    )


def set_grading(connection: Connection, claim_id: int, reliability: str, credibility: int) -> None:
    """Store a claim's grading: credibility on the claim, reliability on its source.

    A claim with a reliability of its own keeps being graded on its own.
    """
    _, _, override = _claim(connection, claim_id)
    connection.execute("UPDATE claims SET credibility = ? WHERE id = ?", (credibility, claim_id))
    if override is not None:
        override_reliability(connection, claim_id, reliability)
    else:
        grade_source(connection, claim_id, reliability)
