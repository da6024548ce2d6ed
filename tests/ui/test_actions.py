"""The action registry: one place for keys, no key bound twice, the sheet follows it."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from briefing_app.ui.actions import ACTIONS, build_actions, sheet_rows


def test_no_key_is_bound_twice() -> None:
    keys = Counter(QKeySequence(k).toString() for spec in ACTIONS for k in spec.keys)
    assert [k for k, n in keys.items() if n > 1] == []


def test_sheet_shows_the_keys_the_actions_really_have(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    actions = build_actions(parent)
    actions["new_note"].setShortcut(QKeySequence("Ctrl+M"))
    rows = {text: keys for _section, keys, text in sheet_rows(actions)}
    assert rows["Start a new note on the claim"] == "Ctrl+M"
    assert rows["Show this sheet"] == "?, F1"
