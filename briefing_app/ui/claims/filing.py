"""Filing and grading the selected claim: the File under actions, the context menu, grades."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from briefing_app.domain.errors import BriefingError
from briefing_app.domain.library import Claim, Theme
from briefing_app.services.library import Library
from briefing_app.ui.claims.analyst_edits import AnalystEdits
from briefing_app.ui.claims.claim_menu import (
    ClaimMenuHandlers,
    add_theme_menus,
    build_claim_menu,
)
from briefing_app.ui.claims.claim_table_view import ClaimTableView
from briefing_app.ui.navigator.theme_navigator import ThemeNavigatorModel
from briefing_app.ui.status_line import EDIT

if TYPE_CHECKING:
    from briefing_app.ui.main_window import MainWindow

FILE_UNDER_KEYS = range(1, 10)
# An edit of a claim's themes, and what the status bar says once it is made.
ThemeEdit = Callable[[Claim, Theme], None]


class FilingController(QObject):
    """Files the current claim under a theme (keys 1-9, menu) and grades it, undoably."""

    def __init__(
        self,
        library: Library,
        edits: AnalystEdits,
        navigator: ThemeNavigatorModel,
        claims: ClaimTableView,
        menu_handlers: Callable[[], tuple[Callable[[], None], Callable[[], None]]],
        window: MainWindow,
    ) -> None:
        super().__init__(window)
        warn = window.show_error
        self._library, self._edits, self._navigator, self._claims = (
            library,
            edits,
            navigator,
            claims,
        )
        self._menu_handlers, self._warn, self._window = menu_handlers, warn, window
        # Registered actions the context menu offers too (corrections, copy with citation).
        self.menu_actions: list[QAction] = []
        claims.customContextMenuRequested.connect(self._on_context_menu)
        window.card.override_requested.connect(self.override)

    def current_claim(self) -> Claim | None:
        """Return the selected claim, freshly read."""
        claim_id = self._claims.current_claim_id()
        return self._library.claim(claim_id) if claim_id is not None else None

    def update_actions(self, actions: dict[int, QAction]) -> None:
        """Name the File under actions after the themes in their order (hide the rest)."""
        themes = self._navigator.themes()
        for position, action in actions.items():
            theme = themes[position - 1] if position <= len(themes) else None
            action.setVisible(theme is not None)
            action.setEnabled(theme is not None)
            if theme is not None:
                action.setText(theme.label.replace("&", "&&"))

    def file_under(self, position: int) -> None:
        """File the current claim under the theme at ``position`` (1-9) as its primary theme."""
        themes = self._navigator.themes()
        claim = self.current_claim()
        if claim is None or not 1 <= position <= len(themes):
            return
        self._edit(self._edits.file_under, "Filed under")(claim, themes[position - 1])

    def grade(self, claim_id: int, reliability: str, credibility: int) -> None:
        """Grade a claim on the Admiralty scale (undoable)."""
        try:
            self._edits.grade(self._library.claim(claim_id), reliability, credibility)
        except BriefingError as error:
            self._warn(str(error))

    def override(self, claim_id: int, reliability: str | None) -> None:
        """Grade one claim's reliability on its own, or let its source's apply (undoable)."""
        try:
            self._edits.override_reliability(self._library.claim(claim_id), reliability)
        except BriefingError as error:
            self._warn(str(error))

    def _edit(self, edit: ThemeEdit, done: str) -> ThemeEdit:
        """Return ``edit`` saying ``done`` and the theme once it is made (not if it failed).

        The message is the last edit's: it goes when the undo stack moves on.
        """

        def edit_and_say(claim: Claim, theme: Theme) -> None:
            stack = self._window.undo_stack
            index = stack.index()
            edit(claim, theme)
            if stack.index() != index:  # a failed edit leaves the stack; it said why
                self._window.status.say(f"{done} {theme.label}. Ctrl+Z undoes it.", EDIT)

        return edit_and_say

    def _handlers(self) -> ClaimMenuHandlers:
        edits = self._edits
        new_note, copy_claim = self._menu_handlers()
        return ClaimMenuHandlers(
            self._edit(edits.move_to_theme, "Moved to"),
            self._edit(edits.also_file_under, "Also filed under"),
            self._edit(edits.remove_from_theme, "Removed from"),
            new_note,
            copy_claim,
        )

    def claim_menu(self, claim: Claim) -> QMenu:
        """Return the context menu for ``claim``."""
        themes = self._navigator.themes()
        return build_claim_menu(self._window, claim, themes, self._handlers(), self.menu_actions)

    def follow_in(self, menu: QMenu) -> None:
        """Give ``menu`` (the menu bar's Claim menu) Move / Also file under / Remove submenus.

        They are rebuilt for the selected claim each time the menu opens.
        """
        shown: list[QAction] = []

        def rebuild() -> None:
            for action in shown:
                menu.removeAction(action)
            shown.clear()
            shown.append(menu.addSeparator())
            claim = self.current_claim()
            shown.extend(add_theme_menus(menu, claim, self._navigator.themes(), self._handlers()))

        menu.aboutToShow.connect(rebuild)
        rebuild()

    def _on_context_menu(self, position: QPoint) -> None:
        index = self._claims.indexAt(position)
        if index.isValid():
            self._claims.select_row(index.row())
        claim = self.current_claim()
        if claim is not None:
            self.claim_menu(claim).exec(self._claims.viewport().mapToGlobal(position))
