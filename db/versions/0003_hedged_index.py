"""A partial index of hedged claims, so the navigator counts them without a full scan.

Revision ID: 0003_hedged_index
Revises: 0002_saved_searches
"""

from __future__ import annotations

from alembic import op

revision = "0003_hedged_index"
down_revision = "0002_saved_searches"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS ix_claims_hedged ON claims (id) WHERE hedges != '[]'")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_claims_hedged")
