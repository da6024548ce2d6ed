"""Saved searches in the navigator: save the search box's query, rename, delete (Ctrl+S)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu, QWidget

from briefing_app.domain.errors import BriefingError
from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui.dialogs.messages import ask, ask_text
from briefing_app.ui.navigator.theme_navigator import ThemeNavigator, ThemeNavigatorModel
from briefing_app.ui.search_box import SearchBox
from briefing_app.ui.status_line import SEARCH, StatusLine


class SavedSearchController(QObject):
    """Saves, renames and deletes saved searches, and offers them in the navigator's menu."""

    def __init__(
        self,
        library: Library,
        navigator: ThemeNavigator,
        search: SearchBox,
        status: StatusLine,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._library, self._navigator, self._search = library, navigator, search
        self._say, self._warn, self._window = status.say, status.warn, window
        navigator.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        navigator.customContextMenuRequested.connect(self._on_menu)

    def _model(self) -> ThemeNavigatorModel:
        return self._navigator.navigator_model()

    def save_current(self) -> None:
        """Save the search box's query under a name the user gives."""
        query = self._search.query().strip()
        if not query:
            self._say("Type a search first, then save it with Ctrl+S.", SEARCH)
            return
        name = ask_text(self._window, "Save search", "Name of the saved search:", query[:40])
        if name is None:
            return
        try:
            self._library.save_search(name, query)
        except BriefingError as error:
            self._warn(f"The search was not saved: {error}")
            return
        self._model().refresh()
        self._say(f"Saved the search “{name}”.")

    def rename(self, saved_id: int, current: str) -> None:
        """Ask for a new name for a saved search."""
        name = ask_text(self._window, "Rename saved search", "New name:", current)
        if name is None or name == current:
            return
        try:
            self._library.rename_search(saved_id, name)
        except BriefingError as error:
            self._warn(f"Not renamed: {error}")
        self._model().refresh()

    def delete(self, saved_id: int, name: str) -> None:
        """Delete a saved search after asking."""
        if not ask(self._window, "Delete saved search", f"Delete the saved search “{name}”?"):
            return
        try:
            self._library.delete_search(saved_id)
        except BriefingError as error:
            self._warn(f"Not deleted: {error}")
        self._model().refresh()
        self._navigator.select_filter(ClaimFilter())

    def _on_menu(self, position: QPoint) -> None:
        index = self._navigator.indexAt(position)
        if not index.isValid():
            return
        entry = self._model().entry(index.row())
        if entry.saved_id is None:
            return
        menu = QMenu(self._window)
        saved_id = entry.saved_id
        menu.addAction("&Rename…", lambda: self.rename(saved_id, entry.label))
        menu.addAction("&Delete", lambda: self.delete(saved_id, entry.label))
        menu.exec(self._navigator.viewport().mapToGlobal(position))
