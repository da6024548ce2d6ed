"""The PDF report: the HTML report laid out by Qt's rich text engine on A4 pages.

No browser: ``QTextDocument`` reads the report's HTML with the CSS media
"print" (a page per theme, no backgrounds) and prints it to a ``QPdfWriter``.
The file is written as every export is: never over the library or a
database, through a temporary file renamed into place.

Unlike the other formats, the PDF is laid out whole in memory, so a report
larger than ``MAX_HTML_CHARS`` is refused with a hint to export less.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from briefing_app.domain.errors import UsageError
from briefing_app.domain.library import ExportScope
from briefing_app.services.export import write_export_file
from briefing_app.services.export_html import write_html
from briefing_app.services.export_scope import describe_scope
from briefing_app.services.export_target import check_export_target
from briefing_app.services.export_words import REPORT_TITLE
from briefing_app.services.library import Library

# Left, top, right, bottom, in millimetres. QTextDocument.print_ adds 2 cm inside
# them (and the page number in the bottom one).
MARGINS_MM = QMarginsF(0, 0, 0, 0)
RESOLUTION_DPI = 300
# About 2,000 pages of report; beyond that Qt's layout takes minutes and gigabytes.
MAX_HTML_CHARS = 8_000_000


class _CappedText(io.StringIO):
    """A text buffer that refuses to grow past ``MAX_HTML_CHARS``."""

    def write(self, text: str) -> int:
        """Add ``text``, or raise UsageError once the report is too large for a PDF."""
        if self.tell() + len(text) > MAX_HTML_CHARS:
            raise UsageError(
                f"This report is too large for a PDF (over {MAX_HTML_CHARS:,} characters of "
                "HTML): export a theme, a document or a search instead, or use the HTML "
                "format and print it."
            )
        return super().write(text)


def report_html(library: Library, scope: ExportScope, now: datetime | None = None) -> str:
    """Return the HTML report of ``scope``, refusing one too large to lay out as a PDF."""
    out = _CappedText()
    write_html(library, out, scope, now)
    return out.getvalue()


def pdf_bytes(html: str, title: str = REPORT_TITLE) -> bytes:
    """Return ``html`` laid out on A4 pages as a PDF (needs a QGuiApplication)."""
    document = QTextDocument()
    document.setMetaInformation(QTextDocument.MetaInformation.CssMedia, "print")
    document.setHtml(html)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Briefing reader")
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    document.print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())


def write_pdf(
    library: Library,
    target: Path,
    library_path: Path | None,
    scope: ExportScope | None = None,
    now: datetime | None = None,
) -> Path:
    """Write the PDF report of ``scope`` to ``target``, whole or not at all; return the path.

    Raises:
        UsageError: the target is not safe to replace, the report is too large
            for a PDF, or writing failed (the old target is then untouched).
    """
    scope = scope or ExportScope()
    check_export_target(target, library_path)  # before the work, not only after it
    with gui_application():  # the command line has none running: Qt lays the report out
        data = pdf_bytes(
            report_html(library, scope, now), f"{REPORT_TITLE}: {describe_scope(library, scope)}"
        )

    def write(stream: TextIO) -> None:
        stream.flush()  # nothing was written as text: the bytes go straight to the file
        stream.buffer.write(data)

    return write_export_file(target, library_path, write)


@contextmanager
def gui_application() -> Iterator[QGuiApplication]:
    """Yield the running Qt application, or start a QGuiApplication for the command line.

    Without a display (no $DISPLAY or $WAYLAND_DISPLAY) it uses the "offscreen"
    platform unless $QT_QPA_PLATFORM says otherwise: a PDF needs fonts, not a screen.
    """
    running = QGuiApplication.instance()
    if isinstance(running, QGuiApplication):
        yield running
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication(sys.argv[:1])
    try:
        yield app
    finally:
        app.shutdown()
