"""Geometry, splitter sizes, the last claim and the colour scheme come back next time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from briefing_app.services.library import Library
from briefing_app.ui.main_window import MainWindow
from briefing_app.ui.palette import DARK, LIGHT, build_palette
from briefing_app.ui.window_state import LAST_CLAIM

OpenWindow = Callable[[Library], MainWindow]


def test_layout_and_last_claim_are_restored(
    open_window: OpenWindow, seeded_library: Library
) -> None:
    window = open_window(seeded_library)
    window.resize(760, 600)  # the headless screen is 800x800
    window.main_splitter.setSizes([150, 300, 300])
    window.claims.select_claim(9)
    sizes = window.main_splitter.sizes()
    window.close()
    again = open_window(seeded_library)
    assert (again.width(), again.height()) == (760, 600)
    assert again.main_splitter.sizes() == sizes
    assert again.claims.current_claim_id() == 9 and again.notes.claim_id() == 9


def test_a_claim_that_is_gone_falls_back_to_the_first(
    open_window: OpenWindow, seeded_library: Library, settings: QSettings
) -> None:
    settings.setValue(LAST_CLAIM, 9999)
    settings.sync()
    window = open_window(seeded_library)
    assert window.claims.currentIndex().row() == 0


def test_dark_scheme_is_applied_and_remembered(
    open_window: OpenWindow, seeded_library: Library
) -> None:
    window = open_window(seeded_library)
    window.action_map["scheme_dark"].trigger()
    dark_base = build_palette(DARK).color(QPalette.ColorRole.Base)
    assert QApplication.palette().color(QPalette.ColorRole.Base) == dark_base
    window.close()
    again = open_window(seeded_library)
    assert again.action_map["scheme_dark"].isChecked()
    again.colours.set(LIGHT)
    assert QApplication.palette().color(QPalette.ColorRole.Base) != dark_base
