"""The window's menu bar, built from the action registry, and the Undo/Redo actions' wiring."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu


def build_menu_bar(window: QMainWindow, a: dict[str, QAction]) -> tuple[QMenu, QMenu]:
    """Fill the window's menu bar; return the Claim menu and its File under submenu."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([a["open_library"], a["open_team_library"]])
    file_menu.addSeparator()
    file_menu.addActions([a["import"], a["import_clipboard"], a["export"]])
    file_menu.addSeparator()
    file_menu.addAction(a["restore_backup"])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit = bar.addMenu("&Edit")
    edit.addActions([a["undo"], a["redo"]])
    edit.addSeparator()
    edit.addActions(
        [
            a["search"],
            a["save_search"],
            a["new_note"],
            a["delete_note"],
            a["copy_claim"],
            a["copy_citation"],
        ]
    )
    edit.addAction(a["deleted_notes"])
    edit.addSeparator()
    edit.addAction(a["edit_briefing"])
    edit.addAction(a["analyst_name"])
    claim = bar.addMenu("&Claim")
    claim.addActions([a["next_claim"], a["previous_claim"], a["focus_notes"]])
    file_under_menu = claim.addMenu("&File under")
    file_under_menu.addActions([a[f"file_under_{n}"] for n in range(1, 10)])
    claim.addSeparator()
    claim.addActions([a["not_a_claim"], a["this_is_a_claim"], a["merge_with_next"]])
    view = bar.addMenu("&View")
    view.addActions([a["sort_document"], a["sort_theme"]])
    view.addSeparator()
    colours = view.addMenu("&Colours")
    group = QActionGroup(window)
    for name in ("scheme_system", "scheme_light", "scheme_dark"):
        group.addAction(a[name])
        colours.addAction(a[name])
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([a["shortcuts"], a["about"]])
    return claim, file_under_menu


def wire_undo(stack: QUndoStack, undo: QAction, redo: QAction) -> None:
    """Make Undo and Redo follow the stack: enabled when they can act, named after the step."""
    undo.triggered.connect(stack.undo)
    redo.triggered.connect(stack.redo)
    undo.setEnabled(False)
    redo.setEnabled(False)
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.undoTextChanged.connect(lambda text: undo.setText(f"&Undo {text}" if text else "&Undo"))
    stack.redoTextChanged.connect(lambda text: redo.setText(f"&Redo {text}" if text else "&Redo"))
