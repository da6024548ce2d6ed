"""Render the real window into PNG files for the README (``make screenshots``).

Run under a virtual screen::

    xvfb-run -a -s "-screen 0 1600x1000x24" python -m scripts.screenshots docs/screenshots

A library is built in a temporary folder from the bundled briefing (Washington
Examiner) and two test documents (a Reuters wire pasted from a browser, an Al
Jazeera web page), with a few analyst grades and notes. The window is opened
at 1500x900 and driven the way a user would: choose a briefing, select a claim,
type a search, write notes, switch to the dark palette.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QApplication

from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui.analyst_name import NAME_KEY
from briefing_app.ui.app import application, create_main_window
from briefing_app.ui.background import running
from briefing_app.ui.claims.claim_table_model import COL_THEMES
from briefing_app.ui.claims.claim_table_view import ONE_CHIP
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.palette import DARK, LIGHT

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"
BUNDLED = "000_"  # the bundled briefing's file name starts so
REUTERS = "101_pasted_wire.txt"
AL_JAZEERA = "105_html_jsonld.html"
SIZE = (1500, 900)
# Left column, claims, right column: the claims get what the source card can spare, so
# that the claim text keeps some width when the Document column is shown.
COLUMNS = (260, 790, 450)
# Source card, article, notes: the card whole for a claim filed under two themes.
RIGHT = (340, 290, 200)
# The Briefings picture: the left column widened so that titles and outlets are whole.
BRIEFINGS_WIDTH = 340
# (document's file name, words of the claim, reliability of its source, credibility)
GRADES = (
    (REUTERS, "The army has not commented", "B", 2),
    (REUTERS, "The Syrian Observatory for Human Rights, a Britain", "B", 3),
    (REUTERS, "Russian and Syrian jets had struck", "D", 4),
    (REUTERS, "We are at the gates of Homs", "E", 5),
    (BUNDLED, "The president has been largely unsuccessful", "C", 3),
)
# (document's file name, words of the claim, note)
NOTES = (
    (
        BUNDLED,
        "Thousands of residents began leaving Homs",
        "Ask the desk whether 'thousands' comes from UNHCR or from the reporter.\n"
        "Follow up on Monday.",
    ),
    (
        BUNDLED,
        "The president has been largely unsuccessful",
        "Cross-check with the ISW map of 6 Dec: Rastan and Talbiseh both shown as "
        "contested, not captured.",
    ),
    (
        BUNDLED,
        "The president has been largely unsuccessful",
        "The Examiner gives no source for the Russian and Iranian aid; ask the desk for "
        "the Reuters wire of the same day.",
    ),
    (
        REUTERS,
        "Russian and Syrian jets had struck",
        "Only the ministry's word for 'dozens'; SOHR gives no figure for the convoys.",
    ),
)

# Who the pictures' notes and grades are by (not the login of the machine that made them).
ANALYST = "Amal Haddad"


def document_id(library: Library, file_name: str) -> int:
    """Return the id of the document imported from ``file_name`` (or a name so starting)."""
    for document in library.documents():
        if document.file_name.startswith(file_name):
            return document.id
    raise SystemExit(f"no document {file_name} in the screenshot library")


def claim_id(library: Library, file_name: str, words: str) -> int:
    """Return the id of the claim of ``file_name`` whose text holds ``words``."""
    ids = library.claim_ids(ClaimFilter(document_id=document_id(library, file_name)))
    for claim in library.claims(ids):
        if words in claim.text:
            return claim.id
    raise SystemExit(f"no claim with {words!r} in {file_name}: did the ingest change?")


def build_library(path: Path) -> Library:
    """Return a library of three briefings with a few grades and notes.

    The bundled briefing counts as read (it is what a first launch shows); the
    other two are unread.
    """
    library = Library.open(path, seed=True, backup=False, analyst=ANALYST)
    library.import_files([REAL / REUTERS, REAL / AL_JAZEERA])
    for file_name, words, reliability, credibility in GRADES:
        library.set_grading(claim_id(library, file_name, words), reliability, credibility)
    for file_name, words, body in NOTES:
        library.add_note(claim_id(library, file_name, words), body)
    library.mark_opened(document_id(library, BUNDLED))
    return library


def settle(seconds: float = 0.4) -> None:
    """Let Qt lay out and paint, and the worker threads' counts and searches come back."""
    app = QApplication.instance()
    deadline = time.monotonic() + seconds
    while app is not None and (time.monotonic() < deadline or running()):
        app.processEvents()
        time.sleep(0.01)


def shoot(window: MainWindow, target: Path) -> None:
    """Save what the window shows now."""
    settle()
    if not window.grab().save(str(target)):
        raise SystemExit(f"could not write {target}")
    print(target)


def shoot_briefings(window: MainWindow, target: Path) -> None:
    """Save the left column (themes, briefings) widened, down to the last briefing."""
    sizes = window.main_splitter.sizes()
    window.main_splitter.setSizes(
        [BRIEFINGS_WIDTH, sizes[1] - BRIEFINGS_WIDTH + sizes[0], sizes[2]]
    )
    settle()
    column = window.left_splitter
    listing = window.briefings.pane.list
    last = listing.visualRect(listing.model().index(listing.model().rowCount() - 1, 0))
    bottom = listing.viewport().mapTo(window, last.bottomLeft()).y() + 24
    top_left = column.mapTo(window, QPoint(0, 0))
    area = QRect(top_left, QPoint(top_left.x() + column.width() - 1, bottom))
    if not window.grab(area).save(str(target)):
        raise SystemExit(f"could not write {target}")
    print(target)
    window.main_splitter.setSizes(sizes)
    settle()


def select(window: MainWindow, claim: int) -> None:
    """Make ``claim`` current with the list scrolled to show it mid-way, not at an edge."""
    if not window.claims.select_claim(claim):
        raise SystemExit(f"claim {claim} is not listed")
    view = window.claims
    view.scrollTo(view.currentIndex(), QAbstractItemView.ScrollHint.PositionAtCenter)
    settle(0.1)
    # Whole rows at the top: the list scrolls by pixels, which can leave half a row there.
    bar, row = view.verticalScrollBar(), view.verticalHeader().defaultSectionSize()
    bar.setValue(min(bar.maximum(), round(bar.value() / row) * row))
    window.claims.setFocus()


def choose_briefing(window: MainWindow, document: int | None) -> None:
    """Choose a briefing in the Briefings section, as a click on its row does."""
    window.briefings.pane.select_document(document)
    settle()


def main(argv: list[str]) -> int:
    """Write the window's pictures into the folder given (see docs/screenshots/README.md)."""
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    application()
    with tempfile.TemporaryDirectory(prefix="briefings-") as folder:
        library = build_library(Path(folder) / "library.db")
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue(NAME_KEY, ANALYST)  # as if set with Edit > Your name…
        window = create_main_window(library, settings)
        window.colours.set(LIGHT, save=False)
        window.resize(*SIZE)
        window.show()
        window.activateWindow()
        settle()
        window.main_splitter.setSizes(list(COLUMNS))
        window.right_splitter.setSizes(list(RIGHT))
        # The Themes column as narrow as the user may make it (one chip and "+1"): by
        # default it takes the width the claim text needs once the Document column shows.
        chip = QFontMetrics(window.claims.font()).horizontalAdvance(ONE_CHIP)
        window.claims.horizontalHeader().resizeSection(COL_THEMES, chip + 46)
        settle()

        def claim(file_name: str, words: str) -> int:
            return claim_id(library, file_name, words)

        # Every briefing: the Document column says whose each claim is.
        select(window, claim(REUTERS, "Syrian rebels said on Friday"))
        shoot(window, out / "main.png")

        # One briefing (Al Jazeera): its claims in reading order, no Document column.
        choose_briefing(window, document_id(library, AL_JAZEERA))
        select(window, claim(AL_JAZEERA, "The Israeli military said"))
        shoot(window, out / "document.png")

        # The Briefings section: Al Jazeera chosen, the Reuters wire still unread.
        window.briefings.pane.list.setFocus()
        shoot_briefings(window, out / "briefings.png")

        # The Reuters wire, graded: the Grade column and the source card's grading.
        choose_briefing(window, document_id(library, REUTERS))
        select(window, claim(REUTERS, "Russian and Syrian jets had struck"))
        shoot(window, out / "grading.png")

        # A search over every briefing.
        choose_briefing(window, None)
        window.search.focus()
        window.search.edit.setText("russian")
        settle(0.5)
        window.claims.select_row(1)
        window.search.focus()
        window.search.edit.deselect()
        shoot(window, out / "search.png")

        window.search.clear()
        settle()
        select(window, claim(BUNDLED, "The president has been largely unsuccessful"))
        window.notes.reload()
        window.notes.focus_editor()
        shoot(window, out / "notes.png")

        window.colours.set(DARK, save=False)
        select(window, claim(REUTERS, "The Syrian Observatory for Human Rights"))
        shoot(window, out / "dark.png")
        window.close()
        library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
