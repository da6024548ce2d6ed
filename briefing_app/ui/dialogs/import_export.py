"""File ▸ Import (files, drops, the clipboard) and Export: dialogs, progress, background work."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject, QSettings, Qt
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from briefing_app.domain.library import ClaimFilter, ExportScope, ImportResult
from briefing_app.services.library import Library
from briefing_app.typing_compat import override
from briefing_app.ui.background import LibraryOp, Progress, run_in_background
from briefing_app.ui.dialogs.messages import show_error

EXPORT_FILTERS = {
    "md": "Markdown (*.md)",
    "json": "JSON, briefing-app/1 (*.json)",
    "csv": "CSV spreadsheet (*.csv)",
    "html": "HTML page (*.html)",
    "pdf": "PDF report (*.pdf)",
}
IMPORT_FILTER = (
    "Briefings (*.txt *.text *.md *.html *.htm *.pdf *.docx *.eml);;"
    "Text (*.txt *.text *.md);;Web pages (*.html *.htm);;PDF (*.pdf);;Word (*.docx);;"
    "E-mail (*.eml);;All files (*)"
)
CLIPBOARD_NAME = "clipboard"
_DRAGS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
CANCELLED = "Import cancelled: nothing was imported."
# What an import does in the background: work(report, cancelled) -> results.
ImportWork = Callable[[Progress, Callable[[], bool]], list[ImportResult]]


def import_summary(results: list[ImportResult]) -> str:
    """Return one line saying what an import did."""
    new = [r for r in results if not r.already_present]
    claims = sum(r.claims for r in new)
    text = f"Imported {len(new)} briefing{'s' if len(new) != 1 else ''}, {claims} claims"
    present = len(results) - len(new)
    if present:
        text += f"; {present} already in the library"
    warnings = sum(len(r.warnings) for r in results)
    return text + (f"; {warnings} warning{'s' if warnings != 1 else ''}" if warnings else "")


def _progress_dialog(
    parent: QWidget, title: str, steps: int, cancellable: bool = False
) -> QProgressDialog:
    dialog = QProgressDialog(title, "Cancel", 0, max(steps, 1), parent)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


def ask_import_paths(parent: QWidget) -> list[Path]:
    """Ask for briefing files to import."""
    names, _filter = QFileDialog.getOpenFileNames(parent, "Import briefings", "", IMPORT_FILTER)
    return [Path(name) for name in names]


def dropped_paths(mime: QMimeData | None) -> list[Path]:
    """Return the local files a drag carries (none for text, links or remote files)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def clipboard_content(mime: QMimeData | None) -> tuple[str, str, str]:
    """Return (content, kind, text) of the clipboard: its HTML when it has one, else its text."""
    html = mime.html() if mime is not None and mime.hasHtml() else ""
    text = mime.text() if mime is not None and mime.hasText() else ""
    return (html, "html", text) if html.strip() else (text, "text", text)


class Importer(QObject):
    """Imports into the window's library: chosen files, files dropped on it, the clipboard.

    The work runs off the GUI thread with a progress dialog (per page for a long PDF)
    whose Cancel stops it; a cancelled or failed import stores nothing, and a failure
    is one message box.
    """

    def __init__(
        self,
        window: QWidget,
        library: Library,
        callbacks: tuple[Callable[[], object], Callable[[list[ImportResult]], None]],
        status: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window, self._library, self._status = window, library, status
        # Called before an import starts (e.g. save the note being typed), and after it.
        self._before, self._done = callbacks
        # The progress dialog of the import under way (tests reach it here).
        self.dialog: QProgressDialog | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Accept files dragged over the window, and import them when they are dropped."""
        if watched is self._window and event.type() in _DRAGS and isinstance(event, QDropEvent):
            paths = dropped_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                if event.type() == QEvent.Type.Drop:
                    self.import_paths(paths)
                return True
        return super().eventFilter(watched, event)

    def import_paths(self, paths: list[Path]) -> LibraryOp | None:
        """Import files (all or none); None when there is nothing to import."""
        if not paths:
            return None
        library = self._library

        def work(report: Progress, cancelled: Callable[[], bool]) -> list[ImportResult]:
            return library.import_files(paths, report, cancelled)

        return self._start("Importing briefings…", len(paths), work)

    def import_clipboard(self, mime: QMimeData | None = None) -> LibraryOp:
        """Import what the clipboard (or ``mime``) holds: its HTML if any, else its text."""
        if mime is None:
            mime = QGuiApplication.clipboard().mimeData()
        content, kind, text = clipboard_content(mime)
        library = self._library

        def work(_report: Progress, _cancelled: Callable[[], bool]) -> list[ImportResult]:
            return [library.import_text(content, kind, CLIPBOARD_NAME, plain=text)]

        return self._start("Importing from the clipboard…", 1, work)

    def _start(self, title: str, steps: int, work: ImportWork) -> LibraryOp:
        self._before()
        dialog = _progress_dialog(self._window, title, steps, cancellable=True)
        self.dialog = dialog
        stop = threading.Event()
        dialog.canceled.connect(stop.set)

        def progress(step: int, total: int, message: str) -> None:
            if not stop.is_set():
                dialog.setMaximum(max(total, 1))
                dialog.setValue(step)
                dialog.setLabelText(message)

        def finish() -> None:
            dialog.canceled.disconnect(stop.set)  # closing the dialog emits canceled
            dialog.close()
            dialog.deleteLater()
            if self.dialog is dialog:
                self.dialog = None

        def succeeded(results: Any) -> None:
            finish()
            self._done(list(results))

        def failed(message: str) -> None:
            finish()
            if stop.is_set():  # the user cancelled: nothing to report but that
                self._status(CANCELLED)
            else:
                show_error(self._window, "Import failed", f"{message}\n\nNothing was imported.")

        def run(report: Progress) -> list[ImportResult]:
            return work(report, stop.is_set)

        return run_in_background(run, succeeded, failed, progress)


def ask_export_target(parent: QWidget, folder: Path | None = None) -> tuple[Path, str] | None:
    """Ask where to export and in which format (from the filter or the file's suffix).

    The dialog opens in ``folder`` (the last one exported to), else the home folder.
    """
    start = (folder if folder is not None and folder.is_dir() else Path.home()) / "briefing.md"
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export", str(start), ";;".join(EXPORT_FILTERS.values())
    )
    if not name:
        return None
    path = Path(name)
    suffix = path.suffix.lower().lstrip(".")
    if suffix in EXPORT_FILTERS:
        return path, suffix
    fmt = next((key for key, label in EXPORT_FILTERS.items() if label == chosen), "md")
    return path.with_name(path.name + "." + fmt), fmt


def start_export(
    parent: QWidget,
    library: Library,
    target: Path,
    fmt: str,
    done: Callable[[Path], None],
    scope: ExportScope | None = None,
) -> LibraryOp:
    """Write the export in the background, whole or not at all (never over the library)."""
    dialog = _progress_dialog(parent, "Exporting…", 1)
    chosen = scope or ExportScope()

    def work(_report: Progress) -> Path:
        if fmt == "pdf":
            from briefing_app.ui.reports.pdf import write_pdf

            write_pdf(library, target, library.file, chosen)
        else:
            from briefing_app.services.export import export_to_file

            export_to_file(library, fmt, target, library.file, chosen)
        return target

    def succeeded(path: Any) -> None:
        dialog.close()
        done(Path(path))

    def failed(message: str) -> None:
        dialog.close()
        show_error(parent, "Export failed", message)

    return run_in_background(work, succeeded, failed)


@dataclass(frozen=True, slots=True)
class ExportView:
    """What the window shows when the user asks to export: its filter, query and claim."""

    claim_filter: ClaimFilter
    query: str
    selected: int | None


EXPORT_FOLDER_KEY = "export/folder"


def export_view(
    parent: QWidget,
    library: Library,
    settings: QSettings,
    view: ExportView,
    done: Callable[[Path], None],
) -> LibraryOp | None:
    """Ask which claims (view, selection, library) and where, then export in the background.

    The file dialog opens in the folder exported to last time.
    """
    from briefing_app.ui.reports.scope import ask_export_scope  # loaded when first used

    selected = [view.selected] if view.selected is not None else []
    scope = ask_export_scope(parent, library, view.claim_filter, view.query, selected)
    if scope is None:
        return None
    folder = settings.value(EXPORT_FOLDER_KEY)
    target = ask_export_target(parent, Path(str(folder)) if folder else None)
    if target is None:
        return None
    settings.setValue(EXPORT_FOLDER_KEY, str(target[0].parent))
    return start_export(parent, library, *target, done=done, scope=scope)
