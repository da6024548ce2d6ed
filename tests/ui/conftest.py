"""Fixtures for the window: a seeded library file and settings, both in tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from briefing_app.services.library import Library
from briefing_app.ui.app import create_main_window
from briefing_app.ui.background import running
from briefing_app.ui.main_window import MainWindow

OpenWindow = Callable[[Library], MainWindow]

# The headless "offscreen" platform warns whenever a window's minimum size is set.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Ignore the offscreen platform's one warning; every other Qt warning still fails."""
    for item in items:
        if "tests/ui/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def _clipboard_emptied_after(qapp: QApplication) -> Iterator[None]:
    """Empty the clipboard after each test.

    Data a test put on the clipboard would otherwise still be held by Qt when the
    application is torn down at the end of the run, and PySide6 crashes freeing it
    then (a segmentation fault after every test passed).
    """
    yield
    QGuiApplication.clipboard().clear()
    qapp.processEvents()


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    """Return the settings file the window uses (never the user's own)."""
    return tmp_path / "settings.ini"


@pytest.fixture
def settings(settings_path: Path) -> QSettings:
    """Return settings stored in tmp_path."""
    return QSettings(str(settings_path), QSettings.Format.IniFormat)


@pytest.fixture
def open_window(qtbot: QtBot, settings_path: Path) -> Iterator[OpenWindow]:
    """Return a function that shows a window over a library, active and ready for keys."""

    def open_(library: Library) -> MainWindow:
        window = create_main_window(
            library, QSettings(str(settings_path), QSettings.Format.IniFormat)
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.waitUntil(lambda: not window.navigator_model.counting())  # counts arrive
        return window

    yield open_
    qtbot.waitUntil(lambda: running() == 0)


@pytest.fixture
def window(open_window: OpenWindow, seeded_library: Library) -> MainWindow:
    """Return the window over a library holding the bundled briefing."""
    return open_window(seeded_library)


@pytest.fixture
def shown_messages(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Record message boxes instead of showing them (they answer No)."""
    boxes: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        boxes.append(box)
        return int(QMessageBox.StandardButton.No.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return boxes
