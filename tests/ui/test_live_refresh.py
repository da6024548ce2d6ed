"""An open window shows what other processes write, within 2 seconds, keeping what is typed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui.main_window import MainWindow
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
WITHIN_MS = 2000


def cli(library: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "briefing_app", "--db", str(library), *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
        check=True,
    )
    return done.stdout


def listed_notes(window: MainWindow) -> list[str]:
    model = window.notes.model
    return [str(model.index(row).data()) for row in range(model.rowCount())]


def test_a_note_from_the_command_line_appears_and_the_draft_stays(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    window.claims.select_claim(3)
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, "my draft")
    cli(seeded_library.path, "note", "3", "written in a terminal")
    qtbot.waitUntil(
        lambda: any("written in a terminal" in text for text in listed_notes(window)),
        timeout=WITHIN_MS,
    )
    assert window.claims.current_claim_id() == 3
    assert window.notes.editor.toPlainText() == "my draft"
    expected = ["my draft", "written in a terminal"]
    qtbot.waitUntil(lambda: sorted(n.body for n in seeded_library.notes(3)) == expected)
    qtbot.waitUntil(
        lambda: (
            len(listed_notes(window)) == 2
            and all(any(body in text for text in listed_notes(window)) for body in expected)
        )
    )


def test_an_import_from_the_command_line_updates_the_counts(
    qtbot: QtBot, window: MainWindow, seeded_library: Library
) -> None:
    window.claims.select_claim(5)
    before = window.navigator_model.count_of(ClaimFilter())
    assert before == 16
    cli(seeded_library.path, "import", str(DATA / "articles" / "001_reuters_hama_outskirts.txt"))
    qtbot.waitUntil(
        lambda: window.navigator_model.count_of(ClaimFilter()) == 32, timeout=WITHIN_MS + 1000
    )
    assert window.claims.current_claim_id() == 5
