r"""What every match of a pattern must contain, to rule a line out without the pattern.

Python's regular expressions scan a line position by position unless the pattern
starts with plain text; a rule such as ``\btrust principles\b`` costs as much on a
400-character paragraph as ten substring tests. :func:`required_text` reads a
pattern's syntax tree and returns strings of which any match holds at least one
("trust principles", or "our standards" for the other branch); a line holding
none of them cannot match, and the pattern need not run.

The answer only ever errs on the safe side: where the tree holds something it
does not know (a scoped flag, a back-reference), that part requires nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from re import _constants as _sre  # type: ignore[attr-defined]  # the syntax tree's names
from re import _parser as _sre_parse  # type: ignore[attr-defined]  # Python 3.11 and later
from typing import Any


@dataclass(frozen=True, slots=True)
class RequiredText:
    """Strings one of which is in every match, and whether they compare case-blind."""

    any_of: tuple[str, ...]
    case_blind: bool

    def may_match(self, line: str, folded: str) -> bool:
        """Return False if the pattern cannot match ``line`` (``folded`` is ``fold(line)``)."""
        haystack = folded if self.case_blind else line
        # A plain loop: any() over a generator takes twice as long, and this runs per line.
        for text in self.any_of:  # noqa: SIM110
            if text in haystack:
                return True
        return False


def required_text(pattern: re.Pattern[str]) -> RequiredText | None:
    """Return what every match of ``pattern`` contains, or None if nothing is sure."""
    case_blind = bool(pattern.flags & re.IGNORECASE)
    found = _in_sequence(_sre_parse.parse(pattern.pattern, pattern.flags).data, case_blind)
    if not found:
        return None
    texts = {text.lower() for text in found} if case_blind else found
    # A string holding another adds nothing: the shorter one is in the line anyway.
    kept = sorted(t for t in texts if not any(o != t and o in t for o in texts))
    return RequiredText(tuple(kept), case_blind)


def _in_sequence(items: Iterable[tuple[Any, Any]], case_blind: bool) -> set[str] | None:
    """Return the best set of strings (one of them in every match) of a sequence of items.

    Runs of plain characters are candidates, and so are the items' own sets; the
    best is the one whose shortest string is longest.
    """
    choices: list[set[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is _sre.LITERAL and (not case_blind or value < 128):
            run.append(chr(value))
            continue
        if op is _sre.AT:  # "^", "\b": they take no characters, the run goes on
            continue
        if run:
            choices.append({"".join(run)})
            run = []
        inner = _in_item(op, value, case_blind)
        if inner:
            choices.append(inner)
    if run:
        choices.append({"".join(run)})
    return max(choices, key=lambda texts: min(len(t) for t in texts), default=None)


def _in_item(op: Any, value: Any, case_blind: bool) -> set[str] | None:
    """Return the strings one of which every match of one item contains, or None.

    A literal outside ASCII in a case-blind pattern is no sure text (other letters
    may match it), nor is a group that turns case-blindness on or off.
    """
    if op is _sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = value
        if (add_flags | del_flags) & re.IGNORECASE:
            return None
        return _in_sequence(sub.data, case_blind)
    if op is _sre.BRANCH:
        branches = [_in_sequence(sub.data, case_blind) for sub in value[1]]
        if not all(branches):
            return None
        return set().union(*branches)  # type: ignore[arg-type]
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _high, sub = value
        return _in_sequence(sub.data, case_blind) if low >= 1 else None
    if op is _sre.ATOMIC_GROUP:
        return _in_sequence(value.data, case_blind)
    return None
