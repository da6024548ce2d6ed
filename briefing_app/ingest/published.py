"""When an article was published: a date line, an "Updated ..." line, a dateline or the title.

Dates are found by their shape (a month name with a day and a year, maybe a time
and a zone) and read by dateparser, told to use English, to prefer the past and
never to look anything up. The result is ISO 8601: the date, and the time (with
its UTC offset when the page gives a zone) when the page gives one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from briefing_app.ingest.config import load_toml

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\b\.?)?|\d{1,2}\s*[ap]\.?\s?m\b\.?"
_OFFSET = re.compile(r"(?:GMT|UTC)\s?([+-])(\d{1,2})(?::?(\d{2}))?")
_DOTTED_TIME = re.compile(r"^(\d{1,2})\.(\d{2})$")
_YEARS = re.compile(r"\b(?:19|20)\d{2}\b")
# Words a date line may hold besides its date ("Updated", "at", "on").
_FILLER = re.compile(r"^[\W_]*(?:(?:updated|published|posted|on|at|date|last|modified)\W*)*$", re.I)
MAX_DATE_LINE_CHARS = 120


@cache
def _settings() -> dict[str, Any]:
    return load_toml("layout.toml")["dates"]


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of a full date (with a year) and of a day and month alone."""
    zones = "|".join(sorted((re.escape(z) for z in _settings()["zones"]), key=len, reverse=True))
    zone = rf"(?-i:(?:GMT|UTC)\s?[+-]\d{{1,2}}(?::?\d{{2}})?|\b(?:{zones})\b)"
    calendar = rf"(?:{_DAY}\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+{_DAY},?\s+{_YEAR})"
    full = re.compile(
        rf"(?:(?P<t1>{_TIME})\s*(?P<z1>{zone})?\s*,?\s*)?{_WEEKDAY}?(?P<date>{calendar})"
        rf"(?:,?\s*(?:at\s+)?(?P<t2>{_TIME})\s*(?P<z2>{zone})?)?",
        re.I,
    )
    partial = re.compile(
        rf"\b(?P<date>{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})(?![\w.]*\s*,?\s*\d)", re.I
    )
    return full, partial


def published(
    header: Sequence[str], dateline: str | None, title: str | None, text: str
) -> str | None:
    """Return the date of publication an article gives, as ISO 8601, or None.

    ``header`` holds the lines above the first paragraph of reporting; a line
    labelled "Published" wins, then a bare date line, then an "Updated" line, then
    the date of the dateline ("BEIRUT, Dec 6 (Reuters) -"), then one in the title.
    """
    settings = _settings()
    labelled = re.compile(settings["published"], re.I)
    updated = re.compile(settings["updated"], re.I)
    short = [line for line in header if len(line) <= MAX_DATE_LINE_CHARS]
    ordered = (
        [line for line in short if labelled.search(line)]
        + [line for line in short if _is_date_line(line)]
        + [line for line in short if updated.search(line)]
    )
    for line in ordered:
        found = _full_date(line)
        if found:
            return found
    if dateline:
        found = _full_date(dateline) or _day_and_month(dateline, text)
        if found:
            return found
    return _full_date(title) if title else None


def is_date_line(line: str) -> bool:
    """Return True if a line is a date and little else ("December 5, 2024 at 2:47 p.m. EST")."""
    return len(line) <= MAX_DATE_LINE_CHARS and _is_date_line(line)


def _is_date_line(line: str) -> bool:
    match = _patterns()[0].search(line)
    if match is None:
        return False
    rest = line[: match.start()] + " " + line[match.end() :]
    return _FILLER.match(rest) is not None


def _full_date(line: str) -> str | None:
    match = _patterns()[0].search(line)
    if match is None:
        return None
    clock = match.group("t1") or match.group("t2")
    zone = match.group("z1") or match.group("z2")
    return _read(match.group("date"), clock, zone, None)


def _day_and_month(line: str, text: str) -> str | None:
    """Read "Dec 6" in the year the article's other dates point to (else the last year)."""
    match = _patterns()[1].search(line)
    if match is None:
        return None
    now = datetime.now()
    years = [int(y) for y in _YEARS.findall(text) if int(y) <= now.year]
    base = datetime(max(years), 12, 31, 23, 59) if years else now
    return _read(match.group("date"), None, None, base)


def _read(date: str, clock: str | None, zone: str | None, base: datetime | None) -> str | None:
    # Loaded only when a page gives a date; it ships no type information.
    import dateparser  # type: ignore[import-untyped]

    # "14.20" is a time the British way; dateparser reads "14:20".
    wording = date if clock is None else date + " " + _DOTTED_TIME.sub(r"\1:\2", clock)
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    parsed = dateparser.parse(wording, languages=["en"], settings=settings)
    if parsed is None:
        return None
    if clock is None:
        return parsed.date().isoformat()
    moment = parsed.replace(second=0, microsecond=0)
    offset = _offset(zone, moment)
    return (moment.replace(tzinfo=offset) if offset else moment).isoformat()


def _offset(zone: str | None, moment: datetime) -> timezone | ZoneInfo | None:
    if not zone:
        return None
    explicit = _OFFSET.fullmatch(zone.replace(" ", ""))
    if explicit:
        sign = -1 if explicit.group(1) == "-" else 1
        minutes = int(explicit.group(2)) * 60 + int(explicit.group(3) or 0)
        return timezone(sign * timedelta(minutes=minutes))
    value = _settings()["zones"].get(zone.upper())
    if value is None:
        return None
    if "/" in value:
        named = ZoneInfo(value)
        return timezone(named.utcoffset(moment) or timedelta(0))
    sign = -1 if value.startswith("-") else 1
    hours, minutes = value[1:].split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
