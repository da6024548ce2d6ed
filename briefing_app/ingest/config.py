"""Load the ingest rules that live in ``resources/*.toml`` (data, not code)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from briefing_app.bundled import resource_dir


@cache
def load_toml(relative: str) -> dict[str, Any]:
    """Return a parsed TOML resource, read once per process."""
    path: Path = resource_dir() / relative
    with path.open("rb") as handle:
        return tomllib.load(handle)
