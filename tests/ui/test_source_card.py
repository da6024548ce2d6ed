"""The source card: where a claim comes from, and the editable Admiralty grading."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from briefing_app.services.library import Library
from briefing_app.ui.claims.source_card import SourceCard
from briefing_app.ui.main_window import MainWindow
from tests.conftest import DATA
from tests.ui.conftest import OpenWindow


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


def test_card_says_whose_reliability_grade_it_is(
    open_window: OpenWindow, seeded_library: Library
) -> None:
    seeded_library.import_files([DATA / "articles" / "001_reuters_hama_outskirts.txt"])
    window = open_window(seeded_library)
    attributed = [c for c in seeded_library.claims(seeded_library.claim_ids()) if c.attribution]
    assert attributed
    for claim in attributed:  # no speaker is graded yet: the outlet's grade applies
        window.claims.select_claim(claim.id)
        assert claim.graded_source == claim.outlet
        assert window.card.graded_source.text() == (
            f"Reliability of {claim.outlet}, the outlet ({claim.attribution}, quoted,"
            " not graded yet)"
        )
    speaker = attributed[0]
    window.claims.select_claim(speaker.id)
    window.card.reliability.setCurrentIndex(1)  # grading it grades the speaker
    window.card.reliability.activated.emit(1)
    graded = seeded_library.claim(speaker.id)
    assert graded.graded_source == speaker.attribution and graded.reliability == "B"
    assert window.card.graded_source.text() == f"Reliability of {speaker.attribution} (quoted)"


def test_card_shows_the_claim_id_as_selectable_text(window: MainWindow) -> None:
    window.claims.select_claim(11)
    assert window.card.claim_id.text() == "Claim 11"
    assert (
        window.card.claim_id.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    )


def test_this_claim_only_grades_one_claim_and_ctrl_z_undoes_it(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    window.claims.select_claim(1)
    window.card.reliability.setCurrentIndex(1)  # B, not yet stored
    window.card.claim_only.click()
    claim = seeded_library.claim(1)
    assert claim.reliability_overridden and claim.reliability == "B"
    assert window.card.graded_source.text() == "Reliability of this claim alone"
    window.card.claim_only.click()  # unchecked: the source's grade applies again
    assert not seeded_library.claim(1).reliability_overridden
    window.claims.setFocus()
    qtbot.keyClick(window.claims, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert seeded_library.claim(1).reliability == "B"
    assert window.card.claim_only.isChecked()
    qtbot.keyClick(window.claims, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not seeded_library.claim(1).reliability_overridden
    assert not window.card.claim_only.isChecked()


def test_grading_the_source_changes_every_claim_of_it(
    window: MainWindow, seeded_library: Library
) -> None:
    claim = seeded_library.claim(1)
    same = [
        i
        for i in seeded_library.claim_ids()
        if seeded_library.claim(i).graded_source == claim.graded_source
    ]
    window.claims.select_claim(1)
    window.card.reliability.setCurrentIndex(2)
    window.card.reliability.activated.emit(2)
    assert {seeded_library.claim(i).reliability for i in same} == {"C"}
