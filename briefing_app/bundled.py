"""Where the files that ship with the app live: resources and migrations.

In a wheel they sit inside the package (``briefing_app/_data``); in a source
checkout they are the top-level ``resources/`` and ``db/`` folders.
"""

from __future__ import annotations

from pathlib import Path

# The package is installed as files (the wheel is not zip-safe), so its folder is the
# folder of this module; importlib.resources would only add start-up time.
_PACKAGE = Path(__file__).resolve().parent
_PACKAGE_DATA = _PACKAGE / "_data"
_SOURCE_TREE = _PACKAGE.parent


def _folder(name: str) -> Path:
    packaged = _PACKAGE_DATA / name
    return packaged if packaged.is_dir() else _SOURCE_TREE / name


def resource_dir() -> Path:
    """Return the folder with themes, gazetteers, patterns and bundled briefings."""
    return _folder("resources")


def migrations_dir() -> Path:
    """Return the Alembic script folder."""
    return _folder("db")


def bundled_briefings() -> list[Path]:
    """Return the briefings that ship with the app, in import order."""
    return sorted(resource_dir().glob("[0-9][0-9][0-9]_*.txt"))
