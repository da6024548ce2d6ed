"""The theme navigator: All, each theme in its order and colour, then the special views."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from briefing_app.domain.errors import BriefingError
from briefing_app.domain.library import ClaimFilter, Theme
from briefing_app.services.library import Library
from briefing_app.typing_compat import override
from briefing_app.ui.background import run_in_background
from briefing_app.ui.plain_text import plain_tooltip

CountRole = Qt.ItemDataRole.UserRole + 1
FilterRole = Qt.ItemDataRole.UserRole + 2
KindRole = Qt.ItemDataRole.UserRole + 3

KIND_ALL, KIND_THEME, KIND_VIEW, KIND_SAVED = "all", "theme", "view", "saved"

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class NavigatorEntry:
    """One row of the navigator: what it shows and which claims it selects.

    ``count`` is None until the counts, read in the background, arrive.
    """

    label: str
    claim_filter: ClaimFilter
    count: int | None
    kind: str
    colour: str | None = None
    description: str = ""
    saved_id: int | None = None


VIEWS = (
    ("With notes", ClaimFilter(with_notes=True), "Claims you have written notes on"),
    ("Hedged", ClaimFilter(hedged=True), "Claims worded with doubt: 'appear to', 'may'…"),
    ("Unfiled", ClaimFilter(unfiled=True), "Claims no theme has taken: file them with 1-9"),
    (
        "Not claims",
        ClaimFilter(dismissed=True),
        "Sentences marked 'not a claim' (Shift+Del); 'This is a claim' shows one again",
    ),
)


def navigator_entries(
    library: Library, counts: Mapping[ClaimFilter, int] | None = None
) -> list[NavigatorEntry]:
    """Return the navigator's rows, with the counts known so far (cheap: no counting)."""
    known = counts or {}
    entries = [
        NavigatorEntry(
            "All",
            ClaimFilter(),
            known.get(ClaimFilter()),
            KIND_ALL,
            description="Every claim in the library",
        )
    ]
    for theme in library.themes():
        claim_filter = ClaimFilter(theme=theme.key)
        entries.append(
            NavigatorEntry(
                theme.label,
                claim_filter,
                known.get(claim_filter),
                KIND_THEME,
                theme.colour,
                theme.description,
            )
        )
    for label, claim_filter, description in VIEWS:
        entries.append(
            NavigatorEntry(
                label, claim_filter, known.get(claim_filter), KIND_VIEW, description=description
            )
        )
    for saved in library.saved_searches():
        claim_filter = ClaimFilter(query=saved.query)
        entries.append(
            NavigatorEntry(
                saved.name,
                claim_filter,
                known.get(claim_filter),
                KIND_SAVED,
                description=f"Saved search: {saved.query}",
                saved_id=saved.id,
            )
        )
    return entries


def count_entries(
    library: Library, filters: list[ClaimFilter], document_id: int | None = None
) -> dict[ClaimFilter, int]:
    """Return the number of claims each filter selects (slow on a large library).

    With ``document_id``, the claims of that document only (quick: it has few).
    """
    if document_id is not None:
        return {f: library.count(replace(f, document_id=document_id)) for f in filters}
    counts = {ClaimFilter(theme=t.theme.key): t.count for t in library.theme_counts()}
    return {f: counts[f] if f in counts else library.count(f) for f in filters}


class ThemeNavigatorModel(QAbstractListModel):
    """The navigator's rows; ``refresh`` re-reads them and recounts in the background."""

    counts_changed = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._entries: list[NavigatorEntry] = []
        self._themes: list[Theme] = []
        self._counts: dict[ClaimFilter, int] = {}
        self._generation = 0
        self._counting = False
        self._document_id: int | None = None  # counts are of this document (None: all)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the rows now (the counts known so far stay) and recount in the background.

        Counting a million claims takes a while; the rows do not wait for it.
        """
        self._themes = self._library.themes()
        self._set_entries(navigator_entries(self._library, self._counts))
        self._generation += 1
        self._counting = True
        generation, library, document_id = self._generation, self._library, self._document_id
        filters = [e.claim_filter for e in self._entries]
        # The slots are bound methods, so nothing arrives once the model is gone.
        run_in_background(
            lambda _progress: (generation, count_entries(library, filters, document_id)),
            self._on_counted,
            self._on_count_failed,
        )

    def set_document(self, document_id: int | None) -> None:
        """Count the claims of one document only (None: of the library), from now on."""
        if document_id != self._document_id:
            self._document_id = document_id
            self._counts = {}  # "…" until the document's counts arrive
            self.refresh()

    def counting(self) -> bool:
        """Return True while the newest counts are being read."""
        return self._counting

    def count_of(self, claim_filter: ClaimFilter) -> int | None:
        """Return how many claims ``claim_filter`` selects, None if not counted yet."""
        return self._counts.get(claim_filter)

    def _on_counted(self, counted: tuple[int, dict[ClaimFilter, int]]) -> None:
        generation, counts = counted
        if generation != self._generation:
            return  # a newer count is on its way
        self._counting = False
        self._counts = counts
        try:
            entries = navigator_entries(self._library, counts)
        except BriefingError:  # the library went away meanwhile: the rows stay as they are
            return
        self._set_entries(entries)
        self.counts_changed.emit()

    def _on_count_failed(self, _message: str) -> None:
        self._counting = False  # the counts stay as they were; the rows still work

    def _set_entries(self, entries: list[NavigatorEntry]) -> None:
        """Show ``entries``: rows that stay the same only change their counts."""
        same_rows = [e.claim_filter for e in entries] == [e.claim_filter for e in self._entries]
        if same_rows and [e.label for e in entries] == [e.label for e in self._entries]:
            self._entries = entries
            if entries:
                self.dataChanged.emit(self.index(0), self.index(len(entries) - 1))
            return
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def themes(self) -> list[Theme]:
        """Return the taxonomy in navigator order (key 1 is the first theme)."""
        return list(self._themes)

    def entry(self, row: int) -> NavigatorEntry:
        """Return the entry at ``row``."""
        return self._entries[row]

    def row_of(self, claim_filter: ClaimFilter) -> int:
        """Return the row showing ``claim_filter``, or -1."""
        return next((i for i, e in enumerate(self._entries) if e.claim_filter == claim_filter), -1)

    @override
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    @override
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.label
        if role == CountRole:
            return entry.count
        if role == FilterRole:
            return entry.claim_filter
        if role == KindRole:
            return entry.kind
        if role == Qt.ItemDataRole.DecorationRole and entry.colour:
            return QColor(entry.colour)
        if role == Qt.ItemDataRole.ToolTipRole and entry.description:
            within = " (counted in the chosen briefing)" if self._document_id is not None else ""
            return plain_tooltip(entry.description + within)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return entry.label if entry.count is None else f"{entry.label}, {entry.count} claims"
        return None


class NavigatorDelegate(QStyledItemDelegate):
    """Paints a colour bar, the label and the count aligned right; a rule above the views."""

    # Entries are read from the model in Python: PySide6 6.12 on Python 3.11 drops a
    # reference to None whenever ``index.data()`` hands back an empty value, and a
    # delegate asks on every paint.
    @staticmethod
    def _entry(index: AnyIndex) -> NavigatorEntry | None:
        model = index.model()
        if isinstance(model, ThemeNavigatorModel) and 0 <= index.row() < model.rowCount():
            return model.entry(index.row())
        return None

    @override
    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        height = option.fontMetrics.height()
        extra = 9 if self._starts_views(index) else 0
        return QSize(160, int(height * 1.9) + extra)

    @override
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        entry = self._entry(index)
        if entry is None:
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        rect = QRect(opt.rect)
        painter.save()
        palette = opt.palette
        if self._starts_views(index):
            painter.setPen(palette.color(palette.ColorRole.Mid))
            y = rect.top() + 4
            painter.drawLine(rect.left() + 8, y, rect.right() - 8, y)
            rect.setTop(rect.top() + 9)
        item = QStyleOptionViewItem(opt)
        item.rect = rect
        item.text = ""
        item.icon = type(item.icon)()
        item.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_role = palette.ColorRole.HighlightedText if selected else palette.ColorRole.Text
        if entry.colour:
            painter.fillRect(
                QRect(rect.left() + 6, rect.top() + 5, 5, rect.height() - 10), QColor(entry.colour)
            )
        font = QFont(opt.font)
        font.setBold(entry.kind == KIND_ALL)
        painter.setFont(font)
        painter.setPen(palette.color(text_role))
        count = "…" if entry.count is None else str(entry.count)
        count_width = painter.fontMetrics().horizontalAdvance(count) + 10
        text_rect = rect.adjusted(18, 0, -count_width - 4, 0)
        label = painter.fontMetrics().elidedText(
            entry.label, Qt.TextElideMode.ElideRight, text_rect.width()
        )
        align = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignLeft, label)
        painter.drawText(rect.adjusted(0, 0, -10, 0), align | Qt.AlignmentFlag.AlignRight, count)
        painter.restore()

    def _starts_views(self, index: AnyIndex) -> bool:
        entry = self._entry(index)
        if entry is None or entry.kind not in (KIND_VIEW, KIND_SAVED) or index.row() == 0:
            return False
        previous = self._entry(index.sibling(index.row() - 1, 0))
        return previous is not None and previous.kind != entry.kind


class ThemeNavigator(QListView):
    """The navigator's view; emits the selected entry's claim filter."""

    filter_selected = Signal(object)

    def __init__(self, model: ThemeNavigatorModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(NavigatorDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(False)
        self.setAccessibleName("Themes")
        self.setMinimumWidth(170)
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)
        model.modelReset.connect(self._on_model_reset)
        self._current_filter = ClaimFilter()
        self.select_filter(ClaimFilter())

    def navigator_model(self) -> ThemeNavigatorModel:
        """Return the model this view shows."""
        model = self.model()
        assert isinstance(model, ThemeNavigatorModel)
        return model

    def current_filter(self) -> ClaimFilter:
        """Return the claim filter of the selected entry."""
        return self._current_filter

    def select_filter(self, claim_filter: ClaimFilter) -> None:
        """Select the entry for ``claim_filter`` (All if it is gone)."""
        row = max(self.navigator_model().row_of(claim_filter), 0)
        if self.navigator_model().rowCount():
            self.setCurrentIndex(self.navigator_model().index(row))

    def _on_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        claim_filter = indexes[0].data(FilterRole)
        if claim_filter != self._current_filter:
            self._current_filter = claim_filter
            self.filter_selected.emit(claim_filter)

    def _on_model_reset(self) -> None:
        self.select_filter(self._current_filter)
