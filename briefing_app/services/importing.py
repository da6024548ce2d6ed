"""The steps of an import: read and parse each briefing, then store them all in one go.

:meth:`Library.import_files` and :meth:`Library.import_text` are the doors; this module
keeps their work (progress, cancelling, the all-or-nothing write) out of the Library.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from briefing_app.domain.errors import InputFileError, UsageError
from briefing_app.domain.library import ImportResult
from briefing_app.domain.parsed import ParsedDocument
from briefing_app.ingest.formats.detect import Kind
from briefing_app.ingest.formats.dispatch import read_any, read_text
from briefing_app.ingest.formats.extracted import Cancelled, check_cancelled
from briefing_app.services.files import read_briefing
from briefing_app.store.store import Store

Progress = Callable[[int, int, str], None]
PASTED_KINDS = {"text": Kind.TEXT, "html": Kind.HTML}


def parse_file(
    path: Path,
    name: str,
    position: tuple[int, int],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ParsedDocument:
    """Read and parse the ``position[0]``-th of ``position[1]`` files; report its pages."""
    number, count = position
    check_cancelled(cancelled)
    if progress is not None:
        progress(number - 1, count, f"Reading {name}")
    return read_any(read_briefing(path), name, _pages(progress, name, number, count), cancelled)


def _pages(progress: Progress | None, name: str, number: int, count: int) -> Progress | None:
    """Return a progress callback for one file's pages that says which file it is."""
    if progress is None:
        return None
    which = f" (file {number} of {count})" if count > 1 else ""

    def report(done: int, total: int, what: str) -> None:
        progress(done, total, f"Reading {name}{which}: {what}")

    return report


def parse_pasted(content: str, kind: str, name: str, plain: str | None = None) -> ParsedDocument:
    """Parse a briefing given as text or HTML; HTML without an article falls back to ``plain``."""
    if kind not in PASTED_KINDS:
        raise UsageError(f"Cannot import {kind!r} content: give text or HTML.")
    try:
        return read_text(content, PASTED_KINDS[kind], name)
    except InputFileError:
        if PASTED_KINDS[kind] is not Kind.HTML or not (plain or "").strip():
            raise
    return read_text(plain or "", Kind.TEXT, name)


def store_parsed(
    store: Store,
    parsed: Sequence[ParsedDocument],
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    analyst: str | None = None,
) -> list[ImportResult]:
    """Store parsed briefings in one transaction; a cancel before the commit stores nothing."""
    count = len(parsed)

    def saved(number: int) -> None:
        check_cancelled(cancelled)  # raised inside the transaction: it rolls back
        if progress is not None and number < count:
            progress(number, count, f"Saving {parsed[number].file_name}")

    check_cancelled(cancelled)
    if progress is not None and parsed:
        progress(0, count, f"Saving {parsed[0].file_name}")
    stored = store.add_documents(parsed, saved, analyst)
    results = [
        ImportResult(
            file_name=document.file_name,
            document_id=document_id,
            title=document.title,
            claims=len(document.claims),
            already_present=present,
            warnings=document.warnings,
        )
        for document, (document_id, present) in zip(parsed, stored, strict=True)
    ]
    if progress is not None:
        progress(count, count, "Done")
    return results
