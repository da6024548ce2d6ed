"""Shared fixtures: headless Qt, and a library and settings that live in tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from briefing_app.bundled import resource_dir  # noqa: E402
from briefing_app.services.library import Library  # noqa: E402

DATA = Path(__file__).parent / "data"
SEED = resource_dir() / "000_c58f06d55b31cb96.txt"
SEED_GOLD = DATA / "000_c58f06d55b31cb96.gold.json"


@pytest.fixture(autouse=True)
def _isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every user folder at a temporary one: no test touches the user's files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("BRIEFING_APP_DB", raising=False)


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    """Return a path for a new library file."""
    return tmp_path / "library.db"


@pytest.fixture
def seeded_library(library_path: Path) -> Iterator[Library]:
    """Return a library holding the bundled briefing."""
    library = Library.open(library_path, seed=True)
    yield library
    library.close()
