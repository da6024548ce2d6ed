"""The source card: where a claim comes from, and the editable Admiralty grading."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing_app.services.library import Library
from briefing_app.ui.claims.source_card import SourceCard
from briefing_app.ui.main_window import MainWindow


def test_card_shows_the_annotations_of_the_selected_claim(window: MainWindow) -> None:
    window.claims.select_claim(11)
    card = window.card
    assert card.location.text() == "¶9, sentence 1"
    assert card.hedges.text() == "appear to"
    assert card.entities.text() == "Russia, Iran"
    assert card.published.text() == "Date not given"
    assert card.theme_lines()[0].startswith("The offensive (primary)\nrule: matched 'rebel'")


def test_grading_defaults_to_cannot_be_judged_with_admiralty_labels(window: MainWindow) -> None:
    assert window.card.reliability.currentText() == "F: Reliability cannot be judged"
    assert window.card.credibility.currentText() == "6: Truth cannot be judged"
    assert window.card.reliability.count() == 6 and window.card.credibility.count() == 6


def test_choosing_a_grade_stores_it_and_ctrl_z_undoes_it(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    window.card.reliability.setCurrentIndex(1)
    window.card.reliability.activated.emit(1)
    assert seeded_library.claim(1).reliability == "B"
    window.claims.setFocus()
    qtbot.keyClick(window.claims, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert seeded_library.claim(1).reliability == "F"
    assert window.card.reliability.currentText().startswith("F:")


def test_empty_card_says_what_to_do(qtbot: QtBot) -> None:
    card = SourceCard()
    qtbot.addWidget(card)
    card.show_claim(None)
    assert card.currentWidget().text() == "Select a claim to see where it comes from."
