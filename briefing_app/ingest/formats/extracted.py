"""What a format's reader hands to the text pipeline, and the hooks of a long read."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from briefing_app.domain.errors import BriefingError
from briefing_app.domain.parsed import PageMetadata
from briefing_app.ingest.config import load_toml

# (done, total, what is being done): called as a long read goes on.
Progress = Callable[[int, int, str], None]
# Returns True once the user has asked to stop.
Cancelled = Callable[[], bool]

_SPACE = re.compile(r"\s+")
# Characters that are never text: controls, soft hyphens, zero-width marks and the BOM.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u200b\u200c\u200d\u2060\ufeff]")


class ImportCancelledError(BriefingError):
    """The user stopped an import; nothing was stored."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled: nothing was imported.")


@dataclass(frozen=True, slots=True)
class Extracted:
    """A document's text, one paragraph per line, and what it says of itself."""

    text: str
    page: PageMetadata
    # How the text was read ("pdf", "utf-8", ...), stored with the document.
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = field(default=())


@cache
def format_rules(section: str) -> dict[str, Any]:
    """Return one section of ``resources/formats.toml``."""
    return dict(load_toml("formats.toml")[section])


@cache
def _ligatures() -> dict[int, str]:
    return str.maketrans(format_rules("text")["ligatures"])


def clean_paragraph(text: str) -> str:
    """Return one paragraph on one line: NFC, ligatures spelled out, white space collapsed."""
    text = unicodedata.normalize("NFC", text.translate(_ligatures()))
    return _SPACE.sub(" ", _INVISIBLE.sub(lambda m: " " if m.group() in "\t\n\r" else "", text))


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Return the text the pipeline reads: one paragraph a line, a blank line between.

    The blank line keeps the pipeline from taking consecutive paragraphs for one
    hard-wrapped paragraph; every non-empty line is still exactly one paragraph.
    """
    cleaned = (clean_paragraph(p).strip() for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def check_cancelled(cancelled: Cancelled | None) -> None:
    """Raise ImportCancelledError if the user asked to stop."""
    if cancelled is not None and cancelled():
        raise ImportCancelledError()
