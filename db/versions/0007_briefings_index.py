"""An index for the Briefings list's default order: newest first (published, else imported).

Without it the first page of the list sorts every document, reading their rows (and
so their text) from disk: 48 ms at 25,000 documents, on the way to the first paint.

Revision ID: 0007_briefings_index
Revises: 0006_corrections_and_grading
"""

from __future__ import annotations

from alembic import op

from briefing_app.store.server_schema import (
    DOCUMENT_DATE,
    create_document_date,
    drop_document_date,
)

revision = "0007_briefings_index"
down_revision = "0006_corrections_and_grading"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE INDEX IF NOT EXISTS ix_documents_newest"
            " ON documents (coalesce(published, imported), id)"
        )
    else:  # PostgreSQL compares text with a timestamp only through an immutable function
        create_document_date(op.get_bind().exec_driver_sql)
        op.execute(
            "CREATE INDEX IF NOT EXISTS ix_documents_newest"
            f" ON documents ({DOCUMENT_DATE}(published, imported), id)"
        )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_documents_newest")
    if op.get_bind().dialect.name != "sqlite":
        drop_document_date(op.get_bind().exec_driver_sql)
