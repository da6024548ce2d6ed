"""Document metadata (URL, language, scope) and the other names of outlets.

Revision ID: 0004_document_metadata
Revises: 0003_hedged_index
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_document_metadata"
down_revision = "0003_hedged_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("url", sa.Text(), nullable=True))
        batch.add_column(sa.Column("language", sa.String(), nullable=True))
        batch.add_column(sa.Column("scope_note", sa.Text(), nullable=True))
    op.create_table(
        "source_aliases",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name=op.f("fk_source_aliases_source_id_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("source_id", "alias", name=op.f("pk_source_aliases")),
    )


def downgrade() -> None:
    op.drop_table("source_aliases")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("scope_note")
        batch.drop_column("language")
        batch.drop_column("url")
