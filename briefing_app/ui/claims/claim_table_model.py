"""The claims list model: keeps claim ids and loads rows lazily, a page at a time.

Like Anki's browser model, only ids are held for the list, and a claim's
annotations are read through ``Library.claims`` the first time its row is
shown. A list given as pages (a theme, or the whole library) is not even
read whole: ``canFetchMore``/``fetchMore`` read the next ids as the view
scrolls, so the first page of a million claims costs one page.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

from briefing_app.domain.library import Claim, DocumentListing
from briefing_app.domain.text import fold
from briefing_app.services.library import Library
from briefing_app.typing_compat import override
from briefing_app.ui.claims.grading import grade_text, grade_tooltip, is_assessed, is_graded
from briefing_app.ui.plain_text import plain_tooltip

# New columns come last in the model, so layouts saved before keep theirs; the view
# shows the document column first.
COL_PARAGRAPH, COL_TEXT, COL_THEMES, COL_HEDGE, COL_NOTES, COL_DOCUMENT, COL_GRADE = range(7)
HEDGE_MARK = "≈"
NOTE_MARK = "✎"
HEADERS = ("¶", "Claim", "Themes", HEDGE_MARK, NOTE_MARK, "Document", "Grade")
HEADER_TIPS = (
    "Paragraph of the document the claim comes from",
    "The claim as the document words it",
    "Themes the claim is filed under; the filled chip is the primary one",
    "Hedged: ≈ when the wording signals doubt (“appear to”, “may”…)",
    "Notes: how many notes you have written on the claim",
    "The briefing the claim comes from (outlet and date in its tooltip); sorts by title",
    "Admiralty grade: the source's reliability A-F and the claim's credibility 1-6"
    " (— when not graded); best first when sorted",
)

ClaimIdRole = Qt.ItemDataRole.UserRole + 1
ClaimRole = Qt.ItemDataRole.UserRole + 2

SORT_DOCUMENT, SORT_THEME, SORT_TITLE, SORT_GRADE = "document", "theme", "title", "grade"
SORTS = {COL_THEMES: SORT_THEME, COL_DOCUMENT: SORT_TITLE, COL_GRADE: SORT_GRADE}
PAGE = 64
# Claims kept in memory at most; the rest are read again when shown (a million ids
# cost 8 MB, a million claims would cost gigabytes).
CACHE_ROWS = 4096

AnyIndex = QModelIndex | QPersistentModelIndex
# Reads the ids that follow a claim (None: from the start), at most ``limit`` of them.
IdPages = Callable[[int | None, int], Sequence[int]]
# Ids read at once when looking for a claim further down a paged list.
SEEK_PAGE = 20_000
# A claim's place in a sorted list (before its place in document order breaks ties).
Rank = Callable[[int], tuple[Any, ...]]


class ClaimTableModel(QAbstractTableModel):
    """Claims in document order (or by primary theme, or by title), rows loaded on demand."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._document_order = array("q")  # the ids read so far, in document order
        self._ids = array("q")  # the same ids in view order
        self._pages: IdPages | None = None  # reads more ids; None once all are read
        self._source: object = None  # what the list shows, to tell a new list from a refresh
        self._shown = 0
        self._cache: OrderedDict[int, Claim] = OrderedDict()
        self._sort = SORT_DOCUMENT
        self._descending = False
        self._documents: dict[int, DocumentListing] = {}  # for the document column's tooltip

    # the list
    def set_ids(self, ids: Sequence[int]) -> None:
        """Show these claims (given in document order); unchanged ids only refresh the rows."""
        self._show(("ids", tuple(ids)), array("q", ids), None)

    def set_pages(self, source: object, pages: IdPages) -> None:
        """Show the claims ``pages`` reads, in document order, reading them as the view scrolls.

        ``source`` names the list (e.g. its filter). For the same source again, as
        many ids as were read before are read again; if they are the same, only
        the rows are refreshed.
        """
        same = ("pages", source) == self._source
        asked = max(PAGE, len(self._document_order)) if same else PAGE
        ids = array("q", pages(None, asked))
        self._show(("pages", source), ids, pages if len(ids) == asked else None)

    def _show(self, source: object, ids: array[int], pages: IdPages | None) -> None:
        """Show ``ids`` (read so far, document order); ``pages`` reads more, None if all read."""
        if source == self._source and ids == self._document_order:
            self._pages = pages
            self.reload()
            return
        shown = self._shown
        self.beginResetModel()
        self._source, self._pages = source, pages
        self._document_order = ids
        self._cache.clear()
        self._ids = self._ordered()
        self._shown = min(len(self._ids), max(shown, PAGE))
        self._documents.clear()
        self.endResetModel()

    def reload(self) -> None:
        """Re-read the loaded rows (their notes, themes, grading or documents changed)."""
        self._cache.clear()
        self._documents.clear()
        if self._shown:
            last = self.index(self._shown - 1, len(HEADERS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def ids(self) -> list[int]:
        """Return every claim id of the list, in view order (this reads a paged list whole)."""
        self._read_all()
        return list(self._ids)

    def total(self) -> int:
        """Return how many claims the list holds (this reads a paged list whole)."""
        self._read_all()
        return len(self._ids)

    def is_empty(self) -> bool:
        """Return True when the list holds no claim at all."""
        return not self._ids and self._pages is None

    def _read_more(self, wanted: int) -> None:
        """Read up to ``wanted`` more ids of a paged list.

        Only a list in document order is read in pages (any other order reads it
        whole first), and then ``_ids`` is ``_document_order``: both grow.
        """
        if self._pages is None or wanted <= 0:
            return
        last = self._document_order[-1] if self._document_order else None
        more = self._pages(last, wanted)
        if len(more) < wanted:
            self._pages = None
        self._document_order.extend(more)

    def _read_all(self) -> None:
        while self._pages is not None:
            self._read_more(SEEK_PAGE)

    def claim_at(self, row: int) -> Claim | None:
        """Return the claim shown at ``row``."""
        if not 0 <= row < self._shown:
            return None
        claim_id = self._ids[row]
        if claim_id not in self._cache:
            start = row - row % PAGE
            self._load(start, min(start + PAGE, len(self._ids)))
        else:
            self._cache.move_to_end(claim_id)
        return self._cache.get(claim_id)

    def row_of(self, claim_id: int, within: int | None = None) -> int:
        """Return the row of ``claim_id``, fetching rows up to it; -1 if it is not listed.

        With ``within``, no more ids than that are read to find it (-1 if it lies further).
        """
        searched = 0
        while True:
            try:
                row = self._ids.index(claim_id, searched)
                break
            except ValueError:
                if self._pages is None or (within is not None and len(self._ids) >= within):
                    return -1
                searched = len(self._ids)
                self._read_more(SEEK_PAGE)
        while self._shown <= row:
            self.fetchMore(QModelIndex())
        return row

    def _load(self, start: int, end: int) -> None:
        wanted = [i for i in self._ids[start:end] if i not in self._cache]
        if wanted:
            self._cache.update((c.id, c) for c in self._library.claims(wanted))
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)

    # sorting
    def _ordered(self) -> array[int]:
        """Return the ids in view order; any order but the document's reads the whole list."""
        if self._sort == SORT_DOCUMENT and not self._descending:
            return self._document_order
        self._read_all()
        ids = self._document_order
        if self._sort in (SORT_THEME, SORT_TITLE, SORT_GRADE):
            claims = {c.id: c for c in self._library.claims(ids)}
            position = {claim_id: n for n, claim_id in enumerate(ids)}
            ranks = {SORT_THEME: self._theme_rank, SORT_TITLE: _title_rank, SORT_GRADE: _grade_rank}
            rank = ranks[self._sort](claims)
            ids = array("q", sorted(ids, key=lambda i: (*rank(i), position[i])))
        return ids[::-1] if self._descending else array("q", ids)

    def _theme_rank(self, claims: dict[int, Claim]) -> Rank:
        """Return a claim's place by primary theme (unfiled last), in the navigator's order."""
        order = {t.key: t.order for t in self._library.themes()}

        def theme_rank(claim_id: int) -> tuple[int]:
            primary = claims[claim_id].primary_theme if claim_id in claims else None
            return (order.get(primary.key, len(order)) if primary else len(order) + 1,)

        return theme_rank

    @override
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = SORTS.get(column, SORT_DOCUMENT)
        descending = order == Qt.SortOrder.DescendingOrder
        if (sort, descending) == (self._sort, self._descending):
            return
        self.layoutAboutToBeChanged.emit()
        old = self._ids[: self._shown]
        persistent = self.persistentIndexList()
        self._sort, self._descending = sort, descending
        self._ids = self._ordered()
        # The row count stays; a claim that moves past the loaded rows loses its index.
        new_rows = {claim_id: row for row, claim_id in enumerate(self._ids[: self._shown])}
        for index in persistent:
            row = new_rows.get(old[index.row()], -1) if index.row() < len(old) else -1
            target = self.index(row, index.column()) if row >= 0 else QModelIndex()
            self.changePersistentIndex(index, target)
        self.layoutChanged.emit()

    def descending(self) -> bool:
        """Return True when the list is sorted in descending order."""
        return self._descending

    def sort_mode(self) -> str:
        """Return ``document``, ``theme``, ``title`` (of the document) or ``grade``."""
        return self._sort

    # lazy rows
    @override
    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and (self._shown < len(self._ids) or self._pages is not None)

    @override
    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid():
            return
        # Rows grow geometrically and are read only when shown, so reaching the end
        # of a million claims takes a few steps, not fifteen thousand.
        wanted = max(PAGE, self._shown)
        self._read_more(self._shown + wanted - len(self._ids))
        count = min(wanted, len(self._ids) - self._shown)
        if count <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + count - 1)
        self._shown += count
        self.endInsertRows()

    # the model
    @override
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    @override
    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    @override
    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @override
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        claim = self.claim_at(index.row())
        if claim is None:
            return None
        column = index.column()
        if role == ClaimIdRole:
            return claim.id
        if role == ClaimRole:
            return claim
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COL_GRADE:
            return f"grade {grade_text(claim)}" if is_graded(claim) else "not graded"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _display(claim, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_DOCUMENT:
                return self._document_tooltip(claim)
            return _tooltip(claim, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_GRADE:
            # A grade the claim only inherits from its source is shown muted.
            muted = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
            return None if is_assessed(claim) else muted
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_DOCUMENT:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != COL_TEXT:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _document_tooltip(self, claim: Claim) -> str:
        """Return "title" then "outlet · date" (published, else imported) for a claim's document."""
        if claim.document_id not in self._documents:
            self._documents.update(
                (d.id, d) for d in self._library.document_listings([claim.document_id])
            )
        listing = self._documents.get(claim.document_id)
        date = listing.date if listing else (claim.published or "")[:10]
        outlet = claim.outlet or "Outlet unknown"
        return plain_tooltip(f"{claim.document_title}\n{outlet} · {date}".rstrip(" ·"))


def _title_rank(claims: dict[int, Claim]) -> Rank:
    """Return a claim's place by its document's title, A to Z (each document together)."""

    def title_rank(claim_id: int) -> tuple[int, str, int]:
        claim = claims.get(claim_id)
        return (0, fold(claim.document_title), claim.document_id) if claim else (1, "", 0)

    return title_rank


def _grade_rank(claims: dict[int, Claim]) -> Rank:
    """Return a claim's place by its grade: A1 first, claims not graded last."""

    def grade_rank(claim_id: int) -> tuple[int, str, int]:
        claim = claims.get(claim_id)
        return (0, claim.reliability, claim.credibility) if claim else (1, "", 0)

    return grade_rank


def _display(claim: Claim, column: int) -> str:
    if column == COL_DOCUMENT:
        return claim.document_title
    if column == COL_GRADE:
        return grade_text(claim)
    if column == COL_PARAGRAPH:
        return f"¶{claim.paragraph}"
    if column == COL_TEXT:
        return claim.text
    if column == COL_THEMES:
        return ", ".join(t.label for t in claim.themes) or "Unfiled"
    if column == COL_HEDGE:
        return HEDGE_MARK if claim.is_hedged else ""
    return f"{NOTE_MARK} {claim.note_count}" if claim.note_count else ""


def _tooltip(claim: Claim, column: int) -> str | None:
    if column == COL_TEXT:
        return plain_tooltip(claim.text)
    if column == COL_THEMES:
        lines = [
            f"{t.label}{' (primary)' if t.is_primary else ''}: {t.origin}, {t.why}"
            for t in claim.themes
        ]
        return plain_tooltip("\n".join(lines) or "Not filed under any theme: press 1-9")
    if column == COL_HEDGE and claim.is_hedged:
        return plain_tooltip("Hedged: " + ", ".join(claim.hedges))
    if column == COL_NOTES and claim.note_count:
        return plain_tooltip(f"{claim.note_count} note{'s' if claim.note_count > 1 else ''}")
    if column == COL_PARAGRAPH:
        return plain_tooltip(f"Paragraph {claim.paragraph}, sentence {claim.sentence}")
    if column == COL_GRADE:
        return plain_tooltip(grade_tooltip(claim))
    return None
