"""Dates a document gives for itself, as ISO 8601."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache

from briefing_app.ingest.formats.extracted import format_rules

# Dates before this year, or after the present, are a tool's placeholder, not a briefing's.
EARLIEST_YEAR = 1990


@cache
def _label() -> re.Pattern[str]:
    return re.compile(format_rules("dates")["label"], re.IGNORECASE)


def parse_day(text: str) -> date | None:
    """Return the date written in ``text`` ("7 December 2024", "December 7, 2024"), if any."""
    cleaned = " ".join(text.replace("\u00a0", " ").split()).strip(" .,")
    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", cleaned)
    for form in format_rules("dates")["formats"]:
        try:
            return datetime.strptime(cleaned, form).date()
        except ValueError:
            continue
    return None


def labelled_date(lines: Iterable[str]) -> str | None:
    """Return the ISO date of a "Published 7 December 2024" or "Date: ..." line near the top."""
    within = int(format_rules("dates")["within_first"])
    for number, line in enumerate(lines):
        if number >= within:
            break
        match = _label().match(line.strip())
        day = parse_day(match.group("date")) if match else None
        if day is not None and plausible(day):
            return day.isoformat()
    return None


def plausible(moment: date) -> bool:
    """Return True for a date a briefing can have: not a placeholder, not in the future."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return day.year >= EARLIEST_YEAR and day <= date.today()


def iso_moment(moment: datetime) -> str:
    """Return a time as ISO 8601 to the second, with its offset when it has one."""
    return moment.replace(microsecond=0).isoformat()


def iso_text(value: str) -> datetime | None:
    """Return the time an ISO 8601 string gives ("2024-12-07T10:41:07Z"), or None."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
