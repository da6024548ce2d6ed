"""Export never destroys the library, and what it writes is data, never markup or formulas."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from briefing_app.domain.library import Claim, Note
from briefing_app.services import export_pages
from briefing_app.services.export import JSON_FORMAT, claim_json, render
from briefing_app.services.library import Library
from briefing_app.services.notes_mirror import mirror_folder
from tests.cli_helpers import fingerprint, run_cli
from tests.hostile import report_shapes as shapes

HOSTILE_BRIEFING = (
    '=HYPERLINK("http://evil.example","click") <script>alert(1)</script> | Reuters\n'
    "+SUM(1,2) rebel fighters said on Friday they had reached Hama, officials said.\n"
    "-2+3 [x](javascript:alert(1)) # not <img src=x onerror=alert(1)> *em* officials said.\n"
    "@cmd rebels reached the city of Homs on Saturday.\n"
)
HOSTILE_NOTES = [
    "# Forged heading",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1)) and ![i](http://evil.example/i.png) and <http://evil.example>",
    "*em* __strong__ ~~gone~~ `code` &amp; \\*",
    "```\nfenced\n```",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "- item\n+ item\n1. one\n2) two",
    "Line one\nSetext\n===\nthen\n---\n\n    indented code\n> nested quote\n\nlast",
    '"><script>alert(2)</script><a href="javascript:x" onmouseover=\'y\'>',
]
UNICODE_NOTE = "Ḥamā — «source» 😀\nsecond line\n\nthird paragraph"
UNFILED_NOTE = "A note on a claim filed under no theme"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_NOTES = [f"{start}1+1" for start in FORMULA_STARTS]


def _add_notes(library: Library) -> None:
    claims = library.claim_ids()
    for claim_id, body in zip(claims, HOSTILE_NOTES, strict=False):
        library.add_note(claim_id, body)
    for claim_id, body in zip(claims[len(HOSTILE_NOTES) :], FORMULA_NOTES, strict=False):
        library.add_note(claim_id, body)
    for body in (UNICODE_NOTE, "a second note", "a third"):
        library.add_note(claims[0], body)
    library.add_note(claims[-1], UNFILED_NOTE)  # a claim of the hostile briefing: no theme


@pytest.fixture
def lib(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A library with the bundled and a hostile briefing, hostile notes, and a backup."""
    path = tmp_path / "library.db"
    hostile = tmp_path / "evil.txt"
    hostile.write_text(HOSTILE_BRIEFING, "utf-8")
    library = Library.open(path, seed=True)
    try:
        library.import_files([hostile])
        _add_notes(library)
    finally:
        library.close()
    assert run_cli(capsys, "--db", path, "backup").code == 0
    return path


def _all_notes(path: Path) -> dict[int, list[str]]:
    library = Library.open(path, backup=False)
    try:
        assert library.integrity_check() == "ok"
        notes = library.notes_for_many(library.claim_ids())
        return {claim: [n.body for n in found] for claim, found in notes.items()}
    finally:
        library.close()


def _state(path: Path) -> tuple[object, ...]:
    """Return what a path is, without opening a FIFO or a device."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return ("missing",)
    if stat.S_ISLNK(info.st_mode):
        return ("link", os.readlink(path))
    if stat.S_ISREG(info.st_mode):
        return ("file", info.st_ino, fingerprint(path))
    return (stat.S_IFMT(info.st_mode), info.st_ino)


REFUSED = ["library", "backups-dotdot", "symlink", "hard-link", "backup", "wal", "shm"]
REFUSED += ["journal", "lock", "other-database", "folder", "fifo"]


def _target(case: str, lib: Path) -> Path:
    """Make, where needed, and return the export target of a refused case."""
    target = lib.parent / f"{case}.json"
    if case == "symlink":
        target.symlink_to(lib)
    elif case == "hard-link":
        os.link(lib, target)
    elif case == "other-database":
        with closing(sqlite3.connect(target)) as connection:
            connection.execute("CREATE TABLE t(x)")
    elif case == "folder":
        target.mkdir()
    elif case == "fifo":
        os.mkfifo(target)
    elif case == "library":
        return lib
    elif case == "backups-dotdot":
        return lib.parent / "backups" / ".." / lib.name
    elif case == "backup":
        return next((lib.parent / "backups").iterdir())
    else:
        suffix = {"wal": "-wal", "shm": "-shm", "journal": "-journal", "lock": ".lock"}[case]
        return lib.with_name(lib.name + suffix)
    return target


@pytest.mark.parametrize("case", REFUSED)
def test_export_refuses_to_replace_the_library_or_a_database(
    capsys: pytest.CaptureFixture[str], lib: Path, case: str
) -> None:
    notes = _all_notes(lib)
    target = _target(case, lib)
    before, library_before = _state(target), fingerprint(lib)
    outcome = run_cli(capsys, "--db", lib, "export", "--format", "json", "-o", target)
    assert outcome.code == 2 and outcome.out == ""
    assert outcome.err.startswith("briefing-app: error: ") and outcome.err.count("\n") == 1
    assert _state(target) == before and fingerprint(lib) == library_before
    assert _all_notes(lib) == notes
    assert not list(lib.parent.glob(".*.tmp"))


def test_csv_cells_never_start_a_formula(
    capsys: pytest.CaptureFixture[str], lib: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    assert run_cli(capsys, "--db", lib, "export", "--format", "csv", "-o", target).code == 0
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8"), newline="")))
    assert all(not cell.startswith(FORMULA_STARTS) for row in rows for cell in row)
    cells = {cell for row in rows for cell in row}
    title = HOSTILE_BRIEFING.split("\n", 1)[0]
    # The stored title may drop the outlet suffix (DESIGN 7): either way, neutralised.
    assert "'" + title in cells or "'" + title.removesuffix(" | Reuters") in cells
    assert {"'" + note for note in FORMULA_NOTES} <= cells
    assert "'+SUM(1,2) rebel fighters" in cells  # the attribution
    assert any(c.startswith("'-2+3 [x]") for c in cells)  # the claim


def _markdown(capsys: pytest.CaptureFixture[str], lib: Path) -> str:
    outcome = run_cli(capsys, "--db", lib, "export", "--format", "md")
    assert outcome.code == 0
    return outcome.out


def test_markdown_shows_hostile_text_as_text(capsys: pytest.CaptureFixture[str], lib: Path) -> None:
    text = _markdown(capsys, lib)
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)
    forged = {"html_block", "html_inline", "link_open", "image", "fence", "code_block"}
    forged |= {"code_inline", "s_open", "strong_open", "hr", "ordered_list_open"}
    flat = [t for token in tokens for t in [token, *(token.children or [])]]
    assert not [t for t in flat if t.type in forged]
    # One table, the report's sources table; hostile titles stay inside their cells.
    assert sum(t.type == "table_open" for t in tokens) == 1
    assert sum(t.type == "th_open" for t in tokens) == 6
    library = Library.open(lib, backup=False)
    expected = [f"{label} ({count})" for label, count in shapes.report_sections(library)]
    claims, documents = library.count(), len(library.documents())
    library.close()
    assert sum(t.type == "tr_open" for t in tokens) == 1 + documents
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["Briefing report", "Sources", *expected] and expected[-1] != "Unfiled (0)"
    assert expected[-1].startswith("Unfiled")
    items = sum(t.type == "list_item_open" for t in tokens)
    assert items == claims  # each claim once, however many themes it has
    assert sum(t.type == "em_open" for t in flat) == items
    assert sum(t.type == "bullet_list_open" for t in tokens) == len(headings) - 2
    quotes = shapes.quotes(tokens)
    for note in [*HOSTILE_NOTES, UNICODE_NOTE, UNFILED_NOTE]:
        assert shapes.as_rendered(note) in quotes, note
    notes = len(HOSTILE_NOTES) + len(FORMULA_NOTES) + 4
    assert len(quotes) == notes and text.count("  Analyst note, ") == notes


def test_every_line_of_a_note_stays_in_its_quote(
    capsys: pytest.CaptureFixture[str], lib: Path
) -> None:
    lines = _markdown(capsys, lib).splitlines()
    start = lines.index("  > Ḥamā — «source» 😀\\")
    expected = ["  > Ḥamā — «source» 😀\\", "  > second line", "  >", "  > third paragraph"]
    assert lines[start : start + 4] == expected


def test_html_has_only_its_own_tags(capsys: pytest.CaptureFixture[str], lib: Path) -> None:
    outcome = run_cli(capsys, "--db", lib, "export", "--format", "html")
    parser = shapes.StartTags()
    parser.feed(outcome.out)
    assert {tag for tag, _ in parser.tags} <= shapes.HTML_TAGS
    for _tag, attrs in parser.tags:
        for name, value in attrs:
            assert name in shapes.HTML_ATTRIBUTES and value is not None, (name, value)
            assert shapes.HTML_ATTRIBUTES[name].fullmatch(value), (name, value)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outcome.out
    assert f"<p class='note-body'>{UNFILED_NOTE}</p>" in outcome.out
    assert "<blockquote" not in outcome.out  # a note is the analyst's, not a quotation


@pytest.fixture
def restore_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("restore_umask")
def test_export_and_mirror_files_follow_the_umask(
    capsys: pytest.CaptureFixture[str], lib: Path, tmp_path: Path
) -> None:
    for mask, mode in [(0o022, 0o644), (0o077, 0o600)]:
        os.umask(mask)
        for fmt in ("json", "csv"):
            target = tmp_path / f"out.{fmt}"
            target.write_text("an older export")  # replaced: the new file gets the umask's mode
            outcome = run_cli(capsys, "--db", lib, "export", "--format", fmt, "-o", target)
            assert outcome.code == 0 and stat.S_IMODE(target.stat().st_mode) == mode
        assert run_cli(capsys, "--db", lib, "note", "5", f"mirrored {mask:o}").code == 0
        mirror = mirror_folder(lib) / "claim-000005.md"
        assert f"mirrored {mask:o}" in mirror.read_text("utf-8")
        assert stat.S_IMODE(mirror.stat().st_mode) == mode


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system (tmpfs), so that writing runs out of space."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)]
    if os.geteuid() != 0:
        reason = "mounting a small tmpfs needs root"
    else:
        mounted = subprocess.run(mount, capture_output=True, text=True, check=False)
        reason = mounted.stderr.strip() if mounted.returncode else ""
    if reason:
        print(f"skipped: cannot simulate a full disk: {reason}")
        pytest.skip(f"cannot simulate a full disk: {reason}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_leaves_the_old_export(
    capsys: pytest.CaptureFixture[str], lib: Path, full_disk: Path
) -> None:
    assert run_cli(capsys, "--db", lib, "note", "3", "x" * 200_000).code == 0
    target = full_disk / "out.json"
    target.write_text("the export of yesterday\n", "utf-8")
    free = os.statvfs(full_disk).f_bfree
    outcome = run_cli(capsys, "--db", lib, "export", "--format", "json", "-o", target)
    assert outcome.code == 2 and outcome.err.count("\n") == 1
    assert "No space left on device" in outcome.err
    assert target.read_text("utf-8") == "the export of yesterday\n"
    assert [p.name for p in full_disk.iterdir()] == ["out.json"]
    assert os.statvfs(full_disk).f_bfree == free


def _old_export_data(library: Library) -> dict[str, Any]:
    """The whole-structure export as it was before streaming (the reference)."""
    documents, all_ids = [], library.claim_ids()
    claims, notes = library.claims(all_ids), library.notes_for_many(all_ids)
    for info in library.documents():
        document = library.document_text(info.id)
        boilerplate = [
            document.text[p.start : p.end] for p in document.paragraphs if p.kind == "boilerplate"
        ]
        documents.append(
            {
                "id": info.id,
                "title": info.title,
                "outlet": info.outlet,
                "published": info.published,
                "sha256": info.sha256,
                "text": document.text,
                "boilerplate": boilerplate,
                "claims": [
                    claim_json(c, notes.get(c.id, [])) for c in claims if c.document_id == info.id
                ],
                "byline": info.byline,
                "url": info.url,
                "language": info.language,
                "scope": {"in": info.scope_note is None, "why": info.scope_note},
            }
        )
    themes = [
        {"key": tc.theme.key, "label": tc.theme.label, "count": tc.count}
        for tc in library.theme_counts()
    ]
    return {"format": JSON_FORMAT, "themes": themes, "documents": documents} | shapes.STAMP


def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read pages of 3 claims and 2 notes, so that an export crosses many pages."""
    monkeypatch.setattr(export_pages, "CLAIMS_PER_PAGE", 3, raising=False)
    monkeypatch.setattr(export_pages, "NOTES_PER_READ", 2, raising=False)


@pytest.mark.parametrize("seeded", [True, False], ids=["notes", "empty"])
def test_streamed_json_equals_the_whole_structure_rendering(
    capsys: pytest.CaptureFixture[str],
    lib: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seeded: bool,
) -> None:
    small_pages(monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", shapes.EPOCH)
    path = lib if seeded else tmp_path / "empty.db"
    library = Library.open(path, backup=False)
    try:
        old = json.dumps(_old_export_data(library), ensure_ascii=False, indent=2) + "\n"
        assert render(library, "json") == old
    finally:
        library.close()
    assert ('"documents": []' in old) != seeded and ('"hedges": []' in old) == seeded
    outcome = run_cli(capsys, "--db", path, "export", "--format", "json")
    assert outcome.out == old
    assert run_cli(capsys, "--db", path, "export", "-o", tmp_path / "out.json").code == 0
    assert (tmp_path / "out.json").read_text("utf-8") == old


@pytest.mark.parametrize("fmt", ["json", "md", "csv", "html"])
def test_export_reads_a_page_at_a_time(
    capsys: pytest.CaptureFixture[str],
    lib: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    whole = run_cli(capsys, "--db", lib, "export", "--format", fmt).out
    small_pages(monkeypatch)
    claims_read: list[int] = []
    notes_read: list[int] = []
    load_claims, load_notes = Library.claims, Library.notes_for_many
    load_page = getattr(Library, "note_page", None)

    def claims(self: Library, ids: list[int]) -> list[Claim]:
        claims_read.append(len(ids))
        return load_claims(self, ids)

    def notes_for_many(self: Library, ids: list[int]) -> dict[int, list[Note]]:
        found = load_notes(self, ids)
        notes_read.append(sum(len(n) for n in found.values()))
        return found

    def note_page(self: Library, claim_id: int, after: int | None, limit: int) -> list[Note]:
        assert load_page is not None
        found: list[Note] = load_page(self, claim_id, after, limit)
        notes_read.append(len(found))
        return found

    monkeypatch.setattr(Library, "claims", claims)
    monkeypatch.setattr(Library, "notes_for_many", notes_for_many)
    monkeypatch.setattr(Library, "note_page", note_page, raising=False)
    assert run_cli(capsys, "--db", lib, "export", "--format", fmt).out == whole
    assert claims_read and max(claims_read) <= 3
    # The first claim has four notes: they are read two at a time too.
    assert notes_read and max(notes_read) <= 2
