"""Sentences that are no reporting although they read as sentences: questions and advice."""

from __future__ import annotations

import re
from functools import cache

from briefing_app.ingest.config import load_toml

_CLOSING = '"”’)]'


@cache
def _advice() -> re.Pattern[str]:
    return re.compile(load_toml("language.toml")["reporting"]["advice"])


def is_question(sentence: str) -> bool:
    """Return True for a question ("Who are the Syrian rebels?"): it asks, it does not report."""
    return sentence.rstrip(_CLOSING).endswith("?")


def is_advice(sentence: str, attribution: str | None) -> bool:
    """Return True for a recommendation in the writer's own voice ("Staff should leave.")."""
    return attribution is None and _advice().search(sentence) is not None
