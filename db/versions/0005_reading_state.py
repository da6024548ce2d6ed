"""When each document was first opened (unread until then).

Revision ID: 0005_reading_state
Revises: 0004_document_metadata
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_reading_state"
down_revision = "0004_document_metadata"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("opened", sa.DateTime(), nullable=True))
    # Documents imported before this version were read in the old single list.
    op.execute("UPDATE documents SET opened = imported")


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("opened")
