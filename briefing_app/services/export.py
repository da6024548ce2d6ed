"""Export the library as JSON (the ``briefing-app/1`` contract), Markdown, CSV or HTML.

An export holds a scope (:class:`~briefing_app.domain.library.ExportScope`):
the whole library (the default), the current view or a selection. Every format
is written to a text stream as the library is read, a page of claims at a time
(:mod:`briefing_app.services.export_pages`): exporting a large library takes
no more memory than a small one. A file is written through a temporary sibling
and renamed into place, after checking that it is not the library, a backup or
any database (:mod:`briefing_app.services.export_target`). The PDF report is
the HTML report laid out by Qt, so the ui layer writes it
(``briefing_app.ui.reports.pdf``), through :func:`write_export_file`.
"""

from __future__ import annotations

import errno
import io
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from briefing_app.domain.errors import UsageError
from briefing_app.domain.library import Claim, DocumentInfo, ExportScope, Note
from briefing_app.services.atomic_write import replacing
from briefing_app.services.export_formats import ALL_FORMATS, FORMATS, PDF
from briefing_app.services.export_html import write_html
from briefing_app.services.export_report import write_csv, write_markdown
from briefing_app.services.export_scope import ScopedClaims, scope_json
from briefing_app.services.export_target import check_export_target
from briefing_app.services.export_words import export_time, iso_stamp
from briefing_app.services.library import Library

JSON_FORMAT = "briefing-app/1"
__all__ = ["ALL_FORMATS", "FORMATS", "JSON_FORMAT", "PDF", "export_to_file", "export_to_stream"]


def note_json(note: Note) -> dict[str, Any]:
    """Return a note as the JSON contract shapes it."""
    return {
        "id": note.id,
        "body": note.body,
        "created": note.created.isoformat(timespec="seconds") + "Z",
        "updated": note.updated.isoformat(timespec="seconds") + "Z",
        "analyst": note.analyst,  # who wrote the text (null: not recorded)
    }


def claim_json(claim: Claim, notes: list[Note]) -> dict[str, Any]:
    """Return a claim as the JSON contract shapes it."""
    return {
        "id": claim.id,
        "text": claim.text,
        "paragraph": claim.paragraph,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "prefix": claim.prefix,
        "suffix": claim.suffix,
        "themes": [
            {"key": t.key, "primary": t.is_primary, "origin": t.origin, "why": t.why}
            for t in claim.themes
        ],
        "attribution": claim.attribution,
        "hedges": list(claim.hedges),
        "entities": list(claim.entities),
        "reliability": claim.reliability,
        "credibility": claim.credibility,
        "notes": [note_json(n) for n in notes],
    }


def export_to_stream(
    library: Library,
    fmt: str,
    stream: TextIO,
    scope: ExportScope | None = None,
    now: datetime | None = None,
) -> None:
    """Write ``scope`` (default: the whole library) in ``fmt`` (one of FORMATS) to ``stream``.

    ``now`` is the export time the JSON, Markdown and HTML state (default: now,
    or $SOURCE_DATE_EPOCH).
    """
    scope = scope or ExportScope()
    if fmt == "json":
        _write_json(stream, _lazy_export(library, scope, now), 0)
        stream.write("\n")
    elif fmt == "csv":
        write_csv(library, stream, scope)
    elif fmt == "md":
        write_markdown(library, stream, scope, now)
    elif fmt == "html":
        write_html(library, stream, scope, now)
    elif fmt == PDF:
        raise UsageError("A PDF is written with the window or 'briefing-app export -o FILE'.")
    else:
        raise UsageError(f"There is no export format {fmt!r}: use one of {', '.join(FORMATS)}.")


def export_to_file(
    library: Library,
    fmt: str,
    target: Path,
    library_path: Path | None,
    scope: ExportScope | None = None,
    now: datetime | None = None,
) -> Path:
    """Export ``scope`` (default: the whole library) to ``target`` whole or not at all.

    Returns the path written. ``library_path`` is the library file, which the export
    never replaces (None: the library is on a server).

    Raises:
        UsageError: the target is not safe to replace (see
            :func:`~briefing_app.services.export_target.check_export_target`),
            or writing failed (a full disk...): the old target is then untouched.
    """
    return write_export_file(
        target, library_path, lambda stream: export_to_stream(library, fmt, stream, scope, now)
    )


def write_export_file(
    target: Path, library_path: Path | None, write: Callable[[TextIO], None]
) -> Path:
    """Replace ``target`` with what ``write`` writes, whole or not at all; return the real path.

    ``write`` gets a UTF-8 text stream (its ``buffer`` takes bytes, after a flush).

    Raises:
        UsageError: the target is not safe to replace, or writing failed: the
            old target is then untouched.
    """
    real = check_export_target(target, library_path)
    try:
        with replacing(real) as stream:
            write(stream)
            # The target may have changed while the export was written.
            check_export_target(target, library_path)
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            reason = f"the disk is full ({reason}); free some space and export again"
        raise UsageError(f"Cannot write {target}: {reason}. Nothing was written.") from error
    return real


def render(
    library: Library, fmt: str, scope: ExportScope | None = None, now: datetime | None = None
) -> str:
    """Return the whole export as one string (for small libraries and tests only)."""
    out = io.StringIO(newline="")
    export_to_stream(library, fmt, out, scope, now)
    return out.getvalue()


def _lazy_export(library: Library, scope: ExportScope, now: datetime | None) -> dict[str, Any]:
    """Return the ``briefing-app/1`` structure, its long lists as iterators.

    The whole library lists every document and the library's theme counts; a
    narrower scope lists the documents it holds claims of, only those claims,
    and counts the themes over them.
    """
    scoped = ScopedClaims(library, scope)
    if scope.kind == "library":
        counts = [(tc.theme, tc.count) for tc in library.theme_counts()]
        infos: Iterable[DocumentInfo] = library.documents()
    else:
        summary = scoped.summary()
        counts = [(theme, summary.filed[theme.key]) for theme in scoped.themes]
        infos = [tally.info for tally in summary.documents.values()]
    return {
        "format": JSON_FORMAT,
        "themes": [{"key": t.key, "label": t.label, "count": n} for t, n in counts],
        "documents": (_document_json(library, scoped, info) for info in infos),
        "exported": iso_stamp(export_time(now)),
        "scope": scope_json(library, scope),
    }


def _document_json(library: Library, scoped: ScopedClaims, info: DocumentInfo) -> dict[str, Any]:
    document = library.document_text(info.id)
    claims = scoped.document_claims(info.id)
    return {
        "id": info.id,
        "title": info.title,
        "outlet": info.outlet,
        "published": info.published,
        "sha256": info.sha256,
        "text": document.text,
        "boilerplate": [
            document.text[p.start : p.end] for p in document.paragraphs if p.kind == "boilerplate"
        ],
        "claims": ({**claim_json(c, []), "notes": map(note_json, n)} for c, n in claims),
        "byline": info.byline,
        "url": info.url,
        "language": info.language,
        "scope": {"in": info.scope_note is None, "why": info.scope_note},
    }


def _dumps(value: object, depth: int) -> str:
    """Return ``value`` as ``json.dumps(indent=2)`` writes it when nested ``depth`` levels deep."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)


def _write_json(out: TextIO, value: object, depth: int) -> None:
    """Write ``value`` exactly as ``json.dumps(value, ensure_ascii=False, indent=2)`` would.

    Dicts are written key by key and iterators as lists, item by item, so a
    list given as an iterator is never held whole in memory.
    """
    if isinstance(value, dict) and value:
        _write_items(out, ((_dumps(k, 0) + ": ", v) for k, v in value.items()), "{}", depth)
    elif isinstance(value, Iterator):
        _write_items(out, (("", item) for item in value), "[]", depth)
    else:
        out.write(_dumps(value, depth))


def _write_items(
    out: TextIO, items: Iterable[tuple[str, object]], brackets: str, depth: int
) -> None:
    """Write a dict's ``"key": value`` items or a list's items, one per line, or empty brackets."""
    inner = "\n" + "  " * (depth + 1)
    empty = True
    for key, item in items:
        out.write((brackets[0] if empty else ",") + inner + key)
        _write_json(out, item, depth + 1)
        empty = False
    out.write(brackets if empty else "\n" + "  " * depth + brackets[1])
