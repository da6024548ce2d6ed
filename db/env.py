"""Alembic environment: migrations run on the connection the app hands over."""

from __future__ import annotations

from alembic import context

from briefing_app.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when run as `alembic` by hand
    raise SystemExit("Run migrations through briefing-app; it opens the database safely.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
