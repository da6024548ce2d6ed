"""Saved pages, PDF, Word and e-mail briefings, imported through the real CLI and Library.

The hand-labelled documents of tests/data/real come in as the files they stand for:
the pages and the e-mail as they are, the PDF report drawn by Qt from its text (three
pages, running header and footer, hyphenated words) and the Word memo written by
python-docx. What the extractors own is checked strictly (metadata, text, furniture
outside the body); what the text rules own (in-body furniture) is counted.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from briefing_app.__main__ import main
from briefing_app.ingest.formats.extracted import ImportCancelledError
from briefing_app.services.library import Library
from tests.format_files import (
    REAL,
    docx_from_text,
    email_message,
    html_page,
    long_report_pdf,
    memo_docx,
    report_pdf,
    write_pdf,
)

DOCUMENTS = [
    "105_html_jsonld",
    "106_html_meta",
    "107_pdf_report",
    "108_docx_brief",
    "109_email_brief",
]
MAKERS: dict[str, Callable[[Path], Path]] = {
    "107_pdf_report": report_pdf,
    "108_docx_brief": memo_docx,
}
SUFFIX = {"107_pdf_report": ".pdf", "108_docx_brief": ".docx"}
# Metadata each format's extractor gives (the PDF's and DOCX's outlet is the text rules').
OWNED = {
    "105_html_jsonld": ("title", "outlet", "published"),
    "106_html_meta": ("title", "outlet", "published"),
    "107_pdf_report": ("title", "published"),
    "108_docx_brief": ("title", "published"),
    "109_email_brief": ("title", "outlet", "published"),
}
# Furniture inside the body the extractor keeps: the text rules tell it from reporting.
IN_BODY_SUBHEAD = "Israel moves troops to Golan frontier"


def gold(name: str) -> dict[str, Any]:
    return json.loads((REAL / f"{name}.gold.json").read_text("utf-8"))


def source(name: str, folder: Path) -> Path:
    if name in MAKERS:
        return MAKERS[name](folder / f"{name}{SUFFIX[name]}")
    return next(p for p in REAL.glob(f"{name}.*") if not p.name.endswith(".gold.json"))


def must_drop(name: str, furniture: list[str]) -> list[str]:
    """Return the furniture the extractor itself must leave out of the text."""
    if name.startswith(("105", "106")):  # outside the article body
        return [f for f in furniture if f != IN_BODY_SUBHEAD]
    if name.startswith("107"):  # running header, page numbers
        return [f for f in furniture if f.startswith(("Syria Crisis Monitor", "Page "))]
    if name.startswith("109"):  # the signature and what follows it
        return furniture[furniture.index("-- ") :]
    return []


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> dict[str, dict[str, Any]]:
    """Import the five documents with the CLI, each into its own library; export as JSON."""
    folder = tmp_path_factory.mktemp("real")
    documents: dict[str, dict[str, Any]] = {}
    for name in DOCUMENTS:
        db, out = folder / f"{name}.db", folder / f"{name}.json"
        assert main(["--db", str(db), "import", str(source(name, folder))]) == 0
        assert main(["--db", str(db), "export", "--format", "json", "-o", str(out)]) == 0
        (documents[name],) = json.loads(out.read_text("utf-8"))["documents"]
    return documents


@pytest.mark.parametrize("name", DOCUMENTS)
def test_title_outlet_and_date_come_from_the_document_itself(
    exported: dict[str, dict[str, Any]], name: str
) -> None:
    labels, document = gold(name), exported[name]
    assert {f: document[f] for f in OWNED[name]} == {f: labels[f] for f in OWNED[name]}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_labelled_claim_is_in_the_extracted_text(
    exported: dict[str, dict[str, Any]], name: str
) -> None:
    text = exported[name]["text"]
    missing = [c["starts"] for c in gold(name)["claims"] if c["starts"] not in text]
    assert missing == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_page_furniture_never_reaches_the_text(
    exported: dict[str, dict[str, Any]], name: str
) -> None:
    text = exported[name]["text"]
    lines = {line.strip() for line in text.splitlines()}
    through = [
        f
        for f in must_drop(name, gold(name)["furniture"])
        if f.strip() in lines or (len(f.split()) >= 4 and f.strip() in text)
    ]
    assert through == []


def furniture_claims(document: dict[str, Any], furniture: list[str]) -> list[str]:
    """Return the claims that are furniture (or a piece of it)."""
    pieces = [f.strip() for f in furniture if f.strip()]
    return [
        c["text"]
        for c in document["claims"]
        if any(c["text"] in f or (len(f.split()) >= 4 and f in c["text"]) for f in pieces)
    ]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_furniture_becomes_a_claim(exported: dict[str, dict[str, Any]], name: str) -> None:
    assert furniture_claims(exported[name], gold(name)["furniture"]) == []


@pytest.mark.parametrize("name", DOCUMENTS)
def test_claim_spans_are_exact_in_the_stored_text(
    exported: dict[str, dict[str, Any]], name: str
) -> None:
    document = exported[name]
    assert document["claims"]
    for claim in document["claims"]:
        assert document["text"][claim["start"] : claim["end"]] == claim["text"]


# Each format, one property at a time ------------------------------------------------------


def test_a_page_never_fetches_anything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura and htmldate get the markup, never a URL: no socket is ever opened."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the import tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = tmp_path / "page.html"
    page.write_text(
        html_page(
            "<h1>Rebels reach Hama</h1><p>Rebel fighters said on Friday they had reached the "
            "outskirts of Hama, the fourth-largest city in Syria, after a week of fighting.</p>"
            "<img src='https://example.com/x.jpg'><p>Residents fled south toward Homs on the "
            "main highway, witnesses told reporters by telephone.</p>"
        ),
        "utf-8",
    )
    library = Library.open(tmp_path / "lib.db")
    (result,) = library.import_files([page])
    text = library.document_text(result.document_id).text
    assert result.title == "Rebels reach Hama"  # the site's name is cut off the title
    assert "tracking" not in text and "Home" not in text and "All rights" not in text
    assert text.startswith("Rebel fighters said on Friday")


def test_an_email_with_only_html_goes_through_the_page_reader(tmp_path: Path) -> None:
    message = email_message(
        [
            (
                "html",
                "<html><body><p>Rebel fighters said on Friday they "
                "had reached Hama, witnesses said.</p><p>Residents fled south "
                "toward Homs, officials said.</p></body></html>",
            )
        ]
    )
    path = tmp_path / "brief.eml"
    path.write_bytes(message)
    library = Library.open(tmp_path / "lib.db")
    (result,) = library.import_files([path])
    assert result.title == "Syria brief" and result.claims == 2
    assert library.document_text(result.document_id).text.startswith("Rebel fighters said")


def test_a_text_file_that_is_a_pdf_is_read_as_one(tmp_path: Path, qapp: object) -> None:
    pdf = write_pdf(tmp_path / "r.pdf", [["Rebels reached Hama on Friday, residents said."]])
    disguised = tmp_path / "report.txt"
    disguised.write_bytes(pdf.read_bytes())
    library = Library.open(tmp_path / "lib.db")
    (result,) = library.import_files([disguised])
    assert result.claims == 1
    assert any("is a PDF, not a text file" in w for w in result.warnings)


def test_a_word_table_gives_one_paragraph_per_cell(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("Rebels reached Hama on Friday, residents said.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Troops withdrew from Rastan overnight, the army said."
    table.rows[0].cells[1].text = "Aid convoys were halted at the border, officials said."
    path = tmp_path / "brief.docx"
    document.save(str(path))
    library = Library.open(tmp_path / "lib.db")
    (result,) = library.import_files([path])
    assert result.claims == 3
    paragraphs = library.document_text(result.document_id).text.split("\n\n")
    assert paragraphs[1] == "Troops withdrew from Rastan overnight, the army said."


def test_docx_from_markdown_like_text_keeps_headings_out_of_the_title(tmp_path: Path) -> None:
    path = docx_from_text(
        "# Brief on Hama\nRebels reached Hama on Friday, residents said.\n", tmp_path / "b.docx"
    )
    library = Library.open(tmp_path / "lib.db")
    (result,) = library.import_files([path])
    assert result.title == "Brief on Hama"
    assert library.document_text(result.document_id).text.startswith("Rebels reached Hama")


@pytest.mark.parametrize(
    ("kind", "content", "plain", "first"),
    [
        (
            "html",
            "<html><body><p>Rebels reached Hama on Friday, residents said.</p>"
            "<p>Troops withdrew south, officials said.</p></body></html>",
            None,
            "Rebels reached",
        ),
        ("text", "Rebels reached Hama on Friday, residents said.\n", None, "Rebels reached"),
        (
            "html",
            "<html><body><nav><a href='/'>Home</a></nav></body></html>",
            "Troops withdrew from Rastan, officials said.",
            "Troops withdrew",
        ),
    ],
    ids=["html", "text", "html-without-article-falls-back-to-text"],
)
def test_pasted_content_is_imported(
    tmp_path: Path, kind: str, content: str, plain: str | None, first: str
) -> None:
    library = Library.open(tmp_path / "lib.db")
    result = library.import_text(content, kind, "clipboard", plain=plain)
    assert library.document_text(result.document_id).text.startswith(first)


@pytest.mark.slow
def test_a_300_page_report_imports_with_a_progress_step_per_page(
    tmp_path: Path, qapp: object
) -> None:
    path = long_report_pdf(tmp_path / "report.pdf", 300)
    steps: list[tuple[int, int, str]] = []
    library = Library.open(tmp_path / "lib.db")
    (result,) = library.import_files([path], lambda *step: steps.append(step))
    pages = [s for s in steps if "page" in s[2]]
    assert len(pages) == 300 and pages[-1][:2] == (299, 300)
    text = library.document_text(result.document_id).text
    assert "Levant Monitor" not in text and "Page 17 of 300" not in text
    assert result.claims > 600


def test_cancelling_between_pages_stores_nothing(tmp_path: Path, qapp: object) -> None:
    path = long_report_pdf(tmp_path / "report.pdf", 20)
    library = Library.open(tmp_path / "lib.db")
    seen: list[int] = []

    def progress(done: int, _total: int, _what: str) -> None:
        seen.append(done)

    with pytest.raises(ImportCancelledError, match="cancelled"):
        library.import_files([path], progress, cancelled=lambda: len(seen) > 3)
    assert library.documents() == [] and len(seen) < 10


@pytest.mark.parametrize(
    ("sender", "organisation", "outlet"),
    [
        ("Jane Doe <jane@example.org>", "Crisis Group", "Crisis Group"),
        ("Jane Doe (Levant Desk) <jane@example.org>", None, "Levant Desk"),
        ("Jane Doe | Reuters <jane@example.org>", None, "Reuters"),
        ("Desk <desk@lists.crisisgroup.example>", None, "crisisgroup.example"),
        ("Jane Doe <jane.doe@gmail.com>", None, None),
    ],
)
def test_an_emails_outlet_is_the_senders_organisation(
    sender: str, organisation: str | None, outlet: str | None
) -> None:
    from briefing_app.ingest.formats.mail_text import read_email

    headers = f"From: {sender}\r\nSubject: Brief\r\nDate: Sat, 07 Dec 2024 06:42:15 +0200\r\n"
    if organisation:
        headers += f"Organization: {organisation}\r\n"
    message = (headers + "\r\nRebels reached Hama on Friday, residents said.\r\n").encode()
    extracted = read_email(message, "brief.eml")
    assert extracted.page.outlet == outlet
    assert extracted.page.published == "2024-12-07T06:42:15+02:00"


@pytest.mark.parametrize(
    ("data", "name", "kind", "noted"),
    [
        (b"%PDF-1.7\n...", "report.pdf", "pdf", False),
        (b"%PDF-1.7\n...", "report.txt", "pdf", True),
        (b"<!doctype html><html><p>x</p></html>", "page.htm", "html", False),
        (b"<!doctype html><html><p>x</p></html>", "saved.txt", "html", True),
        (b"<p>Rebels took Hama.</p>", "fragment.html", "html", False),
        (b"Rebels took Hama.", "plain.html", "text", True),
        (
            b"From: a@b.org\nSubject: Brief\nDate: Sat, 7 Dec 2024\n\nBody",
            "mail.txt",
            "email",
            True,
        ),
        (b"Subject: not a mail header block\n\nRebels took Hama.", "brief.txt", "text", False),
        (b"Rebels took Hama.", "brief.eml", "text", True),
        (b"Rebels took Hama.", "no-extension", "text", False),
    ],
)
def test_the_format_is_told_by_content_then_by_name(
    data: bytes, name: str, kind: str, noted: bool
) -> None:
    from briefing_app.ingest.formats.detect import detect

    found, notes = detect(data, name)
    assert (found.value, bool(notes)) == (kind, noted)
