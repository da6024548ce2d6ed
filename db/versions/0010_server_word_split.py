"""A team library splits words as a library file does (PostgreSQL only).

The vectors of schema 0001 left word splitting to the server's parser, which
keeps "al-Assad" whole and reads "U.S." as a host name, so a search for "assad"
or "us" found there less than on SQLite. The vectors are generated again from
the text with everything but letters and digits turned into spaces
(``store/server_schema.py``). A library file has nothing to change.

Revision ID: 0010_server_word_split
Revises: 0009_bulk_claim_indexing
"""

from __future__ import annotations

from alembic import op

from briefing_app.store.server_schema import add_vectors, drop_vectors, first_vector_of, vector_of

revision = "0010_server_word_split"
down_revision = "0009_bulk_claim_indexing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        execute = op.get_bind().exec_driver_sql
        drop_vectors(execute)
        add_vectors(execute, vector_of)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        execute = op.get_bind().exec_driver_sql
        drop_vectors(execute)
        add_vectors(execute, first_vector_of)
