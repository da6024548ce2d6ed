"""The text a pattern requires never rules out a line the pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.ingest import furniture, hedges, themes
from briefing_app.ingest.lowered import fold
from briefing_app.ingest.required_text import required_text


def _bundled_patterns() -> list[re.Pattern[str]]:
    rules, _ = themes._taxonomy()
    return (
        [rule.pattern for rule in furniture.rules()]
        + [keyword.cue.pattern for theme in rules for keyword in theme.keywords]
        + [hedge.pattern for hedge in hedges._rules()]
    )


@pytest.mark.parametrize(
    ("source", "flags", "any_of"),
    [
        (r"^our standards\b|\btrust principles\b", re.I, ("our standards", "trust principles")),
        (r"\b(Rebels?|militants?)\b", re.I, ("militant", "rebel")),
        (r"\b(Rebels?|militants?)\b", 0, ("Rebel", "militant")),
        (r"(?:photo|photograph)s?:", re.I, ("photo",)),  # "photograph" holds "photo"
        (r"(?-i:AP) reported", re.I, (" reported",)),  # a scoped flag is not sure text
        (r"(x)?abc", 0, ("abc",)),  # an optional group requires nothing
        (r"(?:ab){2,}", 0, ("ab",)),
        (r"caf\u00e9 noir", re.I, (" noir",)),  # "É" is no sure text case-blind
        (r"Syria.s army", 0, ("s army",)),  # the longest sure run is chosen
        (r"[A-Z]+/[A-Z]+", 0, ("/",)),
    ],
)
def test_the_text_a_pattern_requires(source: str, flags: int, any_of: tuple[str, ...]) -> None:
    found = required_text(re.compile(source, flags))
    assert found is not None
    assert found.any_of == any_of
    assert found.case_blind == bool(flags & re.I)


@pytest.mark.parametrize("source", [r"\w+", r"a|\d+", r"(?i:abc)", r"(\w)\1", r"[ab]c?", ""])
def test_a_pattern_that_requires_nothing_sure_has_no_required_text(source: str) -> None:
    assert required_text(re.compile(source)) is None


def test_the_costly_bundled_rules_have_required_text() -> None:
    """The rules that scan whole paragraphs are the ones the shortcut is for."""
    by_name = {rule.name: rule for rule in furniture.rules()}
    for name in ("support appeal", "standards", "photographer credit", "licensing", "file photo"):
        assert by_name[name].needs is not None, name


@pytest.mark.parametrize(
    ("source", "line"),
    [
        (r"\bsupport\b", "Please ſupport our work"),  # "ſ" is "s" case-blind
        (r"\bintel\b", "INTEL from İNTEL"),
        (r"\bkilled\b", "KILLED"),  # the Kelvin sign is "K" case-blind
        (r"\bfile\b", "— FİLE photo"),
    ],
)
def test_letters_that_match_ascii_case_blind_pass_the_shortcut(source: str, line: str) -> None:
    pattern = re.compile(source, re.I)
    needs = required_text(pattern)
    assert pattern.search(line) is not None
    assert needs is not None and needs.may_match(line, fold(line))


@st.composite
def _pattern_and_line(draw: st.DrawFn) -> tuple[re.Pattern[str], str]:
    pattern = draw(st.sampled_from([p for p in _bundled_patterns() if required_text(p)]))
    matching = st.from_regex(pattern)
    noise = st.text(alphabet="aAsSkKiI İıſK.,-/ ", max_size=8)
    line = draw(st.one_of(matching, st.builds(lambda a, m, b: a + m + b, noise, matching, noise)))
    return pattern, line


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pattern_and_line())
def test_no_bundled_rule_is_skipped_on_a_line_it_matches(case: tuple[re.Pattern[str], str]) -> None:
    pattern, line = case
    needs = required_text(pattern)
    assert needs is not None
    if pattern.search(line) is not None:
        assert needs.may_match(line, fold(line)), (pattern.pattern, line)
