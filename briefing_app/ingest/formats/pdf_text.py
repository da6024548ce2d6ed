"""A PDF with a text layer: its lines, page by page, then paragraphs (see :mod:`reflow`).

pypdf reads the file (pure Python, no Qt below the ui layer). A scan without text, a
password-protected file and a damaged or cut-off file are refused with a message that
says what to do.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import Any

from briefing_app.domain.errors import InputFileError
from briefing_app.domain.parsed import PageMetadata
from briefing_app.ingest.formats.dates import iso_moment, labelled_date, plausible
from briefing_app.ingest.formats.extracted import (
    Cancelled,
    Extracted,
    Progress,
    check_cancelled,
    format_rules,
    join_paragraphs,
)
from briefing_app.ingest.formats.reflow import Line, reflow
from briefing_app.typing_compat import override

# A PDF ends with this marker; one that lacks it near its end was cut off.
_END_MARKER = b"%%EOF"
_END_WINDOW = 4096
_LETTER = re.compile(r"[^\W\d_]")


def _damage_errors() -> tuple[type[BaseException], ...]:
    """Return what pypdf raises on a damaged file.

    Beyond its own errors, pypdf lets Python's through on broken structures; they are
    expected for untrusted input and mean "damaged", not a bug of ours.
    """
    from pypdf.errors import PyPdfError

    return (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OverflowError,
        ZeroDivisionError,
        AssertionError,
        zlib.error,
        OSError,
        UnicodeError,
    )


def read_pdf(
    data: bytes, name: str, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> Extracted:
    """Return a PDF's text and metadata; report each page read, stop when cancelled."""
    if _END_MARKER not in data[-_END_WINDOW:]:
        raise InputFileError(
            f"{name} is incomplete (it stops before the end of the PDF): it was probably cut "
            "off while downloading or copying. Get the file again."
        )
    with _logged_by_pypdf() as logged:
        pages, info = _read(data, name, progress, cancelled)
    extracted = _extracted(pages, info, name)
    if logged:
        note = f"{name} is slightly damaged; it was repaired while reading ({logged[0]})."
        return replace(extracted, warnings=(*extracted.warnings, note))
    return extracted


def _read(
    data: bytes, name: str, progress: Progress | None, cancelled: Cancelled | None
) -> tuple[list[list[Line]], dict[str, Any]]:
    """Return the lines of every page and the document information."""
    reader = _open(data, name)
    try:
        count = len(reader.pages)
        limit = int(format_rules("caps")["pdf_pages"])
        if count > limit:
            raise InputFileError(
                f"{name} has {count:,} pages; PDFs over {limit:,} pages are refused. "
                "Split it, or export the chapters you need."
            )
        pages: list[list[Line]] = []
        for number, page in enumerate(reader.pages, start=1):
            check_cancelled(cancelled)
            if progress is not None:
                progress(number - 1, count, f"page {number} of {count}")
            pages.append(page_lines(page))
        info = _info(reader)
    except _damage_errors() as error:
        raise InputFileError(
            f"{name} is damaged and cannot be read ({_reason(error)}): open it in a PDF "
            "reader and save or print it to a new PDF, then import that."
        ) from error
    return pages, info


class _Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    @override
    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split())[:120])


@contextmanager
def _logged_by_pypdf() -> Iterator[list[str]]:
    """Collect what pypdf logs while it reads (repairs of a damaged file), not on stderr."""
    logger = logging.getLogger("pypdf")
    handler, propagate = _Collected(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _open(data: bytes, name: str) -> Any:
    """Return a reader over the file, unlocked when it has no password to open it."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("a password is needed")
    except (FileNotDecryptedError, DependencyError) as error:
        raise InputFileError(
            f"{name} is protected by a password: open it in a PDF reader with the password "
            "and save or print an unprotected copy, then import that."
        ) from error
    except _damage_errors() as error:
        raise InputFileError(
            f"{name} is damaged and cannot be read ({_reason(error)}): get the file again, "
            "or open it in a PDF reader and save a new copy."
        ) from error
    return reader


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split())[:120]
    return text or type(error).__name__


def page_lines(page: Any) -> list[Line]:
    """Return a page's lines in reading order, each with its height and font size."""
    lines: list[Line] = []
    parts: list[str] = []
    where: dict[str, float | None] = {"y": None, "size": 0.0}

    def end_line() -> None:
        text = "".join(parts).strip()
        if text:
            lines.append(Line(text, where["y"], where["size"] or 0.0))
        parts.clear()
        where["y"], where["size"] = None, 0.0

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        # The text's origin and vertical scale on the page: the text matrix times the CTM.
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = ((tm[2] * cm[0] + tm[3] * cm[2]) ** 2 + (tm[2] * cm[1] + tm[3] * cm[3]) ** 2) ** 0.5
        for number, piece in enumerate(text.split("\n")):
            if number:
                end_line()
            if piece.strip():
                if where["y"] is None:
                    where["y"] = y
                where["size"] = max(where["size"] or 0.0, size * scale)
            parts.append(piece)

    page.extract_text(visitor_text=visit)
    end_line()
    return lines


def _info(reader: Any) -> dict[str, Any]:
    """Return what the PDF's document information says: title, author, creation time."""
    meta = reader.metadata or {}
    root = reader.trailer.get("/Root")
    language = root.get_object().get("/Lang") if root is not None else None
    return {
        "title": getattr(meta, "title", None),
        "author": getattr(meta, "author", None),
        "created": getattr(meta, "creation_date", None),
        "language": str(language) if language else None,
    }


def _extracted(pages: list[list[Line]], info: dict[str, Any], name: str) -> Extracted:
    letters = [sum(len(_LETTER.findall(line.text)) for line in page) for page in pages]
    minimum = int(format_rules("pdf")["min_letters_per_page"])
    if sum(letters) < minimum * max(len(pages), 1):
        raise InputFileError(
            f"{name} has no text layer (it is a scan, or made of images): run it through "
            "text recognition (OCR, e.g. ocrmypdf) and import the result."
        )
    warnings: tuple[str, ...] = ()
    blank = [str(number) for number, count in enumerate(letters, start=1) if count == 0]
    if blank:
        warnings = (f"{name}: page(s) {', '.join(blank[:10])} hold no text (images?).",)
    flowed = reflow(pages)
    page = PageMetadata(
        title=flowed.title or _stated_title(info["title"]),
        published=labelled_date(flowed.paragraphs) or _created(info["created"]),
        author=_text(info["author"]),
        language=info["language"],
    )
    return Extracted(join_paragraphs(flowed.paragraphs), page, "pdf", warnings)


def _text(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _stated_title(value: object) -> str | None:
    """Return the title in the PDF's metadata unless it is a file name or a placeholder."""
    title = _text(value)
    junk = format_rules("pdf")["junk_title"]
    if title is None or any(re.search(pattern, title) for pattern in junk):
        return None
    return title


def _created(value: object) -> str | None:
    if isinstance(value, datetime) and plausible(value.date()):
        return iso_moment(value)
    return None
