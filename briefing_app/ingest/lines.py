"""An article's paragraphs: its non-empty lines, with hard-wrapped prose joined."""

from __future__ import annotations

import re

# Hard-wrapped prose: lines broken near a steady right margin, mostly mid-sentence.
WRAP_MIN_CHARS = 45
WRAP_MAX_CHARS = 110
# Share of a wrapped block's lines (all but the last) that reach close to its margin.
WRAP_MARGIN_SHARE = 0.6
WRAP_MARGIN_SLACK = 25
SENTENCE_END = re.compile(r"[.!?…]['\"”’)\]]*$")


def split_lines(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every paragraph: non-empty lines, trimmed.

    Hard-wrapped text (blocks of lines that do not end sentences, separated by
    blank lines) is joined into one paragraph per block.
    """
    lines: list[tuple[int, int]] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + (len(raw) - len(raw.lstrip()))
            lines.append((start, start + len(stripped)))
        offset += len(raw) + 1
    return _join_wrapped(text, lines)


def _join_wrapped(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    blocks: list[list[tuple[int, int]]] = []
    for span in lines:
        if blocks and "\n\n" not in text[blocks[-1][-1][1] : span[0]].replace(" ", ""):
            blocks[-1].append(span)
        else:
            blocks.append([span])
    joined: list[tuple[int, int]] = []
    for block in blocks:
        joined.extend([(block[0][0], block[-1][1])] if _is_wrapped(text, block) else block)
    return joined


def _is_wrapped(text: str, block: list[tuple[int, int]]) -> bool:
    """Return True for a block of lines broken mid-sentence at a steady margin.

    Pasted web pages also come as blocks of lines without blank lines between
    them, but their lines are whole paragraphs, headlines and menu items of any
    length: no margin.
    """
    if len(block) < 2:
        return False
    inner = [text[s:e] for s, e in block[:-1]]
    following = [text[s:e] for s, e in block[1:]]
    margin = max(len(line) for line in inner)
    if margin > WRAP_MAX_CHARS:
        return False
    near_margin = sum(1 for line in inner if len(line) >= margin - WRAP_MARGIN_SLACK)
    unfinished = sum(1 for line in inner if not SENTENCE_END.search(line))
    long_lines = sum(1 for line in inner if len(line) >= WRAP_MIN_CHARS)
    continued = sum(1 for line in following if line[:1].islower())
    return (
        unfinished > len(inner) / 2
        and long_lines > len(inner) / 2
        and near_margin >= WRAP_MARGIN_SHARE * len(inner)
        and continued > 0
    )
