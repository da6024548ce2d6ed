"""The Briefings list's model: "All briefings", then the documents, read a page at a time.

Like qutebrowser's history completion, rows are read with ``canFetchMore`` and
``fetchMore`` as the view scrolls: the first page of 20,000 documents costs one
page (keyset paging in ``store.documents``), and typing a filter or choosing an
order reads a new first page.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from briefing_app.domain.library import NEWEST_FIRST, DocumentListing
from briefing_app.services.library import Library
from briefing_app.typing_compat import override
from briefing_app.ui.plain_text import plain_tooltip

PAGE = 64
ALL_ROW = 0
ALL_LABEL = "All briefings"

DocumentIdRole = Qt.ItemDataRole.UserRole + 1
UnreadRole = Qt.ItemDataRole.UserRole + 2
ClaimCountRole = Qt.ItemDataRole.UserRole + 3

AnyIndex = QModelIndex | QPersistentModelIndex


def plural(count: int, noun: str) -> str:
    """Return "1 claim", "2 claims", "20,000 briefings"."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def describe(listing: DocumentListing) -> str:
    """Return a row's tooltip: title, outlet, which date, claims, read or not, who imported it."""
    when = "published" if listing.published else "imported (no publication date given)"
    lines = [
        listing.title,
        listing.outlet or "Outlet unknown",
        f"{listing.date}, {when}",
        plural(listing.claim_count, "claim") + (", unread" if listing.unread else ""),
    ]
    if listing.analyst:
        lines.append(f"Imported by {listing.analyst}")
    return "\n".join(lines)


class BriefingsModel(QAbstractListModel):
    """Row 0 is "All briefings"; then the documents in the chosen order and filter."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._order = NEWEST_FIRST
        self._text = ""
        self._rows, self._more = self._read(None, PAGE)
        self._total = library.document_count()

    # what the list shows
    def set_order(self, order: str) -> None:
        """List the documents in ``order`` (``NEWEST_FIRST`` or ``BY_OUTLET``)."""
        if order != self._order:
            self._order = order
            self._reset(*self._read(None, PAGE))

    def set_filter(self, text: str) -> None:
        """Keep the documents whose title or outlet holds the words of ``text``."""
        if text.strip() != self._text:
            self._text = text.strip()
            self._reset(*self._read(None, PAGE))

    def order(self) -> str:
        """Return the order the documents are listed in."""
        return self._order

    def refresh(self) -> None:
        """Read again the rows read so far: counts and unread marks in place, new documents."""
        self._total = self._library.document_count()
        rows, more = self._read(None, max(PAGE, len(self._rows)))
        if [r.id for r in rows] != [r.id for r in self._rows]:
            self._reset(rows, more)
            return
        self._rows, self._more = rows, more
        self.dataChanged.emit(self.index(ALL_ROW), self.index(len(rows)))

    def mark_read(self, document_id: int) -> None:
        """Show ``document_id`` as read (it was just opened)."""
        row = self.row_of(document_id)
        if row > ALL_ROW:
            self._rows[row - 1] = replace(self._rows[row - 1], unread=False)
            self.dataChanged.emit(self.index(row), self.index(row))

    def _read(self, after: int | None, limit: int) -> tuple[list[DocumentListing], bool]:
        rows = self._library.document_page(self._order, self._text, after, limit)
        return rows, len(rows) == limit

    def _reset(self, rows: list[DocumentListing], more: bool) -> None:
        self.beginResetModel()
        self._rows, self._more = rows, more
        self.endResetModel()

    # rows
    def listing(self, row: int) -> DocumentListing | None:
        """Return the document at ``row`` (None for "All briefings" or past the end)."""
        return self._rows[row - 1] if 0 < row <= len(self._rows) else None

    def document_id(self, row: int) -> int | None:
        """Return the id of the document at ``row`` (None: "All briefings")."""
        listing = self.listing(row)
        return listing.id if listing else None

    def row_of(self, document_id: int | None) -> int:
        """Return the row of ``document_id`` among the rows read (0 for None); -1 if not there."""
        if document_id is None:
            return ALL_ROW
        return next((n for n, r in enumerate(self._rows, start=1) if r.id == document_id), -1)

    def total(self) -> int:
        """Return how many documents the library holds (whatever the filter)."""
        return self._total

    def filtered(self) -> bool:
        """Return True when a filter is typed."""
        return bool(self._text)

    # lazy rows
    @override
    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._more

    @override
    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid() or not self._more:
            return
        rows, self._more = self._read(self._rows[-1].id if self._rows else None, PAGE)
        if rows:
            first = len(self._rows) + 1
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    # the model
    @override
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows) + 1

    @override
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() <= len(self._rows):
            return None
        listing = self.listing(index.row())
        if listing is None:
            return self._all_data(role)
        if role == Qt.ItemDataRole.DisplayRole:
            return listing.title
        if role == DocumentIdRole:
            return listing.id
        if role == UnreadRole:
            return listing.unread
        if role == ClaimCountRole:
            return listing.claim_count
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(describe(listing))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return describe(listing).replace("\n", ", ")
        return None

    def _all_data(self, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return ALL_LABEL
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(
                f"The claims of every briefing ({plural(self._total, 'briefing')})"
            )
        return None
