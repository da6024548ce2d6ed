"""An e-mail (.eml, RFC 822): its headers as metadata, its text part as the body.

The standard library's parser (``policy.default``) decodes headers (RFC 2047) and
bodies (quoted-printable, base64, charsets). The plain part is preferred; its wrapped
lines are joined back into paragraphs and the signature ("-- ") is left out. A
message with only an HTML part goes through the web page reader.
"""

from __future__ import annotations

import email
import re
from email import policy
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.headerregistry import Address
from email.message import EmailMessage
from functools import cache
from typing import Any

from briefing_app.domain.errors import InputFileError
from briefing_app.domain.parsed import PageMetadata
from briefing_app.ingest.formats.dates import iso_moment, plausible
from briefing_app.ingest.formats.extracted import Extracted, format_rules, join_paragraphs
from briefing_app.ingest.formats.html_text import read_html

_SIGNATURE = re.compile(r"^-- ?$")
_BROKEN_AT_HYPHEN = re.compile(r"[^\W\d_]-$")
# Plain text wrapped wider than this is not wrapped: each line is a paragraph.
MAX_WRAP = 100
# A wrapped line falls short of the wrap width by at most about one long word.
WRAP_SLACK = 16


def read_email(data: bytes, name: str) -> Extracted:
    """Return an e-mail's body text and what its headers say, or raise InputFileError."""
    message = email.message_from_bytes(data, policy=policy.default)
    if not isinstance(message, EmailMessage):  # pragma: no cover - policy.default makes one
        raise InputFileError(f"{name} is not an e-mail message.")
    page = _page(message)
    body = message.get_body(preferencelist=("plain", "html"))
    if not isinstance(body, EmailMessage):
        raise InputFileError(_no_body(message, name))
    content = _content(body)
    if not content.strip():
        raise InputFileError(_no_body(message, name))
    if body.get_content_subtype() == "html":
        read = read_html(content, name)
        return Extracted(read.text, page, "email", read.warnings)
    flowed = str(body.get_param("format") or "").casefold() == "flowed"
    return Extracted(join_paragraphs(plain_paragraphs(content, flowed)), page, "email")


def _no_body(message: EmailMessage, name: str) -> str:
    attached = [
        part.get_filename() or part.get_content_type() for part in message.iter_attachments()
    ]
    if attached:
        listed = ", ".join(str(a) for a in attached[:5])
        return (
            f"{name} holds no message text, only attachments ({listed}): save the attachment "
            "and import it."
        )
    return f"{name} holds no message text: there is nothing to import."


def _content(part: EmailMessage) -> str:
    """Return a text part decoded; an unknown or wrong charset is read as UTF-8, replaced."""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _header(message: EmailMessage, name: str) -> Any:
    """Return a header's parsed value; a malformed one is as good as absent."""
    try:
        return message[name]
    except (ValueError, TypeError, IndexError):
        return None


def _page(message: EmailMessage) -> PageMetadata:
    subject = _header(message, "subject")
    sender = _sender(_header(message, "from"))
    organisation = " ".join(str(_header(message, "organization") or "").split())
    return PageMetadata(
        title=(" ".join(str(subject).split()) or None) if subject else None,
        outlet=organisation or (_organisation(sender, _display(message)) if sender else None),
        published=_date(_header(message, "date")),
        author=(sender.display_name or None) if sender else None,
        language=str(_header(message, "content-language") or "").strip() or None,
    )


def _sender(header: Any) -> Address | None:
    addresses = getattr(header, "addresses", ())
    return addresses[0] if addresses else None


@cache
def _org_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in format_rules("email")["display_org"])


def _display(message: EmailMessage) -> str:
    """Return the From header's display part as written, comments included ("Jane (ICG)").

    The parsed address drops comments, where senders often put their organisation.
    """
    raw = next((str(v) for k, v in message.raw_items() if k.casefold() == "from"), "")
    if "<" not in raw:
        return ""
    try:
        shown = str(make_header(decode_header(raw.split("<", 1)[0])))
    except (HeaderParseError, LookupError, UnicodeError, ValueError):
        return ""
    return " ".join(shown.replace('"', " ").split())


def _organisation(sender: Address, display: str) -> str | None:
    """Return the sender's organisation: named in the display name, else the mail domain."""
    for pattern in _org_patterns():
        match = pattern.search(display or sender.display_name or "")
        if match:
            return " ".join(match.group("org").split())
    domain = (sender.domain or "").casefold()
    rules = format_rules("email")
    if not domain or domain in rules["free_mail"]:
        return None
    for prefix in rules["domain_prefixes"]:
        domain = domain.removeprefix(prefix)
    return domain or None


def _date(header: Any) -> str | None:
    moment = getattr(header, "datetime", None)
    if moment is None or not plausible(moment.date()):
        return None
    return iso_moment(moment)


@cache
def _list_item() -> re.Pattern[str]:
    return re.compile(format_rules("email")["list_item"])


def plain_paragraphs(content: str, flowed: bool = False) -> list[str]:
    """Return the paragraphs of a plain-text body: wrapped lines joined, signature left out.

    Blank lines separate paragraphs; inside a block, a line goes on the previous one when
    that one was wrapped (as long as the wrap width, or ending in a space in
    ``format=flowed``) and does not open a list item.
    """
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = next((i for i, line in enumerate(lines) if _SIGNATURE.match(line)), len(lines))
    lines = lines[:cut]
    width = max((len(line.rstrip()) for line in lines), default=0)
    paragraphs: list[str] = []
    previous = ""
    for line in lines:
        text = line.strip()
        if not text:
            previous = ""
            continue
        wrapped = previous.endswith(" ") if flowed else _full(previous, width)
        if previous and wrapped and not _list_item().match(line):
            # Mail clients wrap at spaces, and sometimes after a hyphen ("Druze-" "majority").
            joiner = "" if _BROKEN_AT_HYPHEN.search(paragraphs[-1]) else " "
            paragraphs[-1] = paragraphs[-1] + joiner + text
        else:
            paragraphs.append(text)
        previous = line
    return paragraphs


def _full(line: str, width: int) -> bool:
    """Return True for a line that reaches the wrap width (the next one goes on with it)."""
    return width <= MAX_WRAP and len(line.rstrip()) >= width - WRAP_SLACK
