"""The claims list's context menu: move, add or remove themes; notes; copy."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from briefing_app.domain.library import Claim, Theme

MOVE_TO, ALSO_FILE, REMOVE_FROM = "Move to theme", "Also file under", "Remove from theme"


@dataclass(frozen=True, slots=True)
class ClaimMenuHandlers:
    """What the menu's entries do."""

    move_to: Callable[[Claim, Theme], None]
    also_file: Callable[[Claim, Theme], None]
    remove_from: Callable[[Claim, Theme], None]
    new_note: Callable[[], None]
    copy_text: Callable[[], None]


def _label(theme: Theme, position: int) -> str:
    label = theme.label.replace("&", "&&")
    return f"&{position}  {label}" if position <= 9 else label


def add_theme_menus(
    menu: QMenu, claim: Claim | None, themes: list[Theme], handlers: ClaimMenuHandlers
) -> list[QAction]:
    """Add Move to / Also file under / Remove from submenus for ``claim``; return them.

    Without a claim they are added disabled.
    """
    move, also, remove = menu.addMenu(MOVE_TO), menu.addMenu(ALSO_FILE), menu.addMenu(REMOVE_FROM)
    submenus = [move.menuAction(), also.menuAction(), remove.menuAction()]
    if claim is None:
        for action in submenus:
            action.setEnabled(False)
        return submenus
    filed = {t.key for t in claim.themes}
    primary = claim.primary_theme
    for position, theme in enumerate(themes, start=1):
        only_here = primary is not None and primary.key == theme.key and len(filed) == 1
        action = move.addAction(_label(theme, position))
        action.setEnabled(not only_here)
        action.triggered.connect(lambda _c=False, t=theme: handlers.move_to(claim, t))
        action = also.addAction(_label(theme, position))
        action.setEnabled(theme.key not in filed)
        action.triggered.connect(lambda _c=False, t=theme: handlers.also_file(claim, t))
        if theme.key in filed:
            action = remove.addAction(_label(theme, position))
            action.triggered.connect(lambda _c=False, t=theme: handlers.remove_from(claim, t))
    remove.setEnabled(bool(filed))
    return submenus


def build_claim_menu(
    parent: QWidget,
    claim: Claim,
    themes: list[Theme],
    handlers: ClaimMenuHandlers,
    extra: Sequence[QAction] = (),
) -> QMenu:
    """Return the context menu for ``claim`` (themes in navigator order).

    ``extra`` actions (corrections, copy with citation) follow, those enabled only.
    """
    menu = QMenu(parent)
    add_theme_menus(menu, claim, themes, handlers)
    menu.addSeparator()
    menu.addAction("New note", handlers.new_note)
    menu.addAction("Copy claim text", handlers.copy_text)
    enabled = [action for action in extra if action.isEnabled()]
    if enabled:
        menu.addSeparator()
        menu.addActions(enabled)
    return menu
