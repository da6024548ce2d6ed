"""File ▸ Import and Export run off the GUI thread; a bad file changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from briefing_app.services.library import Library
from briefing_app.ui.background import running
from briefing_app.ui.main_window import MainWindow
from tests.cli_helpers import fingerprint

GOOD = "Rebels reach the edge of Hama\nRebel fighters said on Friday they had reached Hama.\n"


def choose_files(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *_a, **_k: ([str(p) for p in paths], "")),
    )


def test_importing_a_bad_file_says_why_and_imports_nothing(
    qtbot: QtBot,
    window: MainWindow,
    seeded_library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[QMessageBox],
) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.bin"
    good.write_text(GOOD, "utf-8")
    bad.write_bytes(bytes(range(256)) * 8)
    choose_files(monkeypatch, good, bad)
    window.action_map["import"].trigger()
    qtbot.waitUntil(lambda: len(shown_messages) == 1)
    assert "bad.bin is a binary file" in shown_messages[0].text()
    assert "Nothing was imported." in shown_messages[0].text()
    assert seeded_library.count() == 16 and len(seeded_library.documents()) == 1


def test_importing_a_briefing_adds_and_selects_its_claims(
    qtbot: QtBot,
    window: MainWindow,
    seeded_library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, "utf-8")
    choose_files(monkeypatch, good)
    window.action_map["import"].trigger()
    assert running() == 1  # the import runs in the thread pool; the window keeps going
    qtbot.waitUntil(lambda: running() == 0 and window.claim_model.total() == 17)
    assert window.statusBar().currentMessage() == "Imported 1 briefing, 1 claims"
    assert window.current_claim().text.startswith("Rebel fighters said")
    assert window.article.toPlainText().startswith("Rebels reach the edge of Hama")


@pytest.mark.parametrize("fmt", ["json", "md", "csv", "html"])
def test_export_writes_the_chosen_format(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    target = tmp_path / f"out.{fmt}"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    window.action_map["export"].trigger()
    qtbot.waitUntil(lambda: running() == 0 and target.exists())
    content = target.read_text("utf-8")
    assert "Syrian civilians" in content
    if fmt == "json":
        assert json.loads(content)["format"] == "briefing-app/1"
    assert not list(tmp_path.glob(".out.*.tmp"))


def test_export_never_replaces_the_library(
    qtbot: QtBot,
    window: MainWindow,
    seeded_library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[QMessageBox],
) -> None:
    link = tmp_path / "out.json"
    link.symlink_to(seeded_library.path)
    before = fingerprint(seeded_library.path)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(link), ""))
    )
    window.action_map["export"].trigger()
    qtbot.waitUntil(lambda: len(shown_messages) == 1)
    assert "is the library" in shown_messages[0].text()
    assert link.is_symlink() and fingerprint(seeded_library.path) == before
    assert seeded_library.count() == 16
