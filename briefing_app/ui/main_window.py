"""The main window: search on top; themes | claims | source, article and notes.

The window builds the layout and menus and wires signals to slots; the list
logic lives in ``ClaimListController`` and each pane in its own module.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing_app.typing_compat import override

if TYPE_CHECKING:  # dialogs are loaded when first opened, not at start-up
    from briefing_app.ui.dialogs.choice_dialog import ChoiceDialog
    from briefing_app.ui.dialogs.shortcut_sheet import ShortcutSheet

from briefing_app.domain.errors import BriefingError
from briefing_app.domain.library import Claim, ImportResult
from briefing_app.services.library import Library
from briefing_app.ui.actions import LIST, SPECS, build_actions
from briefing_app.ui.analyst_name import apply_saved_name, ask_name
from briefing_app.ui.appearance import SCHEMES, ColourSchemes
from briefing_app.ui.article.article_view import ArticleView
from briefing_app.ui.background import run_in_background
from briefing_app.ui.claims.analyst_edits import AnalystEdits
from briefing_app.ui.claims.claim_list_controller import ClaimListController
from briefing_app.ui.claims.claim_table_model import COL_PARAGRAPH, COL_THEMES, ClaimTableModel
from briefing_app.ui.claims.claim_table_view import ClaimTableView
from briefing_app.ui.claims.commands import Listeners, UndoStack
from briefing_app.ui.claims.corrections import CorrectionsController
from briefing_app.ui.claims.current_claim import CurrentClaimPanes
from briefing_app.ui.claims.document_claims import DocumentClaims
from briefing_app.ui.claims.filing import FILE_UNDER_KEYS, FilingController
from briefing_app.ui.claims.source_card import SourceCard
from briefing_app.ui.dialogs.import_export import (
    ExportView,
    Importer,
    ask_import_paths,
    export_view,
    import_summary,
)
from briefing_app.ui.dialogs.messages import ask, show_about, show_overtaken
from briefing_app.ui.live_refresh import LiveRefresh
from briefing_app.ui.menus import build_menu_bar, wire_undo
from briefing_app.ui.navigator.briefings import BriefingsController, left_column
from briefing_app.ui.navigator.document_edits import DocumentEditsController
from briefing_app.ui.navigator.saved_searches import SavedSearchController
from briefing_app.ui.navigator.theme_navigator import ThemeNavigator, ThemeNavigatorModel
from briefing_app.ui.notes.notes_panel import NotesPanel
from briefing_app.ui.plain_text import plain_label
from briefing_app.ui.search_box import SearchBox
from briefing_app.ui.sections import titled
from briefing_app.ui.status_line import SEARCH, StatusLine
from briefing_app.ui.window_state import last_claim, restore_window_state, save_window_state

# Work that the first page does not need starts this long after the window is built.
AFTER_FIRST_PAINT_MS = 300
# The last claim shown is looked for among this many rows when the window opens.
INITIAL_SEEK_ROWS = 20_000
DEFAULT_SIZE = (1400, 860)
TEAM_BACKUPS = (
    "A team library has no backups here: its server's administrator backs it up "
    "(pg_dump) and restores it."
)


def _open_another(window: MainWindow, library: Library, settings: QSettings, *, team: bool) -> None:
    from briefing_app.ui.dialogs.open_library import open_another  # when first used

    open_another(window, library, settings, team=team)


class MainWindow(QMainWindow):
    """The reader window over one library."""

    library_changed = Signal()
    restore_requested = Signal(Path)
    open_requested = Signal(str)  # another library: a file's path or a team library's URL

    def __init__(
        self, library: Library, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._library, self._settings = library, settings
        apply_saved_name(library, settings)
        self._background_started = False
        name = library.file.name if library.file is not None else library.location
        self.setWindowTitle(f"Briefing reader: {name}")
        self.undo_stack = UndoStack(self)
        self.status = StatusLine(self.statusBar())
        self.status.follow(self.undo_stack)
        self.action_map = build_actions(self)
        self.edits = AnalystEdits(
            library,
            self.undo_stack,
            Listeners(changed=self._on_claim_edited, failed=self.show_error),
        )
        self._build_panes()
        self._build_layout()
        self._build_menus()
        self._connect()
        self.resize(*DEFAULT_SIZE)
        restored = restore_window_state(settings, self, self.splitters, self.headers)
        self.colours = ColourSchemes(
            settings,
            {scheme: self.action_map[f"scheme_{scheme}"] for scheme in SCHEMES},
            self.article.refresh_formats,
            self,
        )
        self._update_theme_actions()
        self.controller.refresh()
        if not restored:
            self.claims.fit_theme_column()
        self._select_initial_claim()
        self._show_open_warnings()
        QTimer.singleShot(AFTER_FIRST_PAINT_MS, self, self.start_background_work)

    # building
    def _build_panes(self) -> None:
        self.search = SearchBox()
        self.navigator_model = ThemeNavigatorModel(self._library, self)
        self.navigator = ThemeNavigator(self.navigator_model)
        self.claim_model = ClaimTableModel(self._library, self)
        self.claims = ClaimTableView(self.claim_model)
        self.card = SourceCard()
        self.article = ArticleView()
        self.notes = NotesPanel(self._library, self.undo_stack)
        self.importer = Importer(
            self, self._library, (self.notes.flush, self._on_imported), self.show_status
        )  # files, drops on the window, the clipboard
        self.document_claims = DocumentClaims(self._library)
        self.controller = ClaimListController(
            self._library, self.navigator, self.search, self.claims, self
        )
        self.briefings = BriefingsController(
            self._library, self.controller, self.claims, self.show_error, self
        )
        self.saved_searches = SavedSearchController(
            self._library, self.navigator, self.search, self.status, self
        )
        self.filing = FilingController(
            self._library,
            self.edits,
            self.navigator_model,
            self.claims,
            lambda: (self.notes.new_note, self._on_copy_claim),
            self,
        )
        self.corrections = CorrectionsController(self._library, self)
        self.document_edits = DocumentEditsController(self._library, self)

    def _build_layout(self) -> None:
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.addWidget(titled("Source", self.card))
        self.right_splitter.addWidget(titled("Article", self.article, "selected claim marked"))
        self.right_splitter.addWidget(titled("Notes", self.notes, "saved as you type"))
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.left_splitter = left_column(self.navigator, self.briefings.pane)
        self.main_splitter.addWidget(self.left_splitter)
        self.main_splitter.addWidget(titled("Claims", self.claims))
        self.main_splitter.addWidget(self.right_splitter)
        for splitter in (self.main_splitter, self.right_splitter):
            splitter.setChildrenCollapsible(False)
            splitter.setHandleWidth(6)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([200, 780, 520])
        self.right_splitter.setSizes([310, 300, 190])
        self.splitters = {
            "main": self.main_splitter,
            "right": self.right_splitter,
            "left": self.left_splitter,
        }
        self.headers = {"claims": self.claims.horizontalHeader()}
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)
        self.library_label = plain_label(self._library.location, wrap=False)
        self.library_label.setEnabled(False)
        self.statusBar().addPermanentWidget(self.library_label)

    def _build_menus(self) -> None:
        self.claim_menu_bar, self.file_under_menu = build_menu_bar(self, self.action_map)
        self.filing.follow_in(self.claim_menu_bar)
        for name, action in self.action_map.items():
            (self.claims if SPECS[name].scope == LIST else self).addAction(action)

    def _connect(self) -> None:
        a = self.action_map
        a["search"].triggered.connect(self.search.focus)
        a["save_search"].triggered.connect(self.saved_searches.save_current)
        a["escape"].triggered.connect(self._on_escape)
        a["next_claim"].triggered.connect(lambda: self.claims.step(1))
        a["previous_claim"].triggered.connect(lambda: self.claims.step(-1))
        a["focus_notes"].triggered.connect(self.notes.focus_editor)
        a["new_note"].triggered.connect(self.notes.new_note)
        a["delete_note"].triggered.connect(self.notes.delete_note)
        a["copy_claim"].triggered.connect(self._on_copy_claim)
        for position in range(1, 10):
            a[f"file_under_{position}"].triggered.connect(partial(self.filing.file_under, position))
        wire_undo(self.undo_stack, a["undo"], a["redo"])
        a["import"].triggered.connect(lambda: self.importer.import_paths(ask_import_paths(self)))
        a["import_clipboard"].triggered.connect(lambda: self.importer.import_clipboard())
        a["deleted_notes"].triggered.connect(self.show_deleted_notes)
        a["restore_backup"].triggered.connect(self.show_restore_backup)
        library, settings = self._library, self._settings
        a["open_library"].triggered.connect(
            lambda: _open_another(self, library, settings, team=False)
        )
        a["open_team_library"].triggered.connect(
            lambda: _open_another(self, library, settings, team=True)
        )
        a["analyst_name"].triggered.connect(lambda: ask_name(self, self._library, self._settings))
        if self._library.file is None:  # a team library: its server's administrator backs it up
            a["restore_backup"].setEnabled(False)
            a["restore_backup"].setStatusTip(TEAM_BACKUPS)
        a["export"].triggered.connect(self._on_export)
        a["quit"].triggered.connect(self.close)
        a["sort_document"].triggered.connect(
            lambda: self.claims.sortByColumn(COL_PARAGRAPH, Qt.SortOrder.AscendingOrder)
        )
        a["sort_theme"].triggered.connect(
            lambda: self.claims.sortByColumn(COL_THEMES, Qt.SortOrder.AscendingOrder)
        )
        a["shortcuts"].triggered.connect(self.show_shortcuts)
        a["about"].triggered.connect(lambda: show_about(self))
        self.panes = CurrentClaimPanes(self._library, self)
        self.card.grading_requested.connect(self.filing.grade)
        self.notes.notes_changed.connect(self._on_claim_edited)
        self.notes.error.connect(self.show_error)
        self.notes.overtook.connect(lambda theirs, yours: show_overtaken(self, theirs, yours))
        self.controller.error.connect(self.show_error)
        self.controller.hints.connect(lambda hints: self.status.hint(SEARCH, hints))
        self.library_changed.connect(self._on_library_changed)
        self.live = LiveRefresh(self._library, self)
        self.live.changed.connect(self._on_changed_elsewhere)
        self.live.failed.connect(self.show_error)
        a["briefings"].triggered.connect(self.briefings.pane.focus_filter)
        self.library_changed.connect(self.briefings.refresh)

    def show_deleted_notes(self) -> ChoiceDialog:
        """Open the list of deleted notes (restoring one updates the window)."""
        self.notes.flush()
        from briefing_app.ui.notes.deleted_notes import deleted_notes_dialog

        dialog = deleted_notes_dialog(self._library, self._on_claim_edited, self.show_error, self)
        dialog.finished.connect(lambda _result: self.notes.reload())
        dialog.open()
        return dialog

    def show_restore_backup(self) -> ChoiceDialog | None:
        """Open the list of backups; a confirmed choice asks the app to restore and reopen."""
        self.notes.flush()
        if self._library.file is None:
            self.show_error(TEAM_BACKUPS)
            return None
        from briefing_app.ui.dialogs.restore_backup import restore_backup_dialog  # rarely used

        dialog = restore_backup_dialog(self._library.path, self.restore_requested.emit, self)
        dialog.open()
        return dialog

    def start_background_work(self) -> None:
        """Take today's backup off the GUI thread, once the first page is showing.

        Only the first call does anything.
        """
        if self._background_started:
            return
        self._background_started = True
        library = self._library

        def work(_progress: object) -> list[str]:
            return library.take_daily_backup()

        run_in_background(work, self._on_background_work_done, self.show_error)

    def _on_background_work_done(self, warnings: list[str]) -> None:
        for warning in warnings:
            self.show_error(warning)

    def _show_open_warnings(self) -> None:
        for warning in self._library.warnings:
            self.show_error(warning)

    def _select_initial_claim(self) -> None:
        claim_id = last_claim(self._settings)
        # Only a cheap look: the first paint must not wait for a long list to be read.
        if claim_id is None or not self.claims.select_claim(claim_id, INITIAL_SEEK_ROWS):
            self.claims.select_row(0)
        self.claims.setFocus()

    # what the user sees
    def current_claim(self) -> Claim | None:
        """Return the selected claim, freshly read."""
        return self.filing.current_claim()

    def show_status(self, text: str) -> None:
        """Say something in the status bar for a while."""
        self.status.say(text)

    def show_error(self, text: str) -> None:
        """Say what went wrong in the status bar, longer than other messages."""
        self.status.warn(text)

    def _on_escape(self) -> None:
        focus = QApplication.focusWidget()
        if self.search.query() and focus in (self.search.edit, self.claims):
            self.search.clear()
        self.claims.setFocus()

    def _on_copy_claim(self) -> None:
        claim = self.current_claim()
        if claim is not None:
            QGuiApplication.clipboard().setText(claim.text)
            self.show_status("Claim text copied.")

    def _update_theme_actions(self) -> None:
        self.filing.update_actions({n: self.action_map[f"file_under_{n}"] for n in FILE_UNDER_KEYS})

    # changes
    def _on_claim_edited(self, _claim_id: int) -> None:
        self.library_changed.emit()

    def _on_changed_elsewhere(self) -> None:
        self.document_claims.invalidate()
        self.library_changed.emit()
        try:
            self.notes.show_changes()
        except BriefingError as error:  # unreachable now: the watcher asks again later
            self.show_error(f"Could not show the latest notes: {error}")

    def _on_library_changed(self) -> None:
        try:
            self.navigator_model.refresh()
            self._update_theme_actions()
            self.controller.refresh()
            self.panes.refresh()
        except BriefingError as error:  # a server gone meanwhile: what is shown stays
            self.show_error(f"Could not re-read the library: {error}")

    # files
    def _on_imported(self, results: list[ImportResult]) -> None:
        self.document_claims.invalidate()
        self.library_changed.emit()
        self.show_status(import_summary(results))
        new = [r for r in results if not r.already_present and r.claims]
        if new and (first := self.document_claims.claims_of(new[0].document_id)):
            self.panes.select_from_article(first[0].id)

    def _on_export(self) -> None:
        selected = self.claims.current_claim_id()
        self.notes.flush()
        export_view(
            self,
            self._library,
            self._settings,
            ExportView(self.controller.current_filter(), self.search.query(), selected),
            done=lambda path: self.show_status(f"Exported to {path}"),
        )

    # view
    def show_shortcuts(self) -> ShortcutSheet:
        """Open the shortcut sheet (generated from the actions)."""
        from briefing_app.ui.dialogs.shortcut_sheet import ShortcutSheet

        sheet = ShortcutSheet(self.action_map, self)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()
        return sheet

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.notes.flush() and not ask(
            self, "Note not saved", "Your last note could not be saved. Close anyway and lose it?"
        ):
            event.ignore()
            return
        save_window_state(
            self._settings, self, self.splitters, self.headers, self.claims.current_claim_id()
        )
        event.accept()
