"""File ▸ Import and File ▸ Export: dialogs, progress, and the work off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from briefing_app.domain.library import ImportResult
from briefing_app.services.export import export_to_file
from briefing_app.services.library import Library
from briefing_app.ui.background import LibraryOp, Progress, run_in_background
from briefing_app.ui.dialogs.messages import show_error

EXPORT_FILTERS = {
    "md": "Markdown (*.md)",
    "json": "JSON, briefing-app/1 (*.json)",
    "csv": "CSV spreadsheet (*.csv)",
    "html": "HTML page (*.html)",
}
IMPORT_FILTER = "Briefings (*.txt *.text *.md);;All files (*)"


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


def _progress_dialog(parent: QWidget, title: str, steps: int) -> QProgressDialog:
    dialog = QProgressDialog(title, "", 0, max(steps, 1), parent)
    dialog.setCancelButton(None)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


def start_import(
    parent: QWidget, library: Library, paths: list[Path], done: Callable[[list[ImportResult]], None]
) -> LibraryOp:
    """Import ``paths`` in the background with a progress dialog; nothing is written on error."""
    dialog = _progress_dialog(parent, "Importing briefings…", len(paths))

    def progress(step: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(step)
        dialog.setLabelText(message)

    def succeeded(results: Any) -> None:
        dialog.close()
        done(list(results))

    def failed(message: str) -> None:
        dialog.close()
        show_error(parent, "Import failed", f"{message}\n\nNothing was imported.")

    def work(report: Progress) -> list[ImportResult]:
        return library.import_files(paths, report)

    return run_in_background(work, succeeded, failed, progress)


def ask_import_paths(parent: QWidget) -> list[Path]:
    """Ask for briefing files to import."""
    names, _filter = QFileDialog.getOpenFileNames(parent, "Import briefings", "", IMPORT_FILTER)
    return [Path(name) for name in names]


def ask_export_target(parent: QWidget) -> tuple[Path, str] | None:
    """Ask where to export and in which format (from the filter or the file's suffix)."""
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export library", "briefing-export.md", ";;".join(EXPORT_FILTERS.values())
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
    parent: QWidget, library: Library, target: Path, fmt: str, done: Callable[[Path], None]
) -> LibraryOp:
    """Write the export in the background, whole or not at all (never over the library)."""
    dialog = _progress_dialog(parent, "Exporting…", 1)

    def work(_report: Progress) -> Path:
        export_to_file(library, fmt, target, library.path)
        return target

    def succeeded(path: Any) -> None:
        dialog.close()
        done(Path(path))

    def failed(message: str) -> None:
        dialog.close()
        show_error(parent, "Export failed", message)

    return run_in_background(work, succeeded, failed)
