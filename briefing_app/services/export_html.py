"""The HTML report: one self-contained page to share or print (and the PDF's source).

A heading says what the report holds (scope, query, export date); a table
lists the sources with their dates and gradings; then each theme holds its
claims, each claim once, under its primary theme, with its other themes as
tags; unfiled claims come last. An analyst's note is a labelled note box,
never a quotation: quotations are what the sources say.

Every text from the library is escaped (``html.escape(..., quote=True)``):
notes, claims, titles and outlets are data, never markup. The style sheet is
inline, with print rules (A4, a page per theme, no backgrounds) that Qt's
rich text engine also applies when it makes the PDF.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime
from typing import TextIO

from briefing_app.domain.library import Claim, ExportScope, Note
from briefing_app.services import export_words as words
from briefing_app.services.export_scope import ScopedClaims, ScopeSummary, describe_scope
from briefing_app.services.library import Library

CSS = """
body { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Helvetica, Arial, sans-serif;
  font-size: 10.5pt; color: #1d2430; background-color: #ffffff; }
h1 { font-size: 21pt; margin: 0 0 2px 0; }
h2 { font-size: 14pt; margin: 22px 0 10px 0; color: #1d2430; }
p { margin: 0; }
table { border-collapse: collapse; }
.kicker { font-size: 8pt; color: #5a6472; letter-spacing: 1px; text-transform: uppercase; }
.scope { font-size: 13pt; color: #2b3a55; margin: 0 0 10px 0; }
.facts th { text-align: left; font-weight: normal; color: #5a6472; padding: 2px 14px 2px 0; }
.facts td { padding: 2px 0; }
.themes { margin: 10px 0 0 0; color: #2b3a55; }
.sources { width: 100%; font-size: 9.5pt; margin: 0 0 6px 0; }
.sources th { text-align: left; background-color: #eef2f7; border-bottom: 1px solid #b8c2d0;
  padding: 4px 8px; white-space: nowrap; }
.sources td { border-bottom: 1px solid #dde3eb; padding: 4px 8px; vertical-align: top; }
.sources .n { text-align: right; white-space: nowrap; }
.sources .d { white-space: nowrap; }
.byline { font-size: 8.5pt; color: #5a6472; }
.legend { font-size: 8.5pt; color: #5a6472; margin: 4px 0 0 0; }
.count { font-size: 10pt; font-weight: normal; color: #5a6472; }
.text { font-size: 11pt; margin: 14px 0 3px 0; }
.para { font-weight: bold; color: #5a6472; }
.meta { font-size: 9pt; color: #4a5566; }
.tags { font-size: 9pt; color: #4a5566; margin: 3px 0 0 0; }
.tag { background-color: #e8edf4; color: #2b3a55; white-space: nowrap; }
.outside { font-size: 9pt; color: #8a4b00; margin: 3px 0 0 0; }
.note { width: 100%; margin: 6px 0 0 0; }
.note td { background-color: #fff6d9; border: 1px solid #e2c25c; padding: 6px 10px; }
.note-label { font-size: 9pt; font-weight: bold; color: #6b5200; margin: 0 0 2px 0; }
.note-body { white-space: pre-wrap; }
@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
/* "body" before each rule below: Qt ranks a rule inside @media below any earlier rule
   of the same specificity outside it, so these must be more specific to win there too. */
@media screen {
  html body { max-width: 56em; margin: 32px auto; padding: 0 24px; line-height: 1.45; }
  body h2 { border-bottom: 2px solid #d0d7e2; padding-bottom: 3px; }
  body .claim { border-bottom: 1px solid #e6eaf0; padding-bottom: 12px; }
  body .tag { border: 1px solid #c5cfdc; border-radius: 3px; padding: 0 5px; }
  body .note td { border-left: 4px solid #d4a017; border-radius: 2px; }
}
@media print {
  html body { font-size: 10pt; background-color: #ffffff; }
  body .later { page-break-before: always; break-before: page; }
  body .claim { page-break-inside: avoid; break-inside: avoid; }
  body .sources th, body .tag, body .note td { background-color: #ffffff; }
  body .tag { border: 1px solid #8a94a3; padding: 0 3px; }
  body .note td { border: 1px solid #6b5200; border-left: 4px solid #6b5200; }
  body a { color: #1d2430; text-decoration: none; }
}
"""
# Column widths of the sources table, in percent: the title gets the room.
SOURCE_WIDTHS = (9, 17, 42, 12, 12, 8)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def write_html(
    library: Library, out: TextIO, scope: ExportScope | None = None, now: datetime | None = None
) -> None:
    """Write the report of ``scope`` (default: the whole library) as one HTML page."""
    scope = scope or ExportScope()
    scoped = ScopedClaims(library, scope)
    summary = scoped.summary()
    described = describe_scope(library, scope)
    out.write(
        "<!doctype html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<title>{_e(words.REPORT_TITLE)}: {_e(described)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
    )
    _write_heading(out, scoped, described, words.export_time(now))
    _write_sources(out, summary)
    for number, section in enumerate(scoped.sections()):
        anchor = _e(f"theme-{section.key or 'unfiled'}")
        claims = "claim" if section.count == 1 else "claims"
        # In print each theme starts a page, but the first follows the sources table.
        kind = "section later" if number else "section"
        out.write(
            f"\n<div class='{kind}' id='{anchor}'>\n<h2>{_e(section.label)} "
            f"<span class='count'>· {section.count} {claims}</span></h2>\n"
        )
        for claim, notes in scoped.section_claims(section.key):
            _write_claim(out, claim, notes, section.key, summary)
        out.write("</div>\n")
    if not summary.claims:
        out.write("\n<p class='empty'>No claims are in this scope.</p>\n")
    out.write("</body>\n</html>\n")


def _write_heading(out: TextIO, scoped: ScopedClaims, described: str, now: datetime) -> None:
    scope, summary = scoped.scope, scoped.summary()
    query = scope.query or scope.claim_filter.query
    facts = [
        ("Query", query or "none"),
        ("Exported", words.stamp(now)),
        ("Contents", words.contents(summary)),
    ]
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>\n" for k, v in facts)
    out.write(
        "<div class='head'>\n<p class='kicker'>Briefing reader · analyst's report</p>\n"
        f"<h1>{_e(words.REPORT_TITLE)}</h1>\n<p class='scope'>{_e(described)}</p>\n"
        f"<table class='facts'>\n{rows}</table>\n"
    )
    links = [
        f"<a href='#{_e('theme-' + (s.key or 'unfiled'))}'>{_e(s.label)}</a> ({s.count})"
        for s in scoped.sections()
    ]
    if links:
        out.write(f"<p class='themes'>Themes: {' · '.join(links)}</p>\n")
    out.write("</div>\n")


def _write_sources(out: TextIO, summary: ScopeSummary) -> None:
    headers = "".join(
        f"<th width='{width}%'>{_e(h)}</th>"
        for h, width in zip(words.SOURCE_HEADERS, SOURCE_WIDTHS, strict=True)
    )
    out.write(
        "\n<h2>Sources</h2>\n<table class='sources' width='100%'>\n"
        f"<thead><tr>{headers}</tr></thead>\n"
    )
    out.write("<tbody>\n")
    for tally in summary.documents.values():
        number, outlet, title, date, grade, claims = (_e(c) for c in words.source_cells(tally))
        byline = tally.info.byline
        if byline:
            title += f"<br><span class='byline'>{_e(byline)}</span>"
        out.write(
            f"<tr><td class='n'>{number}</td><td>{outlet}</td><td>{title}</td>"
            f"<td class='d'>{date}</td><td>{grade}</td><td class='n'>{claims}</td></tr>\n"
        )
    out.write(f"</tbody>\n</table>\n<p class='legend'>{_e(words.GRADING_LEGEND)}</p>\n")


def _write_claim(
    out: TextIO, claim: Claim, notes: Iterable[Note], section: str | None, summary: ScopeSummary
) -> None:
    source = words.claim_source(claim, summary.documents.get(claim.document_id))
    out.write(
        f"<div class='claim'>\n<p class='text'><span class='para'>¶{claim.paragraph}</span> "
        f"{_e(claim.text)}</p>\n<p class='meta'>{_e(source)} · "
        f"Attribution: {_e(words.attribution(claim))} · Hedges: {_e(words.hedges(claim))} · "
        f"Grading: <b>{_e(words.grading(claim))}</b></p>\n"
    )
    others = words.other_themes(claim, section)
    if others:
        tags = ", ".join(f"<span class='tag'>{_e(t.label)}</span>" for t in others)
        out.write(f"<p class='tags'>Also filed under: {tags}</p>\n")
    if claim.scope_note and not claim.themes:
        out.write(f"<p class='outside'>Outside the themes: {_e(claim.scope_note)}</p>\n")
    for note in notes:
        out.write(
            "<table class='note' width='100%'><tr><td>"
            f"<p class='note-label'>{_e(words.note_label(note))}:</p>"
            f"<p class='note-body'>{_e(note.body)}</p></td></tr></table>\n"
        )
    out.write("</div>\n")
