"""Real briefing files made for the tests and the benchmark: PDF, DOCX, HTML, e-mail.

No mocks: PDFs are drawn by Qt's QPdfWriter (a real text layer; a page that is only an
image for a scan), encrypted by pypdf's writer and cut for a truncated one; Word files
are written by python-docx. Qt is used here only to make files, never by the app's
ingest code.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REAL = Path(__file__).parent / "data" / "real"
# Points: A4 page, margins, body and title sizes, line spacing of body text.
PAGE_W, PAGE_H = 595, 842
MARGIN = 56
BODY_PT, TITLE_PT = 10, 18
LEADING = 1.35


def qt_app() -> object:
    """Return the running Qt application, making one if there is none (needed to draw)."""
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def write_pdf(
    path: Path, pages: Sequence[Sequence[str]], title: str | None = None, author: str = ""
) -> Path:
    """Draw ``pages`` of lines into a real PDF (blank lines leave a gap; ``title`` is large)."""
    qt_app()
    from PySide6.QtCore import QMarginsF, QPointF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setResolution(72)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    writer.setCreator(author or "tests")
    painter = QPainter(writer)
    body, big = QFont("DejaVu Serif"), QFont("DejaVu Serif")
    body.setPointSizeF(BODY_PT)
    big.setPointSizeF(TITLE_PT)
    big.setBold(True)
    try:
        for number, lines in enumerate(pages):
            if number:
                writer.newPage()
            y = float(MARGIN)
            for line in lines:
                size = TITLE_PT if title is not None and line == title else BODY_PT
                painter.setFont(big if size == TITLE_PT else body)
                y += size * LEADING
                if line.strip():
                    painter.drawText(QPointF(MARGIN, y), line)
    finally:
        painter.end()
    return path


def pdf_pages_from_text(text: str) -> list[list[str]]:
    """Return the pages of a text whose pages are separated by form feeds."""
    return [page.strip("\n").split("\n") for page in text.split("\f")]


def report_pdf(path: Path) -> Path:
    """Write the hand-labelled PDF report (107) as a real three-page PDF."""
    text = (REAL / "107_pdf_report.txt").read_text("utf-8")
    gold_title = "Collapse in the Centre: The Rebel Offensive and the Fraying of the Syrian State"
    return write_pdf(path, pdf_pages_from_text(text), title=gold_title)


def wrap(text: str, width: int) -> list[str]:
    """Return ``text`` wrapped at ``width`` characters (words are never cut)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def _prose() -> list[str]:
    """Return the body paragraphs of the hand-written test articles (real news prose)."""
    paragraphs: list[str] = []
    for article in sorted((REAL.parent / "articles").glob("*.txt")):
        paragraphs += [p for p in article.read_text("utf-8").splitlines() if len(p.split()) > 12]
    return paragraphs


def long_report_pages(count: int) -> Iterator[list[str]]:
    """Yield ``count`` pages of a report: running header, wrapped prose, page number.

    The prose is that of the test articles, over and over: a 300-page report.
    """
    prose = _prose()
    for number in range(1, count + 1):
        first, second = prose[(2 * number) % len(prose)], prose[(2 * number + 1) % len(prose)]
        width = 70 + number % 17  # as pages of a real report, no two pages alike
        yield [
            "Levant Monitor — Quarterly Review",
            "",
            *wrap(first, width),
            "",
            *wrap(second, width),
            "",
            f"Page {number} of {count}",
        ]


def long_report_pdf(path: Path, count: int = 300) -> Path:
    """Write a ``count``-page report PDF (header, prose and page number on every page)."""
    return write_pdf(path, list(long_report_pages(count)))


def scanned_pdf(path: Path) -> Path:
    """Write a PDF whose only page is an image of text (a scan: no text layer)."""
    qt_app()
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter

    image = QImage(800, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    drawing = QPainter(image)
    drawing.drawText(QPointF(20, 40), "Rebels reached the edge of Hama on Friday, residents said.")
    drawing.end()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawImage(QRectF(0, 0, writer.width(), writer.width() * 3 / 8), image)
    painter.end()
    return path


def encrypted_pdf(source: Path, path: Path, password: str = "secret") -> Path:
    """Write a copy of ``source`` that needs ``password`` to open (pypdf's writer, AES)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="AES-128")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def truncated(source: Path, path: Path, keep: float = 0.6) -> Path:
    """Write the first ``keep`` share of ``source``'s bytes (a download cut off)."""
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def docx_from_text(text: str, path: Path) -> Path:
    """Write a real .docx: '# ' lines become headings, '- ' lines bullets, others paragraphs."""
    from docx import Document

    document = Document()
    for line in text.splitlines():
        if line.startswith("# "):
            document.add_heading(line[2:], level=1)
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def memo_docx(path: Path) -> Path:
    """Write the hand-labelled Word memo (108) as a real .docx."""
    return docx_from_text((REAL / "108_docx_brief.txt").read_text("utf-8"), path)


def html_page(body: str, title: str = "Rebels reach Hama | Example News") -> str:
    """Return a whole page around ``body``: navigation, footer and a script, as sites have."""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta property='og:site_name' content='Example News'>"
        "<script>var tracking = {section: 'world'};</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<main><article>{body}</article></main>"
        "<footer><p>© 2024 Example News. All rights reserved.</p></footer></body></html>"
    )


def email_message(
    parts: Sequence[tuple[str, str]],
    attachments: Sequence[tuple[str, bytes]] = (),
    subject: str = "Syria brief",
) -> bytes:
    """Return an RFC 822 message with text ``parts`` ((subtype, text)) and attachments."""
    from email.message import EmailMessage
    from email.policy import SMTP

    message = EmailMessage()
    message["From"] = "Desk <desk@example.org>"
    message["To"] = "reader@example.org"
    message["Subject"] = subject
    message["Date"] = "Sat, 07 Dec 2024 06:42:15 +0200"
    for number, (subtype, text) in enumerate(parts):
        if number == 0:
            message.set_content(text, subtype=subtype)
        else:
            message.add_alternative(text, subtype=subtype)
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return message.as_bytes(policy=SMTP)
