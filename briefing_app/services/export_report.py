"""The CSV and Markdown exports: written as read, with every cell and line escaped.

Text in the library (notes above all, but also claims, titles, outlets and
attributions, which come from imported files) is data, never markup: a CSV
cell cannot start a spreadsheet formula, and Markdown cannot gain a heading,
list, link, image, raw HTML, emphasis, code or table from it. (The HTML report
is :mod:`briefing_app.services.export_html`.)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TextIO

from briefing_app.domain.library import Claim, ExportScope, Note
from briefing_app.services import export_words as words
from briefing_app.services.export_scope import ScopedClaims, ScopeSummary, describe_scope
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
    "document_id",
    "published",
    "primary_theme_label",
    "theme_labels",
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


def csv_cell(value: str) -> str:
    """Return a text cell that a spreadsheet shows as text, never runs as a formula (OWASP)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_csv(library: Library, out: TextIO, scope: ExportScope | None = None) -> None:
    """Write one row per claim of ``scope``, in document order, notes joined in one column."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    scoped = ScopedClaims(library, scope or ExportScope())
    for claim, notes in scoped.all_claims():
        primary = claim.primary_theme
        cells: list[str | int] = [
            scoped.full_title(claim.document_id, claim.document_title),
            claim.outlet or "",
            claim.id,
            claim.paragraph,
            claim.sentence,
            claim.text,
            primary.key if primary else "",
            ";".join(t.key for t in claim.themes),
            claim.attribution or "",
            ";".join(claim.hedges),
            ";".join(claim.entities),
            claim.reliability,
            claim.credibility,
            claim.document_id,
            claim.published or "",
            primary.label if primary else "",
            ";".join(t.label for t in claim.themes),
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


def write_markdown(
    library: Library, out: TextIO, scope: ExportScope | None = None, now: datetime | None = None
) -> None:
    """Write the report of ``scope`` as Markdown, structured as the HTML report.

    A heading (scope, query, date), the sources table, then each theme with its
    claims, each claim once under its primary theme, its other themes named,
    unfiled claims last; each analyst note labelled, its text in a block quote.
    """
    scope = scope or ExportScope()
    scoped = ScopedClaims(library, scope)
    summary = scoped.summary()
    query = scope.query or scope.claim_filter.query
    facts = [
        ("Scope", describe_scope(library, scope)),
        ("Query", query or "none"),
        ("Exported", words.stamp(words.export_time(now))),
        ("Contents", words.contents(summary)),
    ]
    out.write(f"# {words.REPORT_TITLE}\n\n")
    out.write("  \n".join(f"{name}: {md_text(value)}" for name, value in facts) + "\n")
    out.write("\n## Sources\n\n")
    out.write("| " + " | ".join(words.SOURCE_HEADERS) + " |\n")
    out.write("|" + " --- |" * len(words.SOURCE_HEADERS) + "\n")
    for tally in summary.documents.values():
        out.write("| " + " | ".join(md_text(c) for c in words.source_cells(tally)) + " |\n")
    out.write(f"\n{md_text(words.GRADING_LEGEND)}\n")
    for section in scoped.sections():
        out.write(f"\n## {md_text(section.label)} ({section.count})\n\n")
        for claim, notes in scoped.section_claims(section.key):
            _write_md_claim(out, claim, notes, section.key, summary)
    if not summary.claims:
        out.write("\nNo claims are in this scope.\n")


def _write_md_claim(
    out: TextIO, claim: Claim, notes: Iterable[Note], section: str | None, summary: ScopeSummary
) -> None:
    source = words.claim_source(claim, summary.documents.get(claim.document_id))
    lines = [
        f"- ¶{claim.paragraph} {md_text(claim.text)}",
        f"  *{md_text(source)}; {md_text(words.attribution(claim))}; "
        f"hedges: {md_text(words.hedges(claim))}; graded {md_text(words.grading(claim))}*",
    ]
    others = words.other_themes(claim, section)
    if others:
        lines.append(f"  Also filed under: {md_text(', '.join(t.label for t in others))}")
    if claim.scope_note and not claim.themes:
        lines.append(f"  Outside the themes: {md_text(claim.scope_note)}")
    # Two spaces end a line without ending the paragraph (a hard break).
    out.write("  \n".join(lines) + "\n")
    for note in notes:
        # The label says whose the note is; the quote holds its text exactly, lines and all.
        out.write(f"\n  {md_text(words.note_label(note))}:\n\n")
        out.writelines(md_quote(note.body, "  "))
