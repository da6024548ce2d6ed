"""The CSV, Markdown and HTML exports: written as read, with every cell and line escaped.

Text in the library (notes above all, but also claims, titles, outlets and
attributions, which come from imported files) is data, never markup: a CSV
cell cannot start a spreadsheet formula, and Markdown or HTML cannot gain a
heading, list, link, image, raw HTML, emphasis, code or table from it.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from briefing_app.domain.library import Claim, ClaimFilter, Note
from briefing_app.services.export_pages import claims_with_notes
from briefing_app.services.library import Library

CSV_COLUMNS = (
    "document",
    "outlet",
    "claim_id",
    "paragraph",
    "sentence",
    "text",
    "primary_theme",
    "themes",
    "attribution",
    "hedges",
    "entities",
    "reliability",
    "credibility",
    "notes",
)
# OWASP's list of characters that make a spreadsheet read a cell as a formula,
# and their full-width forms, which some spreadsheets also accept.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# Characters Markdown (CommonMark, GFM and common extensions) may read as markup
# anywhere in a line; ``&``, ``<`` and ``>`` become entities instead.
_MD_INLINE = str.maketrans(
    {c: "\\" + c for c in "\\`*_[]|~$"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
)
# What may start a block at the beginning of a line: a heading, a list item, a
# setext underline or a thematic break, a definition.
_MD_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([#+=:-])")
_MD_INDENT = re.compile(r"^[ \t]+")
_MD_LINE_BREAK = re.compile(r"\r\n|\r|\n")
UNFILED = "Unfiled"


def csv_cell(value: str) -> str:
    """Return a text cell that a spreadsheet shows as text, never runs as a formula (OWASP)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_csv(library: Library, out: TextIO) -> None:
    """Write one row per claim, in document order, notes joined in the last column."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for claim, notes in claims_with_notes(library):
        cells: list[str | int] = [
            claim.document_title,
            claim.outlet or "",
            claim.id,
            claim.paragraph,
            claim.sentence,
            claim.text,
            _primary(claim),
            ";".join(t.key for t in claim.themes),
            claim.attribution or "",
            ";".join(claim.hedges),
            ";".join(claim.entities),
            claim.reliability,
            claim.credibility,
        ]
        cells = [csv_cell(c) if isinstance(c, str) else c for c in cells]
        if isinstance(notes, list):
            writer.writerow([*cells, csv_cell("\n\n".join(n.body for n in notes))])
        else:
            _write_long_row(out, cells, notes)


def _write_long_row(out: TextIO, cells: list[str | int], notes: Iterable[Note]) -> None:
    """Write a row whose notes are read a page at a time, the notes cell as it is read.

    Many notes are joined by blank lines, so the csv module would quote the
    cell: it is written quoted, its quotes doubled, byte for byte the same.
    """
    start = io.StringIO()
    csv.writer(start, lineterminator="").writerow([*cells, ""])
    out.write(start.getvalue() + '"')
    for number, note in enumerate(notes):
        body = note.body if number else csv_cell(note.body)
        out.write(("\n\n" if number else "") + body.replace('"', '""'))
    out.write('"\r\n')


def _primary(claim: Claim) -> str:
    primary = claim.primary_theme
    return primary.key if primary else ""


def _md_line(line: str) -> str:
    """Return one line of text escaped so that Markdown shows it as it is."""
    indent = _MD_INDENT.match(line)
    lead = indent.group() if indent else ""
    # An entity is not indentation: the line keeps its look and cannot become code.
    spaces = "".join("&#9;" if c == "\t" else "&#32;" for c in lead)
    body = line[len(lead) :].translate(_MD_INLINE)
    return spaces + _MD_BLOCK_START.sub(_escape_block, body, count=1)


def _escape_block(match: re.Match[str]) -> str:
    if match.group(3):
        return "\\" + match.group(3)
    return match.group(1) + "\\" + match.group(2)


def md_text(text: str) -> str:
    """Return text for inside one Markdown line: escaped, its line breaks made spaces."""
    return _md_line(_MD_LINE_BREAK.sub(" ", text))


def md_quote(text: str, indent: str) -> Iterator[str]:
    """Yield the lines of a block quote holding ``text`` exactly, line breaks included."""
    lines = _MD_LINE_BREAK.split(text)
    for index, line in enumerate(lines):
        if not line.strip():
            yield f"{indent}>\n"
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        # A backslash at the end of a line is a hard break: the note keeps its lines.
        hard_break = "\\" if following.strip() else ""
        yield f"{indent}> {_md_line(line)}{hard_break}\n"


def _source(claim: Claim) -> str:
    return claim.attribution or "reporter's own assertion"


def _members(library: Library) -> Iterator[tuple[str, int, Iterator[tuple[Claim, Iterable[Note]]]]]:
    """Yield each theme's label, claim count and claims (read as they are written).

    Claims filed under no theme come last, so that no claim or note is left out.
    """
    groups = [(t.label, ClaimFilter(theme=t.key)) for t in library.themes()]
    unfiled = ClaimFilter(unfiled=True)
    if library.count(unfiled):
        groups.append((UNFILED, unfiled))
    for label, claim_filter in groups:
        yield label, library.count(claim_filter), claims_with_notes(library, claim_filter)


def write_markdown(library: Library, out: TextIO) -> None:
    """Write the claims grouped by theme, each with its source line and quoted notes."""
    out.write("# Briefing reader export\n")
    for label, count, members in _members(library):
        out.write(f"\n## {md_text(label)} ({count})\n\n")
        for claim, notes in members:
            out.write(
                f"- ¶{claim.paragraph} {md_text(claim.text)}  \n"
                f"  *{md_text(claim.outlet or 'unknown outlet')}; {md_text(_source(claim))}; "
                f"graded {md_text(claim.reliability)}{claim.credibility}*\n"
            )
            for number, note in enumerate(notes):
                # A blank line between two notes: each is a block quote of its own.
                out.write("\n" if number else "")
                out.writelines(md_quote(note.body, "  "))


def write_html(library: Library, out: TextIO) -> None:
    """Write the claims grouped by theme as one HTML page, every text escaped."""
    e = html.escape
    out.write("<!doctype html><meta charset='utf-8'><title>Briefing reader export</title>")
    out.write("<style>blockquote{white-space:pre-wrap}</style>")
    for label, count, members in _members(library):
        out.write(f"\n<h2>{e(label)} ({count})</h2><ul>")
        for claim, notes in members:
            out.write(
                f"\n<li>¶{claim.paragraph} {e(claim.text)} <small>{e(claim.outlet or '')}</small>"
            )
            for note in notes:
                out.write(f"<blockquote>{e(note.body)}</blockquote>")
            out.write("</li>")
        out.write("\n</ul>")
    out.write("\n")
