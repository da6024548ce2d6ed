"""Which format a briefing is in: by its content first, by its file name second."""

from __future__ import annotations

import io
import re
import zipfile
from enum import StrEnum
from functools import cache

from briefing_app.domain.errors import InputFileError
from briefing_app.ingest.formats.extracted import format_rules


class Kind(StrEnum):
    """The formats a briefing can come in."""

    TEXT = "text"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"
    EMAIL = "email"


# What a user calls each format, in messages.
LABELS = {
    Kind.TEXT: "a text file",
    Kind.HTML: "a web page (HTML)",
    Kind.PDF: "a PDF",
    Kind.DOCX: "a Word document (DOCX)",
    Kind.EMAIL: "an e-mail",
}
EXTENSIONS = {
    ".txt": Kind.TEXT,
    ".text": Kind.TEXT,
    ".md": Kind.TEXT,
    ".markdown": Kind.TEXT,
    ".html": Kind.HTML,
    ".htm": Kind.HTML,
    ".xhtml": Kind.HTML,
    ".pdf": Kind.PDF,
    ".docx": Kind.DOCX,
    ".eml": Kind.EMAIL,
}
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RTF_MAGIC = b"{\\rtf"
_DOCX_PART = "word/document.xml"
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_ANY_TAG = re.compile(rb"<(?:p|div|br|span|a|h[1-6]|table|ul|ol|li|article|section)\b", re.I)
_HEADER = re.compile(rb"^([A-Za-z][A-Za-z0-9-]*):[ \t]*\S?")
_BOMS = (b"\xef\xbb\xbf",)


def kind_of_name(name: str) -> Kind | None:
    """Return the format a file name's extension stands for, if any."""
    dot = name.rfind(".")
    return EXTENSIONS.get(name[dot:].casefold()) if dot >= 0 else None


def head_size() -> int:
    """Return how many bytes from the start are enough to tell a format by its content."""
    return int(format_rules("detect")["head_bytes"])


def _head(data: bytes) -> bytes:
    head = data[: head_size()]
    for bom in _BOMS:
        head = head.removeprefix(bom)
    return head


@cache
def _email_fields() -> tuple[frozenset[str], frozenset[str]]:
    rules = format_rules("detect")
    return frozenset(rules["email_required"]), frozenset(rules["email_any"])


def looks_like_email(head: bytes) -> bool:
    """Return True when ``head`` opens with RFC 822 header fields (From:, Date:, ...)."""
    required, any_of = _email_fields()
    names: set[str] = set()
    for number, line in enumerate(head.replace(b"\r\n", b"\n").split(b"\n")):
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and number:
            continue  # a folded header line
        match = _HEADER.match(line)
        if match is None:
            if number == 0 and line.startswith(b"From "):  # an mbox separator line
                continue
            return False
        names.add(match.group(1).decode("ascii").casefold())
    return required <= names and bool(names & any_of)


def sniff(data: bytes) -> Kind | None:
    """Return the format the bytes themselves show, or None for (possibly) plain text."""
    head = _head(data)
    if _PDF_MAGIC in head[:1024]:
        return Kind.PDF
    if head.startswith(_ZIP_MAGIC):
        return Kind.DOCX
    if _HTML_START.match(head):
        return Kind.HTML
    if looks_like_email(head):
        return Kind.EMAIL
    return None


def _refuse_foreign(data: bytes, name: str) -> None:
    """Refuse formats that are recognised but not read, saying what to do instead."""
    head = _head(data)
    if head.startswith(_OLE_MAGIC):
        raise InputFileError(
            f"{name} is an old Microsoft Office file (Word .doc or Outlook .msg): "
            "save it as .docx (Word) or .eml (Outlook) and import that."
        )
    if head.startswith(_RTF_MAGIC):
        raise InputFileError(
            f"{name} is an RTF document: save it as .docx or .txt and import that."
        )


def _zip_names(data: bytes, name: str) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise InputFileError(
            f"{name} is a damaged ZIP archive, so not a readable Word document ({error}): "
            "open it in Word and save it again."
        ) from error


def _check_docx(data: bytes, name: str) -> None:
    names = _zip_names(data, name)
    if _DOCX_PART not in names:
        what = "an OpenDocument file" if "content.xml" in names else "not a Word document"
        if any(n.startswith("xl/") for n in names):
            what = "an Excel workbook"
        elif any(n.startswith("ppt/") for n in names):
            what = "a PowerPoint presentation"
        raise InputFileError(
            f"{name} is a ZIP archive but {what}: only Word documents (.docx) are read. "
            "Save it as .docx or .txt and import that."
        )


def detect(data: bytes, name: str) -> tuple[Kind, tuple[str, ...]]:
    """Return the format to read ``data`` as, and a note when it is not what the name says.

    The content decides when it is unmistakable (a PDF, a ZIP, a page, an e-mail); a
    name that promises a PDF or a Word document over other content is refused, since
    such a file is usually a failed download or a damaged copy.
    """
    _refuse_foreign(data, name)
    by_name = kind_of_name(name)
    by_content = sniff(data)
    if by_content is Kind.DOCX:
        _check_docx(data, name)
    if by_content is None and by_name in (Kind.PDF, Kind.DOCX):
        raise InputFileError(_not_what_it_says(name, by_name))
    if by_content is None and by_name is Kind.HTML and _ANY_TAG.search(_head(data)):
        by_content = Kind.HTML
    kind = by_content or Kind.TEXT
    if by_name is not None and kind is not by_name:
        if by_name in (Kind.PDF, Kind.DOCX):
            raise InputFileError(
                f"{name} is {LABELS[kind]}, not {LABELS[by_name]}: it may be a failed download "
                "or a damaged copy. Get the file again, or rename it if it is right."
            )
        return kind, (f"{name} is {LABELS[kind]}, not {LABELS[by_name]}; it was read as such.",)
    return kind, ()


def _not_what_it_says(name: str, kind: Kind) -> str:
    if kind is Kind.PDF:
        return (
            f"{name} is not a PDF (it does not start with %PDF-): it may be damaged or only "
            "partly downloaded. Get the file again."
        )
    return (
        f"{name} is not a Word document (a .docx file is a ZIP archive, and this one is not): "
        "it may be damaged, or an older format. Open it in Word and save it as .docx."
    )
