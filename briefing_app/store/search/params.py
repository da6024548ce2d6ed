"""Bound parameters for SQL built piece by piece: values never enter the SQL text."""

from __future__ import annotations


class Params:
    """Hands out ``:p0``, ``:p1``… placeholders and keeps their values."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}

    def bind(self, value: object) -> str:
        """Return a placeholder that stands for ``value``."""
        name = f"p{len(self.values)}"
        self.values[name] = value
        return f":{name}"
