"""Case-blind patterns run on lower-cased text find what they find case-blind."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.ingest import themes
from briefing_app.ingest.lowered import CaseBlind, lowered_pattern, lowered_text

_KEYWORDS = [k.cue for rules in themes._taxonomy()[0] for k in rules.keywords]
_WORDS = ["Rebels", "SEIZED", "Homs", "government", "Forces", "İdlib", "straße", "ÉLITE", "the"]
# Case-blind matching pairs "ſ", "ı" and "K" (the Kelvin sign) with ASCII letters.
_WORDS += ["ſeized", "mılitants", "attacKed"]


@pytest.mark.parametrize(
    ("source", "lowered"),
    [
        (r"\bSyria.s\b", r"\bsyria.s\b"),
        (r"\W[A-Z]\S", r"\W[a-z]\S"),  # escapes keep their case: \W is not \w
        (r"(?:Army)(?!Base)(?<=X)(?<!Y)", r"(?:army)(?!base)(?<=x)(?<!y)"),
        (r"^From (?P<outlet>[A-Z]+)", r"^from (?P<outlet>[a-z]+)"),
    ],
)
def test_a_pattern_is_lowered_outside_its_escapes(source: str, lowered: str) -> None:
    assert lowered_pattern(source) == lowered


@pytest.mark.parametrize(
    "source", [r"(?-i:AP)", r"(?i)army", r"(?P<Outlet>\w+)", r"\N{LATIN CAPITAL LETTER A}", "İ"]
)
def test_a_pattern_whose_letters_carry_case_is_not_lowered(source: str) -> None:
    assert lowered_pattern(source) is None
    assert CaseBlind.compile(source).lowered is None


def test_a_text_that_lowering_would_lengthen_is_not_lowered() -> None:
    assert lowered_text("İdlib") is None  # "i̇dlib": one character more
    assert lowered_text("HOMS") == "homs"


def test_letters_paired_with_ascii_are_lowered_to_them() -> None:
    assert lowered_text("ſeized mılitants") == "seized militants"
    assert CaseBlind.compile(r"\bseized\b").search("ſeized", lowered_text("ſeized"))
    assert lowered_pattern("café") is None  # "É" would need case-blind matching of its own


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS + [w.lower() for w in _WORDS] + [",", "."]), max_size=12))
def test_every_theme_keyword_finds_the_same_spans_both_ways(words: list[str]) -> None:
    text = " ".join(words)
    lowered = lowered_text(text)
    for cue in _KEYWORDS:
        blind = [m.span() for m in cue.pattern.finditer(text)]
        assert [m.span() for m in cue.finditer(text, lowered)] == blind


def test_a_case_blind_pattern_that_cannot_be_lowered_still_matches() -> None:
    cue = CaseBlind.compile(r"(?-i:AP) reported")
    assert cue.search("AP REPORTED", lowered_text("AP REPORTED"))
    assert not cue.search("ap reported", lowered_text("ap reported"))
