"""Render the shareable report for the README: the HTML in Chromium, page 1 of the PDF.

Run (no display needed)::

    python -m scripts.report_screenshots docs/screenshots

The library is the window pictures' (``scripts.screenshots.build_library``): the
bundled briefing, a Reuters wire and an Al Jazeera page, with a few analyst grades,
notes and an unfiled claim.
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

from briefing_app.services.export import export_to_file
from briefing_app.ui.reports.pdf import gui_application, write_pdf
from scripts.screenshots import build_library

WINDOW = "1200,1600"
CHROMIUMS = ("chromium", "chromium-browser", "google-chrome")


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
