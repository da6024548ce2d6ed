"""Hostile input files: each gives one clear line (exit 2) or imports, never hangs or grows.

Special files (pipe, device, socket, symlink loop), huge files of every shape,
and encodings beyond UTF-8. The library is left as it was after every refusal.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.domain.errors import InputFileError
from briefing_app.ingest import cuts, sentences
from briefing_app.ingest.decode import MAX_BYTES, decode
from briefing_app.ingest.pipeline import parse_document
from briefing_app.services import files
from briefing_app.services.files import read_briefing
from briefing_app.services.library import Library
from tests.cli_helpers import run_cli, sql_rows
from tests.conftest import SEED
from tests.hostile import input_files as make

ROOT = Path(__file__).resolve().parents[2]
# Generous: the CLI starts in about a second; a blocked or endless read never ends.
SUBPROCESS_TIMEOUT_S = 60
IMPORT_LIMIT_S = 30


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Return a library that already holds the bundled briefing."""
    path = tmp_path / "lib.db"
    assert run_cli(capsys, "--db", path, "import", SEED).code == 0
    return path


def _documents(db: Path) -> int:
    return len(sql_rows(db, "SELECT id FROM documents"))


def _limit_memory() -> None:
    """Keep a child that reads for ever from taking the machine's memory with it."""
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _cli_in_subprocess(db: Path, target: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "briefing_app", "--db", str(db), "import", str(target)],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT_S,
        env=env,
        preexec_fn=_limit_memory,
        check=False,
    )


# Special files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("maker", "message"),
    [
        (make.fifo, "is a named pipe (FIFO), not a briefing file"),
        (make.link_to_dev_zero, "is a device (/dev/zero), not a briefing file"),
    ],
    ids=["fifo", "symlink-to-dev-zero"],
)
def test_pipe_and_endless_device_are_refused_at_once(
    db: Path, tmp_path: Path, maker: Callable[[Path], Path], message: str
) -> None:
    target = maker(tmp_path)
    before = _documents(db)
    outcome = _cli_in_subprocess(db, target)
    assert outcome.returncode == 2, outcome.stderr[-500:]
    assert outcome.stderr.count("\n") == 1 and "Traceback" not in outcome.stderr
    assert message in outcome.stderr
    assert _documents(db) == before


@pytest.mark.parametrize(
    ("maker", "message"),
    [
        (make.symlink_loop, "is a symbolic link loop"),
        (make.broken_symlink, "is a symbolic link that points nowhere"),
        (make.unix_socket, "is a socket, not a briefing file"),
        (lambda folder: Path("/dev/null"), "is a device, not a briefing file"),
    ],
    ids=["symlink-loop", "broken-symlink", "socket", "dev-null"],
)
def test_special_file_gives_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    db: Path,
    tmp_path: Path,
    maker: Callable[[Path], Path],
    message: str,
) -> None:
    target = maker(tmp_path)
    before = _documents(db)
    outcome = run_cli(capsys, "--db", db, "import", target)
    assert outcome.code == 2
    assert outcome.err.count("\n") == 1 and message in outcome.err
    assert _documents(db) == before


def test_opening_a_fifo_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    pipe = make.fifo(tmp_path)
    outcome: list[BaseException | bytes] = []

    def read() -> None:
        try:
            outcome.append(read_briefing(pipe))
        except InputFileError as error:
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=SUBPROCESS_TIMEOUT_S)
    if reader.is_alive():  # blocked in open(): a writer lets it go, then the test fails
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        reader.join()
        pytest.fail("reading a FIFO waited for a writer")
    assert isinstance(outcome[0], InputFileError) and "named pipe" in str(outcome[0])


def test_read_is_capped_whatever_the_size_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A size of 0 (as /proc and devices report) must not let a huge file through."""
    big = tmp_path / "big.txt"
    big.write_bytes(b"Rebels advanced on the city again. " * (MAX_BYTES // 35 + 100))
    real_stat, real_fstat = os.stat, os.fstat

    def no_size(result: os.stat_result) -> os.stat_result:
        return os.stat_result((*result[:6], 0, *result[7:10]))

    monkeypatch.setattr(files.os, "stat", lambda *a, **k: no_size(real_stat(*a, **k)))
    monkeypatch.setattr(files.os, "fstat", lambda *a, **k: no_size(real_fstat(*a, **k)))
    with pytest.raises(InputFileError, match="over 5 MB"):
        read_briefing(big)


# Huge files --------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["prose_line", "tiny_sentences"])
def test_five_mb_file_imports_in_bounded_time(tmp_path: Path, shape: str) -> None:
    path = make.write_shape(tmp_path, shape)
    library = Library.open(tmp_path / "lib.db")
    try:
        start = time.perf_counter()
        result = library.import_files([path])
        elapsed = time.perf_counter() - start
    finally:
        library.close()
    assert result[0].claims > 0
    assert elapsed < IMPORT_LIMIT_S, f"{shape}: {elapsed:.1f} s"


@pytest.mark.parametrize(
    "shape", ["prose_line", "tiny_sentences", "repeated_sentences", "wrapped_prose", "one_word"]
)
def test_the_splitter_is_never_given_more_than_a_piece(
    shape: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pysbd's cost grows with the square of its input: it only ever sees a piece.

    (The other shapes' paragraphs are short, or plainly one sentence: pysbd never sees them.)
    """
    data = make.shape_bytes(shape, 50_000)
    segmenter = sentences._segmenter()
    sizes: list[int] = []

    class Recording:
        def processor(self, chunk: str) -> object:
            sizes.append(len(chunk))
            return segmenter.processor(chunk)

        def segment(self, chunk: str) -> list[object]:
            sizes.append(len(chunk))
            return list(segmenter.segment(chunk))

    monkeypatch.setattr(sentences, "_segmenter", Recording)
    try:
        document = parse_document(data, f"{shape}.txt")
    except InputFileError:
        pass  # "holds no reporting" is a fine answer for one long word
    else:
        assert all(document.text[c.start : c.end].strip() for c in document.claims)
    assert max(sizes, default=0) <= cuts.LONG_PARAGRAPH


# Chunked paragraphs keep exact spans ---------------------------------------------------------

PROSE = make._prose_sentences()
ODD_WORDS = ["U.S.", "Gen.", "Mr.", "A.", "“quote”", '"said."', "(AP)", "etc.", "...", "!", "?"]
WORD = st.one_of(st.sampled_from(ODD_WORDS), st.text('abcXYZ .!?"“”()’', max_size=6))


def _spans(text: str, start: int, long_paragraph: int, max_piece: int) -> list[tuple[int, int]]:
    """Return the sentence spans with other limits: small ones make short text count as long."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(cuts, "LONG_PARAGRAPH", long_paragraph)
        monkeypatch.setattr(cuts, "MAX_PIECE", max_piece)
        monkeypatch.setattr(cuts, "SOFT_PIECE", max_piece * 2 // 3)
        return sentences.sentence_spans(text, start, len(text))


def _covered(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Return the offsets of the non-space characters inside the spans."""
    return [i for a, b in spans for i in range(a, b) if not text[i].isspace()]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PROSE), min_size=2, max_size=12))
def test_cut_prose_has_the_sentences_of_uncut_prose(parts: list[str]) -> None:
    paragraph = " ".join(parts)
    whole = _spans(paragraph, 0, long_paragraph=10**9, max_piece=10**9)
    cut = _spans(paragraph, 0, long_paragraph=200, max_piece=cuts.MAX_PIECE)
    assert [paragraph[a:b] for a, b in cut] == [paragraph[a:b] for a, b in whole]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PROSE), min_size=2, max_size=12), st.sampled_from(["  ", "\t"]))
def test_cut_prose_keeps_every_sentence_end_of_uncut_prose(parts: list[str], gap: str) -> None:
    """Cutting may add a sure end pysbd missed ('closely.”  Syrian'), never drop one."""
    paragraph = gap.join(parts)
    whole = _spans(paragraph, 0, long_paragraph=10**9, max_piece=10**9)
    cut = _spans(paragraph, 0, long_paragraph=200, max_piece=cuts.MAX_PIECE)
    assert {a for a, _ in whole} <= {a for a, _ in cut}
    assert {b for _, b in whole} <= {b for _, b in cut}
    assert _covered(paragraph, cut) == _covered(paragraph, whole)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(PROSE), WORD), min_size=1, max_size=40),
    st.text(" ", max_size=3),
)
def test_cut_text_spans_are_exact_and_lose_nothing(parts: list[str], lead: str) -> None:
    text = "Intro: " + lead + " ".join(parts)
    whole = _spans(text, 7, long_paragraph=10**9, max_piece=10**9)
    cut = _spans(text, 7, long_paragraph=200, max_piece=120)
    previous = 7
    for a, b in cut:
        assert previous <= a < b and text[a:b] == text[a:b].strip()
        previous = b
    assert _covered(text, cut) == _covered(text, whole)


SPLITTER_TEXT = st.lists(
    st.one_of(st.sampled_from(PROSE), WORD, st.sampled_from(["\n", "1.5", "e.g.", "p.m."])),
    min_size=1,
    max_size=30,
).map(" ".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPLITTER_TEXT)
def test_sentences_are_found_where_pysbd_finds_them(text: str) -> None:
    """Our own lookup of pysbd's sentences (in order, no pattern each) gives its spans."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(sentences, "_pieces", lambda c: sentences._segmenter().segment(c))
        expected = sentences._piece_spans(text, 0)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(sentences, "_pieces", sentences._segment)
        assert sentences._piece_spans(text, 0) == expected


# Encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str
) -> None:
    path = make.bom_file(tmp_path, encoding)
    db = tmp_path / "lib.db"
    outcome = run_cli(capsys, "--db", db, "import", path)
    assert outcome.code == 0, outcome.err
    assert sql_rows(db, "SELECT text FROM documents") == [(make.BOM_ARTICLE,)]


def test_bad_utf16_is_one_line(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "half.txt"
    path.write_bytes("\ufeffRebels took Homs.".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    before = _documents(db)
    outcome = run_cli(capsys, "--db", db, "import", path)
    assert outcome.code == 2 and outcome.err.count("\n") == 1
    assert "is not valid UTF-16" in outcome.err
    assert _documents(db) == before


@pytest.mark.parametrize("separator", ["\v", "\f", "\x85", "\u2028", "\u2029"], ids=repr)
def test_other_line_ends_are_line_ends_not_binary(separator: str) -> None:
    text = f"Rebels took Rastan on Friday.{separator}Troops fell back to Homs, residents said.\n"
    document = parse_document(text.encode("utf-8"), "lines.txt")
    claims = [document.text[c.start : c.end] for c in document.claims]
    assert claims == ["Rebels took Rastan on Friday.", "Troops fell back to Homs, residents said."]
    assert [c.paragraph for c in document.claims] == [1, 2]


def test_a_vertical_tab_inside_a_line_is_not_binary() -> None:
    document = parse_document(b"Rebels took\vRastan on Friday, residents said.\n", "vt.txt")
    assert document.claims


def test_cp1252_articles_are_read_as_cp1252(tmp_path: Path) -> None:
    articles = make.cp1252_articles(200)
    paths = []
    for number, article in enumerate(articles):
        path = tmp_path / f"{number:03d}.txt"
        path.write_bytes(article.encode("cp1252"))
        paths.append(path)
    library = Library.open(tmp_path / "lib.db")
    try:
        library.import_files(paths)
    finally:
        library.close()
    rows = sql_rows(tmp_path / "lib.db", "SELECT file_name, text FROM documents")
    stored = {str(name): str(text) for name, text in rows}
    garbled = [
        path.name
        for path, article in zip(paths, articles, strict=True)
        if stored[path.name] != unicodedata.normalize("NFC", article)
    ]
    assert garbled == []


def test_mac_roman_is_still_recognised_where_cp1252_cannot_be() -> None:
    text = "Françoise et Hélène sont arrivées à Homs mardi, a dit le préfet.\n"
    decoded = decode(text.encode("mac_roman"), "mac.txt")
    assert decoded.text == text and decoded.encoding == "mac_roman"


def test_cyrillic_legacy_text_is_refused_not_garbled() -> None:
    text = "Повстанцы вошли в город Хомс в пятницу, сообщили жители.\n"
    with pytest.raises(InputFileError, match="could not be recognised"):
        decode(text.encode("cp1251"), "ru.txt")
