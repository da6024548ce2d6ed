"""PDF lines back into paragraphs: no word lost, none invented, hyphenated words made whole.

Generated documents are laid out as a PDF would be (wrapped lines, words hyphenated at
line ends, page breaks anywhere, a running header and page numbers), then reflowed; a
few are drawn into real PDFs by Qt and read back through the import.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from briefing_app.domain.errors import InputFileError
from briefing_app.ingest.formats.pdf_text import read_pdf
from briefing_app.ingest.formats.reflow import Line, join_lines, reflow
from briefing_app.ingest.pipeline import parse_text
from tests.format_files import write_pdf

LETTERS = "abcdefghijklmnopqrstuvwxyz"
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=10)
HEADER = "Levant Monitor Quarterly Review"
SIZE, STEP = 10.0, 12.0


@st.composite
def paragraphs(draw: st.DrawFn, sentences: bool) -> list[str]:
    """Draw paragraphs of lowercase words; each opens with a capital and ends with a stop."""
    found = []
    for words in draw(st.lists(st.lists(WORD, min_size=3, max_size=40), min_size=1, max_size=6)):
        words = list(words)
        if sentences:
            for index in draw(st.lists(st.integers(1, len(words) - 2), max_size=3)):
                words[index - 1] += "."
                words[index] = words[index].capitalize()
        words[0] = words[0].capitalize()
        words[-1] += "."
        found.append(" ".join(words))
    return found


def lay_out(text: str, width: int, hyphenate: st.DataObject) -> list[str]:
    """Wrap a paragraph at ``width``, breaking some long lowercase words with a hyphen."""
    lines, line = [], ""
    for word in text.split():
        if not line or len(line) + 1 + len(word) <= width:
            line = f"{line} {word}" if line else word
            continue
        room = width - len(line) - 2
        breakable = word.isalpha() and word.islower() and len(word) >= 6 and room >= 3
        if breakable and hyphenate.draw(st.booleans()):
            cut = min(room, len(word) - 3)
            lines.append(f"{line} {word[:cut]}-")
            line = word[cut:]
            continue
        lines.append(line)
        line = word
    return [*lines, line]


def paginate(blocks: list[list[str]], page_lines: int, running: bool) -> list[list[Line]]:
    """Put the lines on pages of ``page_lines`` lines, a gap between paragraphs."""
    pages: list[list[Line]] = [[]]
    y = 800.0
    for number, block in enumerate(blocks):
        for position, text in enumerate(block):
            if len(pages[-1]) >= page_lines:
                pages.append([])
                y = 800.0
            elif number and position == 0 and pages[-1]:
                y -= STEP  # the gap between paragraphs
            pages[-1].append(Line(text, y, SIZE))
            y -= STEP
    if running and len(pages) > 1:
        pages = [
            [Line(HEADER, 830.0, SIZE), *page, Line(f"Page {n} of {len(pages)}", 40.0, SIZE)]
            for n, page in enumerate(pages, start=1)
        ]
    return pages


def laid_out(
    original: list[str], width: int, page_lines: int, data: st.DataObject
) -> list[list[Line]]:
    blocks = [lay_out(p, width, data) for p in original]
    body = [line for block in blocks for line in block]
    assume(len(set(body)) == len(body))  # body text does not repeat, as in any real document
    return paginate(blocks, page_lines, data.draw(st.booleans()))


@settings(max_examples=300, deadline=None)
@given(paragraphs(sentences=False), st.integers(40, 90), st.integers(3, 30), st.data())
def test_paragraphs_come_back_whole(
    original: list[str], width: int, page_lines: int, data: st.DataObject
) -> None:
    pages = laid_out(original, width, page_lines, data)
    assert list(reflow(pages).paragraphs) == original


@settings(max_examples=300, deadline=None)
@given(paragraphs(sentences=True), st.integers(40, 90), st.integers(3, 30), st.data())
def test_no_word_is_lost_and_no_paragraphs_are_merged(
    original: list[str], width: int, page_lines: int, data: st.DataObject
) -> None:
    """A page break right after a sentence may start a paragraph; nothing else changes."""
    found = list(reflow(laid_out(original, width, page_lines, data)).paragraphs)
    assert " ".join(found).split() == " ".join(original).split()
    assert _boundaries(original) <= _boundaries(found)


def test_body_lines_that_differ_only_in_case_are_not_a_running_footer() -> None:
    """Found by hypothesis: "aa a a." and "Aa a a." ended two of three pages and went."""
    original = [
        "A a aa.",
        "Aaaaaa aaaaaaaaa aaaaaaaaaa aaaaaaaaaa aa a a.",
        "A a a a.",
        "Aaaaaa aaaaaaaa aaaaaaaaaa aaaaaaaaaa. Aa a a.",
        "A a a.",
    ]
    blocks = [
        ["A a aa."],
        ["Aaaaaa aaaaaaaaa aaaaaaaaaa aaaaaaaaaa", "aa a a."],
        ["A a a a."],
        ["Aaaaaa aaaaaaaa aaaaaaaaaa aaaaaaaaaa.", "Aa a a."],
        ["A a a."],
    ]
    flowed = reflow(paginate(blocks, page_lines=3, running=False))
    assert list(flowed.paragraphs) == original
    assert flowed.dropped == ()


def test_a_running_footer_still_goes() -> None:
    body = [[f"Line {chr(97 + n)} of the body."] for n in range(6)]
    pages = [[*page, Line("Levant Monitor", 40.0, SIZE)] for page in paginate(body, 2, True)]
    flowed = reflow(pages)
    assert list(flowed.paragraphs) == [line for block in body for line in block]
    assert HEADER in flowed.dropped and "Levant Monitor" in flowed.dropped


def _boundaries(paragraphs: list[str]) -> set[int]:
    """Return the word positions where paragraphs end."""
    ends, count = set(), 0
    for paragraph in paragraphs:
        count += len(paragraph.split())
        ends.add(count)
    return ends


@given(
    st.text(alphabet=LETTERS + " .,-", min_size=1), st.text(alphabet=LETTERS + " .,-", min_size=1)
)
def test_joining_two_lines_keeps_every_letter(first: str, second: str) -> None:
    first, second = first.strip(), second.strip()
    assume(first and second)
    joined = join_lines(first, second)
    assert joined.replace("-", "").replace(" ", "") == (first + second).replace("-", "").replace(
        " ", ""
    )


def test_a_compound_the_document_writes_with_a_hyphen_keeps_it() -> None:
    assert join_lines("a counter-", "attack began", {"counter-attack"}) == "a counter-attack began"
    assert join_lines("the govern-", "ment fell") == "the government fell"
    assert join_lines("Turkish-", "backed factions") == "Turkish-backed factions"
    assert join_lines("Jabal Zain al-", "Abidin") == "Jabal Zain al-Abidin"
    assert join_lines("in 2015-", "16") == "in 2015-16"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs(sentences=False), st.integers(45, 85), st.integers(8, 40), st.data())
def test_a_real_pdf_reads_back_whole_with_exact_spans(
    qapp: object, original: list[str], width: int, page_lines: int, data: st.DataObject
) -> None:
    pages = laid_out(original, width, page_lines, data)
    # A page with next to no letters is taken for a scan (tested in tests/hostile).
    assume(all(sum(c.isalpha() for line in page for c in line.text) >= 20 for page in pages))
    with tempfile.TemporaryDirectory() as folder:
        drawn = write_pdf(Path(folder) / "generated.pdf", _with_gaps(pages)).read_bytes()
    extracted = read_pdf(drawn, "generated.pdf")
    assert extracted.text.split("\n\n") == original
    try:
        document = parse_text(extracted.text, "generated.pdf", page=extracted.page)
    except InputFileError:  # every line taken for a title or furniture: no claim to check
        return
    for claim in document.claims:
        quoted = document.text[claim.start : claim.end]
        assert quoted == quoted.strip() and any(quoted in p for p in original)


def _with_gaps(pages: list[list[Line]]) -> list[list[str]]:
    """Return the pages as lines of text, a blank line where a paragraph gap is."""
    drawn = []
    for page in pages:
        lines: list[str] = []
        for previous, line in zip([None, *page], page, strict=False):
            if previous is not None and previous.y is not None and line.y is not None:
                lines += [""] if previous.y - line.y > 1.5 * STEP else []
            lines.append(line.text)
        drawn.append(lines)
    return drawn
