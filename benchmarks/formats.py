"""Import of other formats: throughput of the full import against the extractor alone.

For each format (saved pages, PDF, Word, e-mail) the hand-labelled documents of
``tests/data/real`` are imported as real files (the PDF drawn by Qt, the DOCX written
by python-docx; copies made distinct so that none is a duplicate), and the same bytes
are given to the format's extractor alone. The figure is the throughput of the full
import (KB or pages a second) and extractor / full, the share of the import spent
reading the format. A 300-page PDF report is timed on its own, end to end.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from briefing_app.ingest.formats.docx_text import read_docx
from briefing_app.ingest.formats.extracted import Extracted
from briefing_app.ingest.formats.html_text import read_html
from briefing_app.ingest.formats.mail_text import read_email
from briefing_app.ingest.formats.pdf_text import read_pdf
from briefing_app.services.library import Library
from tests.format_files import (
    REAL,
    docx_from_text,
    long_report_pdf,
    pdf_pages_from_text,
    write_pdf,
)

COPIES = 8
REPEATS = 3
LONG_PAGES = 300
Figures = dict[str, float | None]
Extractor = Callable[[bytes, str], Extracted]
FORMATS = ("html", "pdf", "docx", "email")


def keys() -> list[str]:
    """Return the BENCH keys this part fills."""
    per_format = [f"{name}_{figure}" for name in FORMATS for figure in ("per_s", "extract_ratio")]
    return [*per_format, "pdf_300_pages_s"]


def _copies(folder: Path, name: str) -> tuple[list[Path], Extractor, float]:
    """Write COPIES distinct files of one format; return them, its extractor and their units.

    Units are pages for a PDF and KB for the others.
    """
    paths: list[Path] = []
    units = 0.0
    for copy in range(COPIES):
        edition = f"Edition {copy} of the briefing was filed on time, the desk said."
        if name == "html":
            for source in ("105_html_jsonld.html", "106_html_meta.html"):
                page = (REAL / source).read_text("utf-8").replace("</p>", f" {edition}</p>", 1)
                paths.append(folder / f"{copy}-{source}")
                paths[-1].write_text(page, "utf-8")
        elif name == "pdf":
            pages = pdf_pages_from_text((REAL / "107_pdf_report.txt").read_text("utf-8"))
            pages[0].append(edition)
            paths.append(write_pdf(folder / f"{copy}.pdf", pages))
            units += len(pages)
        elif name == "docx":
            text = (REAL / "108_docx_brief.txt").read_text("utf-8") + edition + "\n"
            paths.append(docx_from_text(text, folder / f"{copy}.docx"))
        else:
            mail = (REAL / "109_email_brief.eml").read_bytes()
            paths.append(folder / f"{copy}.eml")
            paths[-1].write_bytes(mail.replace(b"Good morning,", edition.encode(), 1))
    extractor = {"html": read_html, "pdf": read_pdf, "docx": read_docx, "email": read_email}
    if name != "pdf":
        units = sum(p.stat().st_size for p in paths) / 1024
    return paths, extractor[name], units


def _full(folder: Path, paths: list[Path], label: str) -> float:
    times = []
    for repeat in range(REPEATS):
        library = Library.open(folder / f"{label}-{repeat}.db")
        start = time.perf_counter()
        library.import_files(paths)
        times.append(time.perf_counter() - start)
        library.close()
    return statistics.median(times)


def _alone(paths: list[Path], extractor: Extractor) -> float:
    data = [(p.read_bytes(), p.name) for p in paths]
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for content, name in data:
            extractor(content, name)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_import_formats() -> tuple[Figures, list[str]]:
    """Return the figures and one printed row per format."""
    figures: Figures = {}
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        warm = Library.open(folder / "warm.db")  # rules, gazetteer and libraries loaded first
        for kind in FORMATS:
            paths, extractor, units = _copies(folder, kind)
            warm.import_files(paths[:1])
            full, alone = _full(folder, paths, kind), _alone(paths, extractor)
            unit = "pages" if kind == "pdf" else "KB"
            figures[f"{kind}_per_s"] = units / full
            figures[f"{kind}_extract_ratio"] = alone / full
            rows.append(
                f"  {kind:<6} {len(paths):>3} files, {units:7.1f} {unit:<5} full {full:6.2f} s"
                f" ({units / full:7.1f} {unit}/s), extractor alone {alone:6.2f} s,"
                f" extractor / full {alone / full:.2f}"
            )
        warm.close()
        long = long_report_pdf(folder / "long.pdf", LONG_PAGES)
        library = Library.open(folder / "long.db")
        start = time.perf_counter()
        (result,) = library.import_files([long])
        figures["pdf_300_pages_s"] = time.perf_counter() - start
        library.close()
        start = time.perf_counter()
        read_pdf(long.read_bytes(), long.name)
        reading = time.perf_counter() - start
        rows.append(
            f"  {LONG_PAGES}-page PDF: {figures['pdf_300_pages_s']:.1f} s in all"
            f" ({result.claims} claims), reading the PDF {reading:.1f} s"
        )
    return figures, rows


def summary(figures: Figures) -> list[tuple[str, str]]:
    """Return the summary table's rows for this part ("n/a" where not measured)."""

    def show(key: str, form: str) -> str:
        value = figures.get(key)
        return "n/a" if value is None else format(value, form)

    units = {"html": "KB", "pdf": "pages", "docx": "KB", "email": "KB"}
    rows = [
        (
            f"{kind} import, {units[kind]}/s (extractor / full)",
            f"{show(f'{kind}_per_s', '.1f')}  ({show(f'{kind}_extract_ratio', '.2f')})",
        )
        for kind in FORMATS
    ]
    return [*rows, ("300-page PDF import (s)", show("pdf_300_pages_s", ".1f"))]
