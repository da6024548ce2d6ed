"""A briefing's details as the analyst types them, checked before anything is stored.

A title is needed; a date must be one the app can read (no guessing: "next
Tuesday" and "31/31/2024" are refused); a URL is a web address; a language is a
short code. A blank field means "not given". A field left as it is stored is
kept without checks, so details an import found are never refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from briefing_app.domain.errors import UsageError
from briefing_app.domain.library import DOCUMENT_FIELDS, DocumentEdit
from briefing_app.services.checks import checked_text

# What the dialog calls each field, for messages.
FIELD_NAMES = {
    "title": "title",
    "outlet": "outlet",
    "published": "date",
    "byline": "author",
    "url": "URL",
    "language": "language",
}
LONGEST = {"title": 500, "outlet": 200, "byline": 300, "url": 2000}
# Forms read besides those of formats.toml's [dates] ("Nov 30 2024", "30 Nov, 2024").
EXTRA_DATE_FORMATS = ("%b %d %Y", "%d %b, %Y", "%A %B %d %Y", "%A, %b %d, %Y")
DATE_FORMS = "2024-11-30, 30 November 2024 or Nov 30 2024"
EARLIEST_YEAR = 1900
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_MONTH_DOT = re.compile(r"\b([A-Za-z]{3,4})\.")


class DetailsError(UsageError):
    """A detail the analyst typed cannot be stored; ``field`` names it (a DocumentEdit field)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def checked_details(edit: DocumentEdit, current: DocumentEdit | None = None) -> DocumentEdit:
    """Return the details as they will be stored, or raise DetailsError for the first bad one.

    Text is trimmed (title, outlet and author to one line) and blank becomes None;
    a date becomes ISO 8601 and a language code gets its usual case ("en-GB").
    """
    checked: dict[str, str | None] = {}
    for name in DOCUMENT_FIELDS:
        value = getattr(edit, name)
        if current is not None and value == getattr(current, name):
            checked[name] = value
            continue
        checked[name] = _checked(name, value)
        if name == "title" and checked[name] is None:
            raise DetailsError("title", "The title is empty: a briefing needs a title.")
    return DocumentEdit(str(checked.pop("title")), **checked)


def _checked(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        text = checked_text(value)
    except UsageError as error:
        raise DetailsError(name, f"The {FIELD_NAMES[name]}: {error}") from error
    text = " ".join(text.split()) if name in ("title", "outlet", "byline") else text.strip()
    if not text:
        return None
    longest = LONGEST.get(name)
    if longest is not None and len(text) > longest:
        raise DetailsError(
            name,
            f"The {FIELD_NAMES[name]} is too long ({len(text):,} characters; at most {longest:,}).",
        )
    if name == "published":
        return published_date(text)
    if name == "url":
        return web_address(text)
    if name == "language":
        return language_code(text)
    return text


def published_date(text: str) -> str:
    """Return a publication date as ISO 8601 (a day, or a time with its offset).

    Raises:
        DetailsError: the date cannot be read, or is in the future or before 1900.
    """
    # Not at start-up: the window loads the dialog's module, not the import formats.
    from briefing_app.ingest.formats.dates import iso_moment, iso_text, parse_day

    moment: date | datetime | None
    if _ISO_MOMENT.match(text):
        moment = iso_text(text)
    else:
        cleaned = _MONTH_DOT.sub(r"\1", text).replace("Sept ", "Sep ")
        moment = parse_day(cleaned) or _extra_day(cleaned)
    if moment is None:
        raise DetailsError(
            "published",
            f"“{text}” is not a date Briefing reader can read: write it as {DATE_FORMS}, "
            "or leave it empty.",
        )
    day = moment.date() if isinstance(moment, datetime) else moment
    if day.year < EARLIEST_YEAR:
        raise DetailsError("published", f"The date {day.isoformat()} is too early: check the year.")
    if day > date.today() + timedelta(days=1):  # a day's grace for time zones
        raise DetailsError(
            "published", f"The date {day.isoformat()} is in the future: check the year."
        )
    return iso_moment(moment) if isinstance(moment, datetime) else moment.isoformat()


def _extra_day(text: str) -> date | None:
    cleaned = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", " ".join(text.split()).strip(" .,"))
    for form in EXTRA_DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, form).date()
        except ValueError:
            continue
    return None


def web_address(text: str) -> str:
    """Return ``text`` if it is an http or https address with a host.

    Raises:
        DetailsError: it is not (``javascript:``, ``file:``, a bare host name, spaces).
    """
    try:
        parts = urlsplit(text)
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a malformed host such as "http://[::1"
        ok = False
    if ok and any(character.isspace() for character in text):
        raise DetailsError(
            "url", f"“{text}” holds a space: a web address has none (it is written %20)."
        )
    if not ok:
        raise DetailsError(
            "url",
            f"“{text}” is not a web address: give one that starts with http:// or https:// "
            "(https://www.example.com/article), or leave it empty.",
        )
    return text


def language_code(text: str) -> str:
    """Return a language code in its usual case ("en", "en-GB", "zh-Hant-TW").

    Raises:
        DetailsError: ``text`` is not shaped like a code (a word, punctuation).
    """
    if len(text) > 35 or not _LANGUAGE.fullmatch(text):
        raise DetailsError(
            "language",
            f"“{text}” is not a language code: use a short code such as en, ar or en-GB, "
            "or leave it empty.",
        )
    first, *rest = text.split("-")
    return "-".join([first.lower(), *(_subtag(part) for part in rest)])


def _subtag(part: str) -> str:
    if len(part) == 2:
        return part.upper()  # a region: GB
    if len(part) == 4 and part.isalpha():
        return part.title()  # a script: Latn
    return part.lower()


def changed_fields(before: DocumentEdit, after: DocumentEdit) -> list[str]:
    """Return the names of the fields that differ, in the dialog's order."""
    return [name for name in DOCUMENT_FIELDS if getattr(before, name) != getattr(after, name)]
