"""Bad pages, PDFs, Word files and e-mails: one clear line, exit 2, the library unchanged.

Every file is real: pages and e-mails written out, PDFs drawn by Qt (a scan is a page
that is only an image), encrypted by pypdf and cut short, Word files by python-docx.
The window's side (one message box) is in tests/ui/test_import_export.py.
"""

from __future__ import annotations

import io
import random
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing_app.services.library import Library
from tests.cli_helpers import fingerprint, run_cli, sql_rows
from tests.conftest import SEED
from tests.format_files import (
    email_message,
    encrypted_pdf,
    html_page,
    scanned_pdf,
    truncated,
    write_pdf,
)

MB = 1024 * 1024
ARTICLE = [
    "Rebels reached the outskirts of Hama on Friday, residents said.",
    "Government troops withdrew south toward Homs overnight, the army said.",
]


def _text_pdf(folder: Path) -> Path:
    return write_pdf(folder / "good.pdf", [ARTICLE * 3])


def _html_without_article(folder: Path) -> Path:
    page = folder / "menu.html"
    page.write_text(
        html_page(
            "<ul><li><a href='/a'>World</a></li><li><a href='/b'>Sport</a>"
            "</li></ul><p><a href='/c'>Sign up for our newsletter</a></p>"
        ),
        "utf-8",
    )
    return page


def _huge_html(folder: Path) -> Path:
    page = folder / "huge.html"
    paragraph = b"<p>Rebels advanced on the city again, residents said.</p>\n"
    with page.open("wb") as handle:
        handle.write(b"<!DOCTYPE html><html><body>")
        for _ in range(40 * MB // len(paragraph) + 1):
            handle.write(paragraph)
    return page


def _binary_html(folder: Path) -> Path:
    page = folder / "broken.html"
    noise = random.Random(7).randbytes(64 * 1024)
    page.write_bytes(b"<!DOCTYPE html><html><body><p>" + noise)
    return page


def _damaged_pdf(folder: Path) -> Path:
    data = bytearray(_text_pdf(folder).read_bytes())
    middle = len(data) // 3
    data[middle : middle + 2000] = random.Random(3).randbytes(2000)
    (folder / "damaged.pdf").write_bytes(bytes(data).replace(b"xref", b"xxxx"))
    return folder / "damaged.pdf"


def _not_a_zip(folder: Path) -> Path:
    path = folder / "memo.docx"
    path.write_text("Rebels reached Hama on Friday, residents said.\n", "utf-8")
    return path


def _zip_not_word(folder: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes/readme.txt", "Rebels reached Hama.")
    path = folder / "memo.docx"
    path.write_bytes(buffer.getvalue())
    return path


def _attachments_only(folder: Path) -> Path:
    path = folder / "brief.eml"
    path.write_bytes(email_message([], [("report.pdf", _text_pdf(folder).read_bytes())]))
    return path


def _html_named_pdf(folder: Path) -> Path:
    path = folder / "report.pdf"
    path.write_text(html_page("<p>Please sign in to download this report.</p>"), "utf-8")
    return path


def _old_word(folder: Path) -> Path:
    path = folder / "memo.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    return path


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "html-without-article": (_html_without_article, "holds no"),
    "html-40-mb": (_huge_html, "web pages over 20 MB are refused"),
    "html-malformed-binary": (_binary_html, "not a readable web page"),
    "pdf-scan": (lambda f: scanned_pdf(f / "scan.pdf"), "has no text layer"),
    "pdf-encrypted": (
        lambda f: encrypted_pdf(_text_pdf(f), f / "locked.pdf"),
        "is protected by a password",
    ),
    "pdf-truncated": (lambda f: truncated(_text_pdf(f), f / "cut.pdf"), "is incomplete"),
    "pdf-damaged": (_damaged_pdf, "is damaged"),
    "pdf-that-is-a-page": (_html_named_pdf, "is a web page (HTML), not a PDF"),
    "docx-not-a-zip": (_not_a_zip, "is not a Word document"),
    "docx-zip-of-something-else": (_zip_not_word, "is a ZIP archive but not a Word document"),
    "eml-only-attachments": (_attachments_only, "only attachments (report.pdf)"),
    "doc-old-word": (_old_word, "old Microsoft Office file"),
}


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "lib.db"
    assert run_cli(capsys, "--db", path, "import", SEED).code == 0
    return path


def _state(db: Path) -> tuple[object, str]:
    return sql_rows(db, "SELECT count(*) FROM documents")[0][0], fingerprint(db)


@pytest.mark.parametrize("case", list(CASES))
def test_bad_file_gives_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, qapp: object, case: str
) -> None:
    maker, message = CASES[case]
    folder = tmp_path / "in"
    folder.mkdir()
    path = maker(folder)
    before = _state(db)
    outcome = run_cli(capsys, "--db", db, "import", path)
    assert outcome.code == 2, outcome.out
    assert outcome.err.count("\n") == 1 and message in outcome.err, outcome.err
    assert outcome.err.startswith("briefing-app: error: ")
    assert _state(db) == before


def test_a_bad_file_among_good_ones_stores_none(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, qapp: object
) -> None:
    good = _text_pdf(tmp_path)
    scan = scanned_pdf(tmp_path / "scan.pdf")
    before = _state(db)
    assert run_cli(capsys, "--db", db, "import", good, scan).code == 2
    assert _state(db) == before


def test_malformed_markup_around_an_article_still_gives_the_article(tmp_path: Path) -> None:
    page = tmp_path / "tag-soup.html"
    page.write_text(
        "<html><head><title>Rebels take Hama</title><body><div><p>Rebels took the city of Hama "
        "on Thursday, the Syrian army said, after days of fighting.<p>Residents fled south "
        "toward Homs, witnesses told reporters.</div></span></b><script>var x = '<p>"
        "not text</p>'<table><tr><td>",
        "utf-8",
    )
    library = Library.open(tmp_path / "lib.db")
    (result,) = library.import_files([page])
    assert result.title == "Rebels take Hama" and result.claims == 2


def test_unclosed_scripts_are_read_in_linear_time(tmp_path: Path) -> None:
    page = tmp_path / "scripts.html"
    page.write_text(
        html_page("<p>Rebels took Hama on Thursday, the army said.</p>") + "<script>" * 400_000,
        "utf-8",
    )
    library = Library.open(tmp_path / "lib.db")
    start = time.perf_counter()
    (result,) = library.import_files([page])
    assert result.claims == 1 and time.perf_counter() - start < 20


def test_a_pdf_repaired_while_reading_is_imported_with_a_note(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, qapp: object
) -> None:
    """pypdf's repairs become one note, not lines of its log on stderr."""
    data = _text_pdf(tmp_path).read_bytes()
    broken = tmp_path / "moved.pdf"
    broken.write_bytes(data[: data.rfind(b"startxref")] + b"startxref\n123\n%%EOF\n")
    outcome = run_cli(capsys, "--db", db, "import", broken)
    assert outcome.code == 0 and outcome.err == ""
    assert "note: moved.pdf is slightly damaged; it was repaired while reading" in outcome.out
