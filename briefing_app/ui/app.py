"""Start the window: resolve and lock the library, open it, show the window, run Qt."""

from __future__ import annotations

import os
import signal
import sys
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from briefing_app.domain.errors import BriefingError
from briefing_app.services.library import Library
from briefing_app.services.paths import APP_NAME, resolve_library_path, team_library_url
from briefing_app.ui.dialogs.messages import show_error
from briefing_app.ui.instance_lock import acquire_instance_lock, already_open_message
from briefing_app.ui.main_window import MainWindow

EXIT_ERROR = 2
# A library asked for from the File menu that could not be opened: the last one opens again.
NOT_OPENED = -1
# Benchmarks set these: quit once claims are visible (after scrolling to the end).
QUIT_WHEN_READY = "BRIEFING_APP_QUIT_WHEN_READY"
SCROLL_TO_END = "BRIEFING_APP_SCROLL_TO_END"
# Tests set this to a file: the modules loaded when the first claims are painted go there.
MODULES_AT_READY = "BRIEFING_APP_MODULES_AT_READY"
SIGNAL_POLL_MS = 500


def create_main_window(library: Library, settings: QSettings) -> MainWindow:
    """Return the main window over ``library`` (settings injected, so tests use tmp_path)."""
    return MainWindow(library, settings)


def application() -> QApplication:
    """Return the QApplication, creating it (Fusion style, app names) on first use."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Briefing reader")
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    app.setStyle("Fusion")
    return app


def save_notes_on_quit(app: QApplication, window: MainWindow) -> QTimer:
    """Flush the note being edited when the app quits or the process gets SIGTERM.

    Python runs signal handlers only between bytecodes, which a blocking Qt event
    loop never reaches; the returned timer wakes the interpreter twice a second.
    """
    app.aboutToQuit.connect(window.notes.flush)
    # No dialog on SIGTERM: save what can be saved and go.
    signal.signal(signal.SIGTERM, lambda _number, _frame: app.quit())
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(SIGNAL_POLL_MS)
    return wake


def report_ready_and_quit(app: QApplication, window: MainWindow) -> None:
    """For benchmarks: once the first claims are painted, say so on stdout and quit.

    With ``BRIEFING_APP_SCROLL_TO_END`` set (to measure memory), the window is first
    let settle, as it would in use: its background work done and its counts in; then
    the list is scrolled to its last row.
    """
    window.repaint()
    if os.environ.get(SCROLL_TO_END):
        window.start_background_work()
        QThreadPool.globalInstance().waitForDone()
        app.processEvents()  # deliver what the background work sent back
        model = window.claim_model
        while model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        window.claims.scrollToBottom()
        window.repaint()
    listing = os.environ.get(MODULES_AT_READY)
    if listing:
        Path(listing).write_text("\n".join(sorted(sys.modules)) + "\n", encoding="utf-8")
    print(f"READY {window.claim_model.rowCount()}", flush=True)
    app.quit()


@dataclass(frozen=True, slots=True)
class WindowClosed:
    """How a window ended: Qt's exit code, and what the user asked to open next, if anything.

    ``backup`` is a backup to put in place of the library; ``library`` another library
    to open (a file's path or a team library's URL).
    """

    code: int
    backup: Path | None = None
    library: str | None = None


def show_until_closed(app: QApplication, library: Library) -> WindowClosed:
    """Run the window over ``library`` until it closes; say what comes next."""
    asked: dict[str, object] = {}
    window = create_main_window(library, QSettings(APP_NAME, "window"))

    def _asked(key: str, value: object) -> None:
        asked[key] = value
        window.close()

    window.restore_requested.connect(lambda backup: _asked("backup", backup))
    window.open_requested.connect(lambda target: _asked("library", target))
    window.show()
    if os.environ.get(QUIT_WHEN_READY):
        QTimer.singleShot(0, lambda: report_ready_and_quit(app, window))
    wake = save_notes_on_quit(app, window)
    code = app.exec()
    wake.stop()
    QThreadPool.globalInstance().waitForDone()  # e.g. today's backup: let it finish
    backup, other = asked.get("backup"), asked.get("library")
    return WindowClosed(
        code,
        backup if isinstance(backup, Path) else None,
        other if isinstance(other, str) else None,
    )


def run_window(db: str | None) -> int:
    """Open the library at ``db`` (or the default one) in the window; return the exit status.

    ``db`` (else ``BRIEFING_APP_DB``) is a library file or a team library's URL. When
    the user opens another library from the File menu, the window closes and opens
    again on it.
    """
    app = application()
    target, previous = db, None
    while True:
        url = team_library_url(target)
        outcome = run_on_server(app, url) if url else run_on_file(app, target)
        if outcome == NOT_OPENED and previous is not None:
            target, previous = previous, None  # the message was shown: back to the last one
        elif isinstance(outcome, int):
            return EXIT_ERROR if outcome == NOT_OPENED else outcome
        else:
            target, previous = outcome, target


def run_on_server(app: QApplication, url: str) -> int | str:
    """Run the window over the team library at ``url``; return the exit status or what's next.

    Nothing to lock (the server serves many analysts) and nothing to restore (its
    administrator backs it up).
    """
    try:
        library = Library.open(url)
    except BriefingError as error:
        show_error(None, "Cannot open the team library", str(error))
        return NOT_OPENED
    try:
        closed = show_until_closed(app, library)
    finally:
        library.close()
    return closed.library if closed.library is not None else closed.code


def run_on_file(app: QApplication, db: str | None) -> int | str:
    """Run the window over a library file, locked for this process; return status or next.

    A restore of a backup chosen in the window closes it, puts the backup in
    place and opens the window again on the restored library.
    """
    path, is_default = resolve_library_path(db)
    if is_default:
        # The lock lives beside the library; Library.open reports a folder it cannot create.
        with suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
    lock = acquire_instance_lock(path) if path.parent.is_dir() else None
    if path.parent.is_dir() and lock is None:
        show_error(None, "Library already open", already_open_message(path))
        return NOT_OPENED
    try:
        while True:
            try:
                # The window takes today's backup once it is showing.
                library = Library.open(path, create_folder=is_default, seed=True, backup=False)
            except BriefingError as error:
                show_error(None, "Cannot open the library", str(error))
                return NOT_OPENED
            try:
                closed = show_until_closed(app, library)
            finally:
                library.close()
            if closed.backup is None:
                return closed.library if closed.library is not None else closed.code
            try:
                from briefing_app.services.backups import restore_backup  # rarely needed

                # The dialog warned if the backup is of another library, and the user agreed.
                restore_backup(path, closed.backup, other_library=True)
            except BriefingError as error:
                show_error(None, "Backup not restored", str(error))
    finally:
        if lock is not None:
            lock.unlock()
