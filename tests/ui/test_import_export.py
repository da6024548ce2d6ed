"""File ▸ Import (files of every format, drops, the clipboard) and Export run off the GUI thread.

A bad file, or a cancelled import, changes nothing.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library
from briefing_app.ui.background import running
from briefing_app.ui.main_window import MainWindow
from tests.cli_helpers import fingerprint
from tests.format_files import long_report_pdf, memo_docx, report_pdf, scanned_pdf

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


def answer_scope(monkeypatch: pytest.MonkeyPatch, answer: str, asked: list[list[str]]) -> None:
    """Answer the "Export which claims?" question with the choice that names ``answer``."""

    def get_item(_parent: object, _title: str, _label: str, items: list[str], *_a: object):  # type: ignore[no-untyped-def]
        asked.append(list(items))
        return next(i for i in items if answer in i), True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))


@pytest.mark.parametrize("fmt", ["json", "md", "csv", "html", "pdf"])
def test_export_writes_the_chosen_format(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    target = tmp_path / f"out.{fmt}"
    answer_scope(monkeypatch, "Whole library", [])
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(target), ""))
    )
    window.action_map["export"].trigger()
    qtbot.waitUntil(lambda: running() == 0 and target.exists())
    if fmt == "pdf":
        assert target.read_bytes().startswith(b"%PDF")
        return
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
    answer_scope(monkeypatch, "Whole library", [])
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(link), ""))
    )
    window.action_map["export"].trigger()
    qtbot.waitUntil(lambda: len(shown_messages) == 1)
    assert "is the library" in shown_messages[0].text()
    assert link.is_symlink() and fingerprint(seeded_library.path) == before
    assert seeded_library.count() == 16


def test_export_of_the_view_asks_and_remembers_the_folder(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.navigator.select_filter(ClaimFilter(theme="foreign-forces"))
    asked: list[list[str]] = []
    answer_scope(monkeypatch, "Foreign forces", asked)
    starts: list[str] = []
    target = tmp_path / "reports" / "foreign.json"
    target.parent.mkdir()

    def save_as(_parent: object, _title: str, start: str, _filters: str):  # type: ignore[no-untyped-def]
        starts.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    window.action_map["export"].trigger()
    qtbot.waitUntil(lambda: running() == 0 and target.exists())
    assert asked and asked[0][-1] == "Whole library" and len(asked[0]) == 3
    claims = [c for d in json.loads(target.read_text("utf-8"))["documents"] for c in d["claims"]]
    assert claims and all(any(t["key"] == "foreign-forces" for t in c["themes"]) for c in claims)
    window.action_map["export"].trigger()
    qtbot.waitUntil(lambda: running() == 0 and len(starts) == 2)
    assert Path(starts[0]).parent == Path.home()
    assert Path(starts[1]).parent == target.parent


# Other formats, drops, the clipboard, progress and cancel ---------------------------------


def _drag(mime: QMimeData, drop: bool = False) -> QDropEvent:
    kind = QDropEvent if drop else QDragEnterEvent
    return kind(
        QPointF(20, 20) if drop else QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def test_a_pdf_chosen_in_the_file_menu_is_imported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_files(monkeypatch, report_pdf(tmp_path / "report.pdf"))
    window.action_map["import"].trigger()
    qtbot.waitUntil(lambda: running() == 0 and window.claim_model.total() > 16, timeout=20_000)
    assert window.statusBar().currentMessage().startswith("Imported 1 briefing")
    assert "Syria Crisis Monitor" not in window.article.toPlainText()


def test_files_dropped_on_the_window_are_imported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(memo_docx(tmp_path / "memo.docx")))])
    enter = _drag(mime)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, _drag(mime, drop=True))
    qtbot.waitUntil(lambda: running() == 0 and window.claim_model.total() > 16, timeout=20_000)
    assert window.statusBar().currentMessage().startswith("Imported 1 briefing")


def test_dragged_text_is_not_taken_for_files(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("Rebels reached Hama.")
    enter = _drag(mime)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


@pytest.mark.parametrize(
    ("html", "text", "first"),
    [
        (
            "<html><body><nav>Home</nav><p>Rebel fighters said on Friday they had reached "
            "Hama.</p><p>Residents fled south, witnesses said.</p></body></html>",
            "Home Rebel fighters said on Friday they had reached Hama.",
            "Rebel fighters said",
        ),
        ("", "Troops withdrew from Rastan overnight, officials said.\n", "Troops withdrew"),
    ],
    ids=["html-first", "text-alone"],
)
def test_new_briefing_from_the_clipboard(
    qtbot: QtBot, window: MainWindow, html: str, text: str, first: str
) -> None:
    action = window.action_map["import_clipboard"]
    assert action.shortcut().toString() == "Ctrl+Shift+V"
    assert action in window.menuBar().actions()[0].menu().actions()
    mime = QMimeData()
    if html:
        mime.setHtml(html)
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)
    action.trigger()
    qtbot.waitUntil(lambda: running() == 0 and window.claim_model.total() > 16)
    assert window.article.toPlainText().startswith(first)


def test_a_300_page_pdf_shows_each_page_and_cancel_stores_nothing(
    qtbot: QtBot,
    window: MainWindow,
    seeded_library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[QMessageBox],
) -> None:
    choose_files(monkeypatch, long_report_pdf(tmp_path / "report.pdf", 300))
    before = fingerprint(seeded_library.path)
    ticks: list[float] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    window.action_map["import"].trigger()
    dialog = window.importer.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.value() >= 30, timeout=20_000)
    assert dialog.maximum() == 300 and "page" in dialog.labelText()
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: running() == 0, timeout=20_000)
    timer.stop()
    assert window.statusBar().currentMessage() == "Import cancelled: nothing was imported."
    assert shown_messages == []
    assert seeded_library.count() == 16 and fingerprint(seeded_library.path) == before
    # The window kept running its timers (their count depends on the machine's speed).
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) >= 2 and max(gaps) < 1.0


def test_a_scan_chosen_in_the_window_gives_one_message(
    qtbot: QtBot,
    window: MainWindow,
    seeded_library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: list[QMessageBox],
) -> None:
    choose_files(monkeypatch, scanned_pdf(tmp_path / "scan.pdf"))
    before = fingerprint(seeded_library.path)
    window.action_map["import"].trigger()
    qtbot.waitUntil(lambda: len(shown_messages) == 1 and running() == 0)
    assert "scan.pdf has no text layer" in shown_messages[0].text()
    assert "Nothing was imported." in shown_messages[0].text()
    assert seeded_library.count() == 16 and fingerprint(seeded_library.path) == before


@pytest.mark.parametrize("content", ["", "image"], ids=["empty", "image-only"])
def test_a_clipboard_with_nothing_usable_gives_one_message(
    qtbot: QtBot,
    window: MainWindow,
    seeded_library: Library,
    shown_messages: list[QMessageBox],
    content: str,
) -> None:
    mime = QMimeData()
    if content == "image":
        mime.setData("image/png", b"\x89PNG\r\n\x1a\n")
    QGuiApplication.clipboard().setMimeData(mime)
    before = fingerprint(seeded_library.path)
    window.action_map["import_clipboard"].trigger()
    qtbot.waitUntil(lambda: len(shown_messages) == 1 and running() == 0)
    assert "clipboard is empty" in shown_messages[0].text()
    assert seeded_library.count() == 16 and fingerprint(seeded_library.path) == before
