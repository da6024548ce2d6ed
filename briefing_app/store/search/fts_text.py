"""FTS5 expressions and LIKE patterns for query terms, safely quoted."""

from __future__ import annotations

from briefing_app.domain.query import Term


def fts_string(term: Term) -> str:
    """Return the FTS5 expression for one word, prefix or phrase, safely quoted.

    Inside double quotes FTS5 reads nothing as syntax (a doubled quote is a
    quote), so ``U.S.``, ``o'brien``, ``AND`` or ``*`` are only words there.
    """
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + "*" if term.prefix else quoted


def fts_any(terms: list[Term]) -> str:
    """Return an FTS5 expression that matches any of ``terms``."""
    parts = [fts_string(t) for t in terms]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def like_pattern(value: str) -> str:
    """Return a LIKE pattern for text containing ``value`` (backslash escapes)."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
