"""Where the library lives: ``--db``, then ``BRIEFING_APP_DB``, then the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "BRIEFING_APP_DB"
APP_NAME = "briefing-app"


def default_library_path() -> Path:
    """Return the library path in the user data folder (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "library.db"


def window_refusal(explicit: str | None) -> str | None:
    """Return why the window cannot open ``--db`` (else ``BRIEFING_APP_DB``), or None.

    The window does not open a team library (a ``postgresql://`` URL) yet; the command
    line does. The URL is not repeated, since a refused one may hold a password.
    """
    named = explicit or os.environ.get(ENV_VAR)
    if not named or "://" not in named:
        return None
    from briefing_app.store.server import is_url  # only for a URL

    if not is_url(named):
        return None
    return (
        "The window does not open a team library (a database server) yet. The command "
        "line does: 'briefing-app --db URL import FILE', 'note', 'export'; its owner "
        "creates or upgrades it with 'briefing-app migrate --db URL'. The window works on "
        "a library file for now: start it with --db PATH, or without --db for your own library."
    )


def resolve_library_path(explicit: str | os.PathLike[str] | None) -> tuple[Path, bool]:
    """Return the library path and whether it is the default one (whose folder we may create)."""
    if explicit:
        return _real(Path(explicit)), False
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return _real(Path(from_env)), False
    return default_library_path(), True


def _real(path: Path) -> Path:
    """Follow symlinks: a library reached through a link is the file it points to."""
    return Path(os.path.realpath(path.expanduser()))
