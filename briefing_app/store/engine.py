"""The SQLAlchemy engine the writes go through (imported on the first write only)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from briefing_app.store.connection import connect


def create_library_engine(path: Path) -> Engine:
    """Return an engine on ``path`` whose connections come from :func:`connect`.

    Transactions begin DEFERRED unless the connection carries the execution
    option ``immediate=True``, in which case they begin IMMEDIATE so that the
    busy timeout applies before any read (DESIGN section 8).
    """
    engine = create_engine("sqlite://", creator=partial(connect, path), poolclass=NullPool)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
