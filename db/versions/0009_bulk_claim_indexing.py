"""An import indexes its claims at once: a flag table the claim index trigger reads.

SQLite's trigger indexed each claim as it was inserted, which costs FTS5 a flush per
row (38 ms of a 470 ms import of 60 briefings); an import now holds a row in
``bulk_indexing`` inside its transaction and indexes its claims in one statement at
the end. The trigger is dropped here and made again, with its new condition, by the
upgrade (``store/fts.py``). A team library's text index is a generated column: only
the table is added there.

Revision ID: 0009_bulk_claim_indexing
Revises: 0008_document_titles_index
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_bulk_claim_indexing"
down_revision = "0008_document_titles_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bulk_indexing",
        sa.Column("active", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("active", name=op.f("pk_bulk_indexing")),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS claims_fts_insert")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS claims_fts_insert")
        op.execute(
            "CREATE TRIGGER IF NOT EXISTS claims_fts_insert AFTER INSERT ON claims BEGIN"
            " INSERT INTO claim_fts(rowid, text) VALUES (new.id, new.text); END"
        )
    op.drop_table("bulk_indexing")
