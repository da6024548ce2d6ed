"""The store's placeholders in psycopg's spelling: ``?`` to ``%s``, ``:name`` to ``%(name)s``.

The statements are written once, with DB-API ``qmark`` placeholders (and the
search plan's ``:p0`` names); psycopg wants ``%s`` and ``%(p0)s``, and every
literal ``%`` doubled (strings included: psycopg reads ``%`` everywhere). A ``?``
or ``:`` inside a string literal, a quoted name or a comment is text, not a
placeholder, and ``::`` is PostgreSQL's cast. Each
statement text is translated once and remembered, and only on the server side:
a library file's statements never pass through here.
"""

from __future__ import annotations

from functools import lru_cache

# Distinct statement texts remembered (the store has a few hundred; search builds more).
CACHED_STATEMENTS = 4096


@lru_cache(maxsize=CACHED_STATEMENTS)
def to_psycopg(sql: str) -> str:
    """Return ``sql`` with its placeholders in psycopg's style.

    Raises:
        ValueError: the statement mixes ``?`` and ``:name`` placeholders, or a
            quote or comment is not closed (a bug in the statement).
    """
    out: list[str] = []
    styles: set[str] = set()
    at, size = 0, len(sql)
    while at < size:
        ch = sql[at]
        if ch in "'\"":
            end = _closing_quote(sql, at)
            out.append(sql[at:end].replace("%", "%%"))
            at = end
        elif sql.startswith("--", at):
            end = sql.find("\n", at)
            end = size if end < 0 else end
            out.append(sql[at:end].replace("%", "%%"))
            at = end
        elif sql.startswith("/*", at):
            end = sql.find("*/", at + 2)
            if end < 0:
                raise ValueError(f"An unclosed comment in: {sql[:80]}")
            out.append(sql[at : end + 2].replace("%", "%%"))
            at = end + 2
        elif ch == "?":
            styles.add("?")
            out.append("%s")
            at += 1
        elif ch == "%":
            out.append("%%")
            at += 1
        elif ch == ":" and sql.startswith("::", at):
            out.append("::")
            at += 2
        elif ch == ":" and at + 1 < size and (sql[at + 1].isalpha() or sql[at + 1] == "_"):
            end = at + 1
            while end < size and (sql[end].isalnum() or sql[end] == "_"):
                end += 1
            styles.add(":")
            out.append(f"%({sql[at + 1 : end]})s")
            at = end
        else:
            out.append(ch)
            at += 1
    if len(styles) > 1:
        raise ValueError(f"A statement mixes ? and :name placeholders: {sql[:80]}")
    return "".join(out)


def _closing_quote(sql: str, start: int) -> int:
    """Return the index just after the quoted text that begins at ``start``.

    A doubled quote inside stands for one (``'it''s'``, ``"a""b"``).
    """
    quote = sql[start]
    at = start + 1
    while True:
        end = sql.find(quote, at)
        if end < 0:
            raise ValueError(f"An unclosed {quote} in: {sql[:80]}")
        if sql.startswith(quote * 2, end):
            at = end + 2
            continue
        return end + 1
