"""The Briefings section: every document, filtered as you type, one chosen at a time.

It sits below the themes in the left column. Choosing a briefing narrows the
claims list to it (in reading order), and the theme navigator, the views and the
search box keep working inside it; "All briefings" lists every document again.
The first time a briefing is chosen its unread mark goes. Its context menu
opens the briefing's details ("Edit details…", also F2 anywhere in the window).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QItemSelection,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.errors import BriefingError
from briefing_app.domain.library import BY_OUTLET, NEWEST_FIRST
from briefing_app.services.library import Library
from briefing_app.typing_compat import override
from briefing_app.ui.claims.claim_list_controller import ClaimListController
from briefing_app.ui.navigator.briefings_delegate import BriefingDelegate
from briefing_app.ui.navigator.briefings_model import ALL_ROW, BriefingsModel
from briefing_app.ui.sections import titled

# Typing in the filter waits this long for the next key before reading the list again.
FILTER_DELAY_MS = 120
ORDERS = (("Newest", NEWEST_FIRST), ("Outlet", BY_OUTLET))
ORDER_TIP = "Sort the briefings: newest first (published, else imported), or by outlet A–Z"
# The menu shows the window's key for it (F2) without binding it a second time.
EDIT_DETAILS = "Edit details…\tF2"


class FilterEdit(QLineEdit):
    """The filter line above the list; Down goes into the list."""

    down = Signal()

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class BriefingsPane(QWidget):
    """The filter line, the sort choice and the list; emits the chosen document (None: all)."""

    document_selected = Signal(object)
    chosen = Signal()  # Enter on a briefing: go to its claims
    details_requested = Signal(int)  # "Edit details…" on a briefing

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = BriefingsModel(library, self)
        self.filter = FilterEdit()
        self.filter.setPlaceholderText("Filter by title or outlet")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter briefings")
        self.sort = QComboBox()
        for label, order in ORDERS:
            self.sort.addItem(label, order)
        self.sort.setToolTip(ORDER_TIP)
        self.sort.setAccessibleName("Sort briefings")
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(BriefingDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAccessibleName("Briefings")
        self.list.setMinimumWidth(170)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.filter, 1)
        row.addWidget(self.sort)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        self._document_id: int | None = None
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(FILTER_DELAY_MS)
        self._typing.timeout.connect(self._apply_filter)
        self.filter.textChanged.connect(lambda _text: self._typing.start())
        self.filter.returnPressed.connect(self._on_filter_entered)
        self.filter.down.connect(self._on_filter_down)
        self.sort.currentIndexChanged.connect(self._on_sort_changed)
        self.list.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.list.activated.connect(lambda _index: self.chosen.emit())
        self.list.customContextMenuRequested.connect(self._on_context_menu)
        self.model.modelReset.connect(self._on_model_reset)
        self.list.setCurrentIndex(self.model.index(ALL_ROW))

    def document_id(self) -> int | None:
        """Return the chosen document's id (None: all briefings)."""
        return self._document_id

    def select_document(self, document_id: int | None) -> None:
        """Choose ``document_id`` (None: all briefings), selecting its row if it is listed."""
        row = self.model.row_of(document_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
            return
        self.list.clearSelection()
        self._choose(document_id)

    def focus_filter(self) -> None:
        """Put the cursor in the filter line, its text selected (Ctrl+B)."""
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def refresh(self) -> None:
        """Read the list again (new documents, counts, unread marks), keeping the choice."""
        self.model.refresh()

    def context_menu(self, position: QPoint) -> QMenu | None:
        """Return the menu of the briefing at ``position`` (the list's), choosing it first.

        None where there is no briefing (empty space, "All briefings").
        """
        index = self.list.indexAt(position)
        document_id = self.model.document_id(index.row()) if index.isValid() else None
        if document_id is None:
            return None
        self.list.setCurrentIndex(index)
        menu = QMenu(self.list)
        menu.addAction(EDIT_DETAILS, lambda: self.details_requested.emit(document_id))
        return menu

    def _on_context_menu(self, position: QPoint) -> None:
        menu = self.context_menu(position)
        if menu is not None:
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.list.viewport().mapToGlobal(position))

    def _choose(self, document_id: int | None) -> None:
        if document_id != self._document_id:
            self._document_id = document_id
            self.document_selected.emit(document_id)

    def _apply_filter(self) -> None:
        self._typing.stop()
        self.model.set_filter(self.filter.text())

    def _on_filter_entered(self) -> None:
        """Enter in the filter: choose the first briefing listed and go to the list."""
        self._apply_filter()
        first = min(ALL_ROW + 1, self.model.rowCount() - 1)
        self.list.setCurrentIndex(self.model.index(first))
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_filter_down(self) -> None:
        self._apply_filter()
        if not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.model.index(min(1, self.model.rowCount() - 1)))
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_sort_changed(self, _position: int) -> None:
        self.model.set_order(str(self.sort.currentData()))

    def _on_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self._choose(self.model.document_id(indexes[0].row()))

    def _on_model_reset(self) -> None:
        """Select the chosen briefing again if the new list shows it."""
        row = self.model.row_of(self._document_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))


class BriefingsController(QObject):
    """Narrows the claims list to the chosen briefing and marks it read the first time."""

    def __init__(
        self,
        library: Library,
        claims: ClaimListController,
        claims_view: QWidget,
        show_error: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library, self._claims, self._show_error = library, claims, show_error
        self.pane = BriefingsPane(library)
        self.pane.document_selected.connect(self._on_document_selected)
        self.pane.chosen.connect(lambda: claims_view.setFocus(Qt.FocusReason.OtherFocusReason))

    def refresh(self) -> None:
        """Read the list again after the library changed."""
        try:
            self.pane.refresh()
        except BriefingError as error:
            self._show_error(str(error))

    def _on_document_selected(self, document_id: int | None) -> None:
        self._claims.set_document(document_id)
        if document_id is None:
            return
        try:
            if self._library.mark_opened(document_id):
                self.pane.model.mark_read(document_id)
        except BriefingError as error:
            self._show_error(f"Could not mark the briefing as read: {error}")


def left_column(navigator: QListView, briefings: BriefingsPane) -> QSplitter:
    """Return the left column: the themes above the briefings, Tab going down through both."""
    column = QSplitter(Qt.Orientation.Vertical)
    themes = titled("Themes", navigator, "counts follow the briefing")
    column.addWidget(themes)
    column.addWidget(titled("Briefings", briefings, "Ctrl+B"))
    column.setChildrenCollapsible(False)
    column.setHandleWidth(6)
    column.setStretchFactor(1, 1)
    # The themes get what their rows need (and a spare row); the briefings the rest.
    rows = navigator.model().rowCount() if navigator.model() else 0
    heading = themes.sizeHint().height() - navigator.sizeHint().height()
    spare = navigator.sizeHintForRow(0) if rows else 24
    wanted = sum(navigator.sizeHintForRow(r) for r in range(rows)) + spare + heading
    column.setSizes([wanted + 2 * navigator.frameWidth(), 10 * wanted])
    QWidget.setTabOrder(navigator, briefings.filter)
    QWidget.setTabOrder(briefings.filter, briefings.sort)
    QWidget.setTabOrder(briefings.sort, briefings.list)
    return column
