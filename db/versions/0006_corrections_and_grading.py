"""The analyst's corrections of claims, and reliability graded per source.

- ``claims.origin``: "rule" (found by ingest) or "analyst" (made, split or merged by hand).
- ``dismissed_claims``: claims the analyst marked "not a claim" (they leave the claim
  views and can be shown again); a table of its own, so the check stays on the id.
- ``notes.anchor_start``/``anchor_end``: a note attached to a passage of the document.
- Reliability (Admiralty A-F) belongs to the source: ``sources.reliability`` for an
  outlet, ``speakers.reliability`` for a person or body quoted; a claim may override
  it (``claims.reliability_override``). Grades set by hand before this version (those
  that differ from the outlet's) become overrides; ``claims.reliability`` is no longer read.

Revision ID: 0006_corrections_and_grading
Revises: 0005_reading_state
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_corrections_and_grading"
down_revision = "0005_reading_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN only (no table copy): fast on a million claims, triggers untouched.
    op.add_column(
        "claims", sa.Column("origin", sa.String(), nullable=False, server_default="rule")
    )
    op.add_column("claims", sa.Column("reliability_override", sa.String(1), nullable=True))
    op.execute(
        "UPDATE claims SET reliability_override = reliability WHERE reliability != coalesce("
        "(SELECT s.reliability FROM documents d JOIN sources s ON s.id = d.source_id"
        " WHERE d.id = claims.document_id), 'F')"
    )
    op.add_column("notes", sa.Column("anchor_start", sa.Integer(), nullable=True))
    op.add_column("notes", sa.Column("anchor_end", sa.Integer(), nullable=True))
    op.create_table(
        "dismissed_claims",
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("dismissed", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_dismissed_claims_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("claim_id", name=op.f("pk_dismissed_claims")),
    )
    op.create_table(
        "speakers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("reliability", sa.String(1), nullable=False, server_default="F"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speakers")),
        sa.UniqueConstraint("name", name=op.f("uq_speakers_name")),
    )


def downgrade() -> None:
    op.drop_table("speakers")
    op.drop_table("dismissed_claims")
    with op.batch_alter_table("notes") as batch:
        batch.drop_column("anchor_end")
        batch.drop_column("anchor_start")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("reliability_override")
        batch.drop_column("origin")
