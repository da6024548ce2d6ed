"""The claims list view: two-line rows, chips, and an empty state that says what to do."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from briefing_app.typing_compat import override
from briefing_app.ui.claims.claim_delegates import (
    PADDING,
    TEXT_LINES,
    ClaimTextDelegate,
    DocumentTitleDelegate,
    ThemeChipDelegate,
)
from briefing_app.ui.claims.claim_table_model import (
    COL_DOCUMENT,
    COL_GRADE,
    COL_HEDGE,
    COL_NOTES,
    COL_PARAGRAPH,
    COL_TEXT,
    COL_THEMES,
    SORT_DOCUMENT,
    ClaimIdRole,
    ClaimTableModel,
)

MAX_THEMES_WIDTH = 380
# The claim text is what the list is for: the themes column (down to one chip) and the
# document column narrow before it gets less than MIN_TEXT_WIDTH.
MIN_TEXT_WIDTH = 220
ONE_CHIP = "Assad's defense"
NARROWEST_DOCUMENT = 64
# The document column starts narrow: a title's first words on two lines; its tooltip
# tells the rest.
DOCUMENT_SAMPLE = "Syrian rebels pu"
# Columns the analyst may hide (the header's context menu); the header's saved state
# keeps the choice. The document column comes and goes with the list instead.
OPTIONAL_COLUMNS = {
    COL_PARAGRAPH: "Paragraph",
    COL_THEMES: "Themes",
    COL_HEDGE: "Hedged",
    COL_NOTES: "Notes",
    COL_GRADE: "Grade",
}


class ClaimTableView(QTableView):
    """Shows a ClaimTableModel; emits the current claim's id (or None)."""

    current_claim_changed = Signal(object)
    # Once, just after the list is first painted (what start-up waits for).
    first_painted = Signal()

    def __init__(self, model: ClaimTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        self._empty_text = ""
        self._quiet = False
        # The themes and document columns' own widths, and those they have for now.
        self._wanted: dict[int, int] = {}
        self._narrowed: dict[int, int] = {}
        self.text_delegate = ClaimTextDelegate(self)
        self.setModel(model)
        self.setItemDelegateForColumn(COL_TEXT, self.text_delegate)
        self.setItemDelegateForColumn(COL_THEMES, ThemeChipDelegate(self))
        self.setItemDelegateForColumn(COL_DOCUMENT, DocumentTitleDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAccessibleName("Claims")
        self.verticalHeader().hide()
        lines = QFontMetrics(self.font()).lineSpacing() * TEXT_LINES + 2 * PADDING
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(lines)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        metrics = QFontMetrics(self.font())
        samples = (
            (COL_PARAGRAPH, "¶888"),
            (COL_HEDGE, "≈"),
            (COL_NOTES, "✎ 88"),
            (COL_GRADE, "Grade"),
        )
        for column, sample in samples:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 28)
        header.setSectionResizeMode(COL_THEMES, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_THEMES, metrics.horizontalAdvance(ONE_CHIP) * 2 + 46)
        self._narrowest = {
            COL_THEMES: metrics.horizontalAdvance(ONE_CHIP) + 46,
            COL_DOCUMENT: NARROWEST_DOCUMENT,
        }
        header.setSectionResizeMode(COL_DOCUMENT, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_DOCUMENT, metrics.horizontalAdvance(DOCUMENT_SAMPLE) + 16)
        header.moveSection(header.visualIndex(COL_DOCUMENT), 0)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu)
        header.sectionResized.connect(self._on_section_resized)
        self.setSortingEnabled(True)
        # A column the user sorts by shows its arrow (hidden while results are ranked).
        self.horizontalHeader().sortIndicatorChanged.connect(
            lambda _column, _order: self.horizontalHeader().setSortIndicatorShown(True)
        )
        self.sortByColumn(COL_PARAGRAPH, Qt.SortOrder.AscendingOrder)
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def column_menu(self) -> QMenu:
        """Return the header's menu: a check for each column that may be hidden."""
        menu = QMenu(self)
        for column, name in OPTIONAL_COLUMNS.items():
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(column))
            action.toggled.connect(lambda shown, c=column: self.setColumnHidden(c, not shown))
        return menu

    def _on_header_menu(self, position: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.horizontalHeader().viewport().mapToGlobal(position))
        menu.deleteLater()

    def keep_text_readable(self) -> None:
        """Narrow the themes, then the document column, so the claim text keeps its width.

        They get their own widths back once there is room again.
        """
        header = self.horizontalHeader()
        for column in self._narrowest:  # a width set by the user, a saved layout or a fit
            if header.sectionSize(column) != self._narrowed.get(column):
                self._wanted[column] = header.sectionSize(column)
        shown = [
            c for c in range(header.count()) if c != COL_TEXT and not header.isSectionHidden(c)
        ]
        others = sum(self._wanted.get(c, header.sectionSize(c)) for c in shown)
        missing = MIN_TEXT_WIDTH - (self.viewport().width() - others)
        for column, narrowest in self._narrowest.items():
            width = self._wanted[column]
            if missing > 0 and column in shown:
                taken = max(0, min(missing, width - narrowest))
                width, missing = width - taken, missing - taken
            self._narrowed[column] = width
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.keep_text_readable()

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        if column != COL_TEXT and new != self._narrowed.get(column):
            self.keep_text_readable()

    def fit_theme_column(self) -> None:
        """Widen the themes column to the chips it shows (within reason)."""
        header = self.horizontalHeader()
        wanted = max(self.sizeHintForColumn(COL_THEMES), header.sectionSize(COL_THEMES))
        header.resizeSection(COL_THEMES, min(wanted, MAX_THEMES_WIDTH))

    def claim_model(self) -> ClaimTableModel:
        """Return the model this view shows."""
        model = self.model()
        assert isinstance(model, ClaimTableModel)
        return model

    def current_claim_id(self) -> int | None:
        """Return the id of the current claim, if any."""
        index = self.currentIndex()
        value = index.data(ClaimIdRole) if index.isValid() else None
        return int(value) if value is not None else None

    def select_claim(self, claim_id: int | None, within: int | None = None) -> bool:
        """Make ``claim_id`` current and scroll to it; return False if it is not listed.

        With ``within``, it is looked for among that many rows only (a cheap try).
        """
        row = self.claim_model().row_of(claim_id, within) if claim_id is not None else -1
        if row < 0:
            return False
        self.select_row(row)
        return True

    def show_relevance_order(self, ranked: bool) -> None:
        """Hide the header's sort arrow while claims come most relevant first.

        A ranked search keeps its order under the default sort (¶, ascending), which the
        arrow would claim; a column the user sorts by shows its arrow again.
        """
        model = self.claim_model()
        default = model.sort_mode() == SORT_DOCUMENT and not model.descending()
        self.horizontalHeader().setSortIndicatorShown(not (ranked and default))

    def show_document_column(self, shown: bool) -> None:
        """Show the document column (first) for lists that span briefings, or hide it."""
        header = self.horizontalHeader()
        if header.visualIndex(COL_DOCUMENT) != 0:  # a layout saved before the column existed
            header.moveSection(header.visualIndex(COL_DOCUMENT), 0)
        self.setColumnHidden(COL_DOCUMENT, not shown)
        self.keep_text_readable()

    @contextmanager
    def keeping_selection(self, *, or_top: bool = False) -> Iterator[None]:
        """Let the list change under the current claim, announcing at most one change.

        The current claim stays current if it is still listed, else the row at its
        place (``or_top``: the first row).
        """
        before_id, before_row = self.current_claim_id(), self.currentIndex().row()
        self._quiet = True
        try:
            yield
            if not self.select_claim(before_id):
                self.select_row(0 if or_top else max(before_row, 0))
        finally:
            self._quiet = False
        after = self.current_claim_id()
        if after != before_id:
            self.current_claim_changed.emit(after)

    def select_row(self, row: int) -> None:
        """Make ``row`` current (clamped to the list) and scroll to it."""
        model = self.claim_model()
        while model.rowCount() <= row and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        if model.rowCount() == 0:
            return
        index = model.index(max(0, min(row, model.rowCount() - 1)), COL_TEXT)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def step(self, rows: int) -> None:
        """Move the current claim by ``rows`` rows (j/k)."""
        current = self.currentIndex().row()
        self.select_row(0 if current < 0 else current + rows)

    def set_empty_text(self, text: str) -> None:
        """Set what the empty list says (shown only when it has no rows)."""
        self._empty_text = text
        self.viewport().update()

    def empty_text(self) -> str:
        """Return the empty-state message shown when the list has no rows."""
        return self._empty_text if self.claim_model().is_empty() else ""

    @override
    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Home and End go to the first and the last claim (a table would move along the row).

        End first reads the rest of a long list, so the last claim is the library's last.
        """
        model = self.claim_model()
        column = max(self.currentIndex().column(), 0)
        if cursorAction == QAbstractItemView.CursorAction.MoveHome:
            return model.index(0, column)
        if cursorAction == QAbstractItemView.CursorAction.MoveEnd:
            while model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
            return model.index(model.rowCount() - 1, column)
        return super().moveCursor(cursorAction, modifiers)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)
        text = self.empty_text()
        if not text:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(24, 24, -24, -24)
        painter.drawText(
            QRect(area.left(), area.top(), area.width(), area.height() // 2),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            text,
        )

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        value = current.data(ClaimIdRole) if current.isValid() else None
        self.current_claim_changed.emit(int(value) if value is not None else None)
