"""The Qt binding in use keeps Python's reference counts (PySide6 6.12.0 on 3.11 does not)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

CALLS = 200


def test_void_calls_and_signals_do_not_wear_down_none_true_false() -> None:
    probe = QObject()
    singletons = [None, True, False]
    before = [sys.getrefcount(s) for s in singletons]
    for _ in range(CALLS):
        probe.setObjectName("probe")
        probe.objectNameChanged.emit("probe")
    after = [sys.getrefcount(s) for s in singletons]
    assert all(a >= b - CALLS // 4 for a, b in zip(after, before, strict=True)), (before, after)
