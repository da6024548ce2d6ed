"""Render the shareable report for the README: the HTML in Chromium, page 1 of the PDF.

Run (no display needed)::

    python -m scripts.report_screenshots docs/screenshots

A library is built in a temporary folder from the bundled briefing and two
test articles (Reuters, AP), with a few analyst notes and an unfiled claim.
The HTML report is shot with headless Chromium at 1200x1600, and page 1 of
the PDF report is rendered with poppler's ``pdftoppm`` at 80 dpi; both tools
come from Debian (``apt-get install -y chromium poppler-utils``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from briefing_app.domain.library import ClaimFilter
from briefing_app.services.export import export_to_file
from briefing_app.services.library import Library
from briefing_app.ui.reports.pdf import gui_application, write_pdf

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [
    ROOT / "tests" / "data" / "articles" / name
    for name in (
        "001_reuters_hama_outskirts.txt",
        "002_ap_homs_edge.txt",
    )
]
WINDOW = "1200,1600"
CHROMIUMS = ("chromium", "chromium-browser", "google-chrome")
# (document, index of the claim in it, note)
NOTES = (
    (
        1,
        1,
        "Cross-check with the ISW map of 6 Dec: Rastan and Talbiseh both shown as "
        "contested, not captured.",
    ),
    (
        1,
        1,
        "Ask the desk whether 'thousands' comes from UNHCR or from the reporter.\n"
        "Follow up on Monday.",
    ),
    (1, 6, "The Examiner gives no source for the reinforcements; compare with Reuters."),
    (2, 4, "SOHR's count of 14 towns is the only figure on the Hama countryside so far."),
)


def build_library(path: Path) -> Library:
    """Return a library of three briefings with notes and at least one unfiled claim."""
    library = Library.open(path, seed=True, backup=False)
    library.import_files(ARTICLES)
    for document, index, body in NOTES:
        library.add_note(library.claim_ids(ClaimFilter(document_id=document))[index], body)
    if not library.count(ClaimFilter(unfiled=True)):
        claim = library.claim(library.claim_ids(ClaimFilter(document_id=2))[1])
        for theme in claim.themes:
            library.unfile(claim.id, theme.key)
    return library


def _tool(names: tuple[str, ...], package: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit(f"{names[0]} is missing: apt-get install -y {package}")


def shoot_html(report: Path, target: Path) -> None:
    """Save what headless Chromium shows of the top of ``report``."""
    chromium = _tool(CHROMIUMS, "chromium")
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    command += [f"--window-size={WINDOW}", f"--screenshot={target}", report.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode or not target.exists():
        raise SystemExit(f"Chromium could not render {report}: {done.stderr[-500:]}")


def shoot_pdf_page1(report: Path, target: Path) -> None:
    """Save page 1 of ``report`` as a PNG at 80 dpi."""
    pdftoppm = _tool(("pdftoppm",), "poppler-utils")
    stem = target.with_suffix("")
    command = [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*command, str(report), str(stem)], check=True, timeout=120)


def main(argv: list[str]) -> int:
    """Write report-html.png and report-pdf-page1.png into the folder given."""
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        library = build_library(Path(folder) / "library.db")
        try:
            html = export_to_file(library, "html", Path(folder) / "report.html", library.path)
            with gui_application():
                pdf = write_pdf(library, Path(folder) / "report.pdf", library.path)
        finally:
            library.close()
        shoot_html(html, out / "report-html.png")
        shoot_pdf_page1(pdf, out / "report-pdf-page1.png")
    for name in ("report-html.png", "report-pdf-page1.png"):
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
