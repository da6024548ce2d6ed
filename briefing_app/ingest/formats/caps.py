"""How large a file of each format may be, and what the user is told when it is larger."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.domain.errors import InputFileError
from briefing_app.ingest.formats.detect import Kind, kind_of_name, sniff
from briefing_app.ingest.formats.extracted import format_rules

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Cap:
    """The largest file of a format, what such files are called, and what to do instead."""

    limit: int
    noun: str
    advice: str


_WORDS = {
    Kind.TEXT: ("briefings", "Split it into articles."),
    Kind.HTML: (
        "web pages",
        'Save the page again as "Web page, HTML only", or copy the article\'s text.',
    ),
    Kind.PDF: ("PDF files", "Split it, or export the pages you need."),
    Kind.DOCX: ("Word documents", "Save a copy without images, or as plain text."),
    Kind.EMAIL: ("e-mails", "Save the message without its attachments."),
}


def cap_for(kind: Kind) -> Cap:
    """Return the size cap of a format (``resources/formats.toml``, section ``caps``)."""
    noun, advice = _WORDS[kind]
    return Cap(int(format_rules("caps")[kind.value]) * MB, noun, advice)


def largest_cap() -> int:
    """Return the largest cap of any format, in bytes."""
    return max(cap_for(kind).limit for kind in Kind)


def kind_for_cap(head: bytes, name: str) -> Kind:
    """Return the format whose cap applies, from a file's first bytes and its name."""
    return sniff(head) or kind_of_name(name) or Kind.TEXT


def too_large(name: str, kind: Kind, size: int | None) -> InputFileError:
    """Return the error for a file over its format's cap (``size`` None: it kept growing)."""
    cap = cap_for(kind)
    limit = f"{cap.limit // MB} MB"
    said = f"is over {limit}" if size is None else f"is {size / MB:.1f} MB"
    return InputFileError(f"{name} {said}; {cap.noun} over {limit} are refused. {cap.advice}")


def check_text_size(text: str, name: str) -> None:
    """Refuse extracted text over the cap of a text briefing."""
    limit = int(format_rules("caps")["extracted_text"]) * MB
    size = len(text.encode("utf-8"))
    if size > limit:
        raise InputFileError(
            f"{name} holds {size / MB:.1f} MB of text; briefings over {limit // MB} MB of text "
            "are refused. Split it into parts."
        )
