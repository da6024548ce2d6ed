"""Who did what: the analyst behind each note, earlier text, import, filing and grade.

- ``notes.analyst``, ``note_revisions.analyst``: who wrote that text.
- ``documents.analyst``: who imported the document.
- ``claim_history``: every filing and grading change of a claim, with its analyst and
  time (the current filing and grade stay where they are: the last write wins).

Rows from before this version have no analyst (NULL).

Revision ID: 0011_who_did_what
Revises: 0010_server_word_split
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_who_did_what"
down_revision = "0010_server_word_split"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN only (no table copy): fast on a million claims, triggers untouched.
    for table in ("notes", "note_revisions", "documents"):
        op.add_column(table, sa.Column("analyst", sa.Text(), nullable=True))
    op.create_index("ix_notes_analyst", "notes", ["analyst"])
    op.create_table(
        "claim_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("analyst", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_history_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_history")),
    )
    op.create_index("ix_claim_history_claim", "claim_history", ["claim_id", "id"])
    op.create_index("ix_claim_history_analyst", "claim_history", ["analyst", "claim_id"])


def downgrade() -> None:
    op.drop_index("ix_claim_history_analyst", table_name="claim_history")
    op.drop_index("ix_claim_history_claim", table_name="claim_history")
    op.drop_table("claim_history")
    op.drop_index("ix_notes_analyst", table_name="notes")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("analyst")
    with op.batch_alter_table("note_revisions") as batch:
        batch.drop_column("analyst")
    with op.batch_alter_table("notes") as batch:
        batch.drop_column("analyst")
