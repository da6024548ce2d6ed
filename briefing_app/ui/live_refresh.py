"""Live refresh: the window shows what other windows and processes write, within a second.

A timer asks the library whether another connection has committed (SQLite's
``data_version``, see ``store.watch``); when one has, the window re-reads what
it shows, keeping the selection and whatever is being typed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from briefing_app.domain.errors import BriefingError
from briefing_app.services.library import Library

POLL_MS = 1000


class LiveRefresh(QObject):
    """Emits ``changed`` when the library was changed by someone else."""

    changed = Signal()
    failed = Signal(str)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._failing = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.poll()  # the version to compare with: what the window shows now
        self.timer.start()

    def poll(self) -> None:
        """Ask once; a failure (the disk gone, the library locked) is said once, not each second."""
        try:
            changed = self._library.watcher.changed()
        except BriefingError as error:
            if not self._failing:
                self.failed.emit(f"Cannot watch the library for changes: {error}")
            self._failing = True
            return
        self._failing = False
        if changed:
            self.changed.emit()
