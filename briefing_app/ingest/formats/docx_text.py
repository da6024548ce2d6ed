"""A Word document (.docx): its paragraphs and tables in order, and its properties.

python-docx reads the body (page headers and footers, which repeat on every page,
are not part of it); the first paragraph in a title or heading style is the title.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from briefing_app.domain.errors import InputFileError
from briefing_app.domain.parsed import PageMetadata
from briefing_app.ingest.formats.dates import iso_moment, labelled_date, plausible
from briefing_app.ingest.formats.extracted import (
    Extracted,
    clean_paragraph,
    format_rules,
    join_paragraphs,
)

_DOCUMENT_PART = "word/document.xml"
MB = 1024 * 1024


def read_docx(data: bytes, name: str) -> Extracted:
    """Return a Word document's text and properties, or raise InputFileError saying why not."""
    from docx import Document
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    _check_size(data, name)
    try:
        document = Document(io.BytesIO(data))
        paragraphs = list(_paragraphs(document))
        properties = document.core_properties
    except (OpcError, LxmlError, zipfile.BadZipFile, KeyError, ValueError, zlib.error) as error:
        raise InputFileError(
            f"{name} is a damaged Word document ({' '.join(str(error).split())[:100]}): open "
            "it in Word and save it again, then import that."
        ) from error
    texts = [text for text, _style in paragraphs]
    title = _title(paragraphs, properties.title)
    if title is not None and texts and texts[0] == title:
        texts = texts[1:]
    author = _author(properties.author)
    page = PageMetadata(
        title=title,
        published=labelled_date(texts) or _created(properties.created, author),
        author=author,
        language=(properties.language or "").strip() or None,
    )
    return Extracted(join_paragraphs(texts), page, "docx")


def _check_size(data: bytes, name: str) -> None:
    """Refuse a document whose text part unpacks to more than the cap (a ZIP bomb)."""
    limit = int(format_rules("caps")["docx_xml"]) * MB
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = archive.getinfo(_DOCUMENT_PART).file_size
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as error:
        raise InputFileError(
            f"{name} is not a readable Word document ({error}): open it in Word and save it "
            "as .docx again."
        ) from error
    if size > limit:
        raise InputFileError(
            f"{name} holds {size / MB:.0f} MB of document text; Word documents over "
            f"{limit // MB} MB of text are refused. Split it."
        )


def _paragraphs(document: Any) -> Iterator[tuple[str, str]]:
    """Yield (text, style name) for each paragraph of the body, table cells included."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _table(block)
        else:
            yield from _paragraph(block)


def _paragraph(paragraph: Any) -> Iterator[tuple[str, str]]:
    text = clean_paragraph(paragraph.text).strip()
    if text:
        style = paragraph.style.name if paragraph.style is not None else ""
        yield text, style or ""


def _table(table: Any) -> Iterator[tuple[str, str]]:
    """Yield each cell's paragraphs once (a merged cell is listed once per grid column)."""
    from docx.table import Table

    seen: set[Any] = set()  # the cells' XML elements: python-docx shows merges only so
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            for block in cell.iter_inner_content():
                yield from _table(block) if isinstance(block, Table) else _paragraph(block)


def _title(paragraphs: list[tuple[str, str]], stated: str | None) -> str | None:
    """Return the document's title: its properties', else a title or heading at the top."""
    if stated and stated.strip():
        return " ".join(stated.split())
    if paragraphs and paragraphs[0][1] in format_rules("docx")["title_styles"]:
        return paragraphs[0][0]
    return None


def _author(value: str | None) -> str | None:
    author = " ".join((value or "").split())
    placeholders = {p.casefold() for p in format_rules("docx")["placeholder_authors"]}
    return None if not author or author.casefold() in placeholders else author


def _created(value: datetime | None, author: str | None) -> str | None:
    """Return when the document was created, unless its properties are a template's.

    A document whose author is a placeholder kept its template's properties, and
    the template's creation date with them.
    """
    if value is None or author is None or not plausible(value.date()):
        return None
    return iso_moment(value)
