"""Run long library work off the GUI thread (after Anki's ``CollectionOp``).

The work runs in Qt's thread pool (the Library opens a connection per call,
so a worker may use it); progress, success and failure come back as signals
delivered on the GUI thread. An expected ``BriefingError`` becomes ``failed``;
anything else is a bug and is raised again on the GUI thread, loudly.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from briefing_app.domain.errors import BriefingError
from briefing_app.typing_compat import override

Progress = Callable[[int, int, str], None]
Work = Callable[[Progress], Any]

_running: set[LibraryOp] = set()


class BackgroundBugError(RuntimeError):
    """An unexpected exception in background work, re-raised on the GUI thread."""


class LibraryOp(QObject):
    """One piece of background work and its outcome signals."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    crashed = Signal(str)
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.crashed.connect(self._on_crashed)
        self.finished.connect(self._on_finished)

    def _on_crashed(self, details: str) -> None:
        raise BackgroundBugError(details)

    def _on_finished(self) -> None:
        _running.discard(self)


class _Runner(QRunnable):
    def __init__(self, op: LibraryOp, work: Work) -> None:
        super().__init__()
        self._op, self._work = op, work

    @override
    def run(self) -> None:
        try:
            result = self._work(self._op.progressed.emit)
        except BriefingError as error:
            self._op.failed.emit(str(error))
        except Exception:  # a bug: hand it to the GUI thread, which raises it
            self._op.crashed.emit(traceback.format_exc())
        else:
            self._op.succeeded.emit(result)
        self._op.finished.emit()


def run_in_background(
    work: Work,
    on_success: Callable[[Any], None],
    on_failure: Callable[[str], None],
    on_progress: Progress | None = None,
) -> LibraryOp:
    """Start ``work(progress)`` in the thread pool; outcomes arrive on the GUI thread."""
    op = LibraryOp()
    op.succeeded.connect(on_success)
    op.failed.connect(on_failure)
    if on_progress is not None:
        op.progressed.connect(on_progress)
    _running.add(op)
    QThreadPool.globalInstance().start(_Runner(op, work))
    return op


def running() -> int:
    """Return how many background operations have not finished."""
    return len(_running)
