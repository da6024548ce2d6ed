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


def team_library_url(explicit: str | None) -> str | None:
    """Return ``--db`` (else ``BRIEFING_APP_DB``) if it names a team library (a URL), else None."""
    named = explicit or os.environ.get(ENV_VAR)
    if not named or "://" not in named:
        return None
    from briefing_app.store.server import is_url  # only for a URL

    return named if is_url(named) else None


def checked_team_library_url(text: str) -> str:
    """Return ``text`` if it is a team library URL the app accepts.

    Raises:
        UsageError: it is not a URL the app can use, or it holds a password.
    """
    from briefing_app.store.server import parse_server_url

    parse_server_url(text)
    return text


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
