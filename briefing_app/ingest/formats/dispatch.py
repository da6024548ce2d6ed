"""Any briefing to a :class:`ParsedDocument`: find its format, read it, parse its text."""

from __future__ import annotations

from briefing_app.domain.errors import InputFileError
from briefing_app.domain.parsed import ParsedDocument
from briefing_app.ingest.decode import decode
from briefing_app.ingest.formats.caps import check_text_size
from briefing_app.ingest.formats.detect import Kind, detect
from briefing_app.ingest.formats.extracted import (
    Cancelled,
    Extracted,
    Progress,
    check_cancelled,
)
from briefing_app.ingest.pipeline import parse_text


def read_any(
    data: bytes, name: str, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> ParsedDocument:
    """Parse a briefing of any format; raise InputFileError saying why one cannot be read.

    ``progress(done, total, what)`` hears of each page of a long document, and
    ``cancelled()`` is asked between pages (ImportCancelledError stops the read).
    """
    kind, notes = detect(data, name)
    if kind is Kind.TEXT:
        decoded = decode(data, name)
        return parse_text(decoded.text, name, decoded.encoding, notes + decoded.warnings)
    extracted = _extract(kind, data, name, progress, cancelled)
    check_cancelled(cancelled)
    return _parsed(extracted, name, notes)


def read_text(content: str, kind: Kind, name: str) -> ParsedDocument:
    """Parse a briefing given as text or as HTML markup (the clipboard, a drop)."""
    if not content.strip():
        raise InputFileError(f"{name} is empty: there is nothing to import.")
    if kind is Kind.HTML:
        from briefing_app.ingest.formats.html_text import read_html

        return _parsed(read_html(content, name), name, ())
    decoded = decode(content.encode("utf-8", "replace"), name)
    return parse_text(decoded.text, name, decoded.encoding, decoded.warnings)


def _extract(
    kind: Kind, data: bytes, name: str, progress: Progress | None, cancelled: Cancelled | None
) -> Extracted:
    """Run the format's reader (each is imported only when a file needs it)."""
    if kind is Kind.PDF:
        from briefing_app.ingest.formats.pdf_text import read_pdf

        return read_pdf(data, name, progress, cancelled)
    if kind is Kind.DOCX:
        from briefing_app.ingest.formats.docx_text import read_docx

        return read_docx(data, name)
    if kind is Kind.EMAIL:
        from briefing_app.ingest.formats.mail_text import read_email

        return read_email(data, name)
    from briefing_app.ingest.formats.html_text import read_html

    return read_html(data, name)


def _parsed(extracted: Extracted, name: str, notes: tuple[str, ...]) -> ParsedDocument:
    if not extracted.text.strip():
        raise InputFileError(f"{name} holds no text: there is nothing to import.")
    check_text_size(extracted.text, name)
    return parse_text(
        extracted.text, name, extracted.encoding, notes + extracted.warnings, page=extracted.page
    )
