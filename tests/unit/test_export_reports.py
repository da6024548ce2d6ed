"""Exports people can share: a scope (view, selection, library) and readable reports."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog

from briefing_app.domain.errors import UsageError
from briefing_app.domain.library import ClaimFilter, ExportScope
from briefing_app.services import export_pages
from briefing_app.services.export import render
from briefing_app.services.export_report import md_text
from briefing_app.services.library import Library
from briefing_app.ui.reports import pdf
from briefing_app.ui.reports.scope import WHOLE_LIBRARY, ask_export_scope, scope_choices
from tests.cli_helpers import fingerprint
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = [DATA / "articles" / "001_reuters_hama_outskirts.txt"]
ARTICLES += [DATA / "articles" / "002_ap_homs_edge.txt"]
NOW = datetime(2024, 12, 7, 9, 30, tzinfo=UTC)
NOTE = "Cross-check with the ISW map of 6 Dec <b>contested</b>"
VIEW = ExportScope.view(ClaimFilter(theme="offensive", document_id=2), "rebels")


@pytest.fixture
def library(seeded_library: Library) -> Library:
    """Three briefings (bundled, Reuters, AP), notes on two claims, one claim unfiled."""
    seeded_library.import_files(ARTICLES)
    seed_claim7 = seeded_library.claim_ids(ClaimFilter(document_id=1))[6]
    seeded_library.add_note(seed_claim7, NOTE)
    seeded_library.add_note(seed_claim7, "Second note\nover two lines")
    reuters = seeded_library.claim_ids(ClaimFilter(document_id=2))
    seeded_library.add_note(reuters[4], "Reuters gives no number.")
    unfiled = seeded_library.claim(reuters[2])
    for theme in unfiled.themes:
        seeded_library.unfile(unfiled.id, theme.key)
    seeded_library.override_reliability(reuters[0], "B")  # one claim regraded, not Reuters
    return seeded_library


def _texts_in(library: Library, fmt: str, scope: ExportScope | None) -> list[int]:
    """Return the ids of the claims whose text an export holds, once per time it holds it."""
    out = render(library, fmt, scope, NOW)
    claims = library.claims(library.claim_ids())
    if fmt == "json":
        return [c["id"] for d in json.loads(out)["documents"] for c in d["claims"]]
    if fmt == "csv":
        return [int(row["claim_id"]) for row in csv.DictReader(io.StringIO(out))]
    shown = {"md": lambda t: f"{md_text(t)}  \n", "html": lambda t: f"</span> {html.escape(t)}</p>"}
    return [c.id for c in claims for _ in range(out.count(shown[fmt](c.text)))]


FORMATS = ["json", "md", "csv", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_whole_library_is_the_default_scope(library: Library, fmt: str) -> None:
    assert sorted(_texts_in(library, fmt, None)) == sorted(library.claim_ids())
    assert render(library, fmt, None, NOW) == render(library, fmt, ExportScope(), NOW)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_view_exports_its_theme_document_and_query(library: Library, fmt: str) -> None:
    expected = library.search_ids("rebels", claim_filter=VIEW.claim_filter).ids
    assert 0 < len(expected) < library.count(ClaimFilter(document_id=2))
    assert sorted(_texts_in(library, fmt, VIEW)) == sorted(expected)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_selection_exports_those_claims(library: Library, fmt: str) -> None:
    ids = library.claim_ids()
    chosen = [ids[30], ids[2], ids[20]]
    assert sorted(_texts_in(library, fmt, ExportScope.selection(chosen))) == sorted(chosen)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_claim_of_two_themes_is_shown_once_with_a_tag(library: Library, fmt: str) -> None:
    out = render(library, fmt, None, NOW)
    two = [c for c in library.claims(library.claim_ids()) if len(c.themes) == 2]
    assert two
    claim = two[0]
    other = next(t.label for t in claim.themes if not t.is_primary)
    text = html.escape(claim.text) if fmt == "html" else md_text(claim.text)
    assert out.count(text) == 1
    after = out[out.index(text) :]
    own = after[: after.index("<div class='claim'>" if fmt == "html" else "\n- ¶")]
    tag = f"<span class='tag'>{html.escape(other)}</span>" if fmt == "html" else md_text(other)
    assert "Also filed under: " + tag in own


def test_unfiled_claims_have_their_own_last_section(library: Library) -> None:
    unfiled = library.claims(library.claim_ids(ClaimFilter(unfiled=True)))
    count = len(unfiled)
    assert count >= 1
    page = render(library, "html", None, NOW)
    section = page[page.index("<div class='section later' id='theme-unfiled'>") :]
    assert f"<h2>Unfiled <span class='count'>· {count} claim" in section
    assert all(html.escape(claim.text) in section for claim in unfiled)
    assert section.count("<div class='claim'>") == count and section.count("<h2>") == 1
    markdown = render(library, "md", None, NOW)
    assert markdown.index(f"\n## Unfiled ({count})\n") > markdown.index("\n## Foreign forces (")


def test_notes_are_labelled_as_the_analysts_never_quoted(library: Library) -> None:
    page = render(library, "html", None, NOW)
    note_day = library.notes(library.claim_ids(ClaimFilter(document_id=1))[6])[0].created
    label = f"<p class='note-label'>Analyst note, {note_day:%Y-%m-%d}:</p>"
    assert page.count(label) == 3 and "<blockquote" not in page
    assert f"<table class='note' width='100%'><tr><td>{label}" in page
    assert f"<p class='note-body'>{html.escape(NOTE)}</p>" in page
    markdown = render(library, "md", None, NOW)
    assert f"\n  Analyst note, {note_day:%Y-%m-%d}:\n\n  > Second note\\\n  > over two lines\n" in (
        markdown
    )


class _Table(HTMLParser):
    """The rows of the first table with class "sources", as lists of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._inside = self._cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and ("class", "sources") in attrs:
            self._inside = True
        elif self._inside and tag == "tr":
            self.rows.append([])
        elif self._inside and tag in ("td", "th"):
            self._cell = True
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = self._inside and tag != "table"
        self._cell = self._cell and tag not in ("td", "th")

    def handle_data(self, data: str) -> None:
        if self._cell:
            self.rows[-1][-1] += data


def test_the_sources_table_has_outlet_full_title_date_and_grade(library: Library) -> None:
    table, page = _Table(), render(library, "html", None, NOW)
    table.feed(page)
    header, *rows = table.rows
    assert header == ["Source", "Outlet", "Title", "Date", "Reliability", "Claims"]
    assert [(r[0], r[1], r[4]) for r in rows] == [
        ("S1", "Washington Examiner", "F"),
        ("S2", "Reuters", "F"),  # one claim regraded B by the analyst: the outlet stays F
        ("S3", "Associated Press", "F"),
    ]
    counts = [str(library.count(ClaimFilter(document_id=i.id))) for i in library.documents()]
    assert [r[5] for r in rows] == counts
    assert page.count("Grading: <b>B6</b>") == 1  # the claim shows its own grading
    # The bundled briefing has no headline: its title is its whole first sentence, not cut.
    assert rows[0][2].endswith("in their campaign against Damascus") and "…" not in rows[0][2]
    assert rows[1][2] == "Syrian rebels push into Hama outskirts as army says it is regrouping"
    assert all(r[3] == "undated" for r in rows)
    markdown = render(library, "md", None, NOW)
    assert "\n| S2 | Reuters | Syrian rebels push into Hama outskirts as army says it" in markdown


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_heading_says_scope_query_and_date(library: Library, fmt: str) -> None:
    out = render(library, fmt, VIEW, NOW)
    assert "Briefing report" in out[:2000] and "2024-12-07 09:30 UTC" in out
    described = (
        "Current view (theme “The offensive”, document “Syrian rebels push into Hama outskirts"
        " as army says it is regrouping”, search “rebels”)"
    )
    assert (f"<p class='scope'>{described}</p>" if fmt == "html" else described) in out
    assert ("<th>Query</th><td>rebels</td>" if fmt == "html" else "Query: rebels  \n") in out
    whole = render(library, fmt, None, NOW)
    assert "Whole library" in whole and ("<td>none</td>" in whole or "Query: none" in whole)


def test_html_is_one_file_that_prints_on_a4(library: Library) -> None:
    page = render(library, "html", None, NOW)
    assert "<link" not in page and "<script" not in page and "src=" not in page
    assert "http" not in page.split("</style>")[0]
    assert "@media print" in page and "page-break-before: always" in page
    assert "size: A4" in page
    assert page.count("<div class='section") == 4  # three themes and the unfiled
    # Each theme starts a printed page but the first, which follows the sources table.
    assert page.count("<div class='section later'") == 3


def test_json_adds_exported_and_scope_and_keeps_the_contract(library: Library) -> None:
    whole = json.loads(render(library, "json", None, NOW))
    assert list(whole) == ["format", "themes", "documents", "exported", "scope"]
    assert whole["exported"] == "2024-12-07T09:30:00Z"
    assert whole["scope"]["kind"] == "library" and whole["scope"]["description"] == "Whole library"
    assert len(whole["documents"]) == 3
    view = json.loads(render(library, "json", VIEW, NOW))
    assert view["scope"]["kind"] == "view" and view["scope"]["query"] == "rebels"
    assert (view["scope"]["theme"], view["scope"]["document"]) == ("offensive", 2)
    assert [d["id"] for d in view["documents"]] == [2]
    document, old = view["documents"][0], whole["documents"][1]
    assert list(document) == list(old) and document["text"] == old["text"]
    counts = {t["key"]: t["count"] for t in view["themes"]}
    assert counts["offensive"] == len(document["claims"])
    selection = json.loads(render(library, "json", ExportScope.selection([3, 1]), NOW))
    assert selection["scope"]["claims"] == [3, 1]
    assert [c["id"] for c in selection["documents"][0]["claims"]] == [1, 3]


def test_csv_has_full_titles_and_one_row_per_claim(library: Library) -> None:
    rows = list(csv.DictReader(io.StringIO(render(library, "csv", None, NOW))))
    assert len(rows) == library.count() == len({r["claim_id"] for r in rows})
    first = rows[0]
    assert first["document"].endswith("against Damascus") and "…" not in first["document"]
    assert first["primary_theme"] == "offensive" and first["primary_theme_label"] == "The offensive"
    assert {r["primary_theme_label"] for r in rows} >= {"Assad's defense", "Foreign forces", ""}


@pytest.mark.parametrize(
    "scope", [VIEW, ExportScope.selection([40, 2, 20, 5])], ids=["view", "selection"]
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_scoped_exports_read_a_page_at_a_time(
    library: Library, monkeypatch: pytest.MonkeyPatch, scope: ExportScope, fmt: str
) -> None:
    whole = render(library, fmt, scope, NOW)
    monkeypatch.setattr(export_pages, "CLAIMS_PER_PAGE", 3)
    read: list[int] = []
    load = Library.claims

    def claims(self: Library, ids: list[int]) -> list[object]:
        read.append(len(ids))
        return load(self, ids)  # type: ignore[return-value]

    monkeypatch.setattr(Library, "claims", claims)
    assert render(library, fmt, scope, NOW) == whole
    assert read and max(read) <= 3


def _pdf_text(path: Path) -> str:
    """Return a PDF's text, ligatures undone and white space made single spaces."""
    try:
        from pypdf import PdfReader
    except ImportError:
        if not shutil.which("pdftotext"):
            pytest.skip("neither pypdf nor pdftotext (poppler-utils) is installed")
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    else:
        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_the_pdf_is_the_html_report_on_a4(
    qapp: QApplication, library: Library, tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    assert pdf.write_pdf(library, target, library.path, VIEW, NOW) == target.resolve()
    assert target.read_bytes().startswith(b"%PDF-")
    text = _pdf_text(target)
    assert "Briefing report" in text and "Query rebels" in text
    assert "fought their way into the northern outskirts of Hama" in text
    assert "Analyst note" in text and "Reuters gives no number." in text
    assert "Washington Examiner" not in text  # not in the view
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_pdf_is_never_written_over_the_library(qapp: QApplication, library: Library) -> None:
    before = fingerprint(library.path)
    with pytest.raises(UsageError, match="is the library"):
        pdf.write_pdf(library, library.path, library.path)
    assert fingerprint(library.path) == before


def test_a_report_too_large_for_a_pdf_is_refused(
    qapp: QApplication, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "MAX_HTML_CHARS", 5_000)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(UsageError, match=r"too large for a PDF \(over 5,000 .*export a theme"):
        pdf.write_pdf(library, folder / "big.pdf", library.path)
    assert not list(folder.iterdir())


@pytest.fixture
def no_display() -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["PYTHONPATH"] = str(ROOT)
    yield env


def test_cli_writes_a_pdf_without_a_display(
    library: Library, tmp_path: Path, no_display: dict[str, str]
) -> None:
    target = tmp_path / "offensive.pdf"
    command = [sys.executable, "-m", "briefing_app", "--db", str(library.path), "export"]
    command += ["--format", "pdf", "--theme", "offensive", "-o", str(target)]
    done = subprocess.run(command, env=no_display, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    text = _pdf_text(target)
    assert "Briefing report" in text and "theme “The offensive”" in text
    assert re.search(r"Syrian civilians are fleeing the city of Homs", text)


def test_the_window_asks_which_scope(
    qapp: QApplication, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    choices = scope_choices(library, ClaimFilter(theme="offensive"), "homs", [7])
    assert [label for label, _ in choices] == [
        "Current view (theme “The offensive”, search “homs”)",
        "Selection of 1 claim",
        WHOLE_LIBRARY,
    ]
    asked: list[list[str]] = []

    def get_item(*args: object) -> tuple[str, bool]:
        labels = args[3]
        assert isinstance(labels, list)
        asked.append(labels)
        return labels[1], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    scope = ask_export_scope(None, library, ClaimFilter(theme="offensive"), "homs", [7])
    assert scope == ExportScope.selection([7]) and len(asked) == 1
    # Nothing narrower than the library: no question.
    assert ask_export_scope(None, library, ClaimFilter(), " ", []) == ExportScope()
    assert len(asked) == 1
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *_a: ("", False)))
    assert ask_export_scope(None, library, ClaimFilter(), "homs", []) is None
