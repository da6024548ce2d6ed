"""The search grammar without a database: lexer, parser, FTS5 quoting and highlights."""

from __future__ import annotations

import pytest

from briefing_app.domain.query import Term
from briefing_app.search.highlight import highlight, highlight_spans
from briefing_app.search.lexer import Token, clean, tokens
from briefing_app.search.parser import MAX_CHARS, MAX_TERMS, parse_query
from briefing_app.store.search.fts_text import fts_string

Row = tuple[str, str | None, bool, bool]


def tree(text: str) -> list[list[Row]]:
    """Return the clauses of ``text`` as (text, field, prefix, negated) rows."""
    return [
        [(t.text, t.field, t.prefix, t.negated) for t in clause.terms]
        for clause in parse_query(text).clauses
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("russian", [[("russian", None, False, False)]]),
        ("rebels homs", [[("rebels", None, False, False)], [("homs", None, False, False)]]),
        ('"front line"', [[("front line", None, False, False)]]),
        ("“front line”", [[("front line", None, False, False)]]),
        ("-army", [[("army", None, False, True)]]),
        ('-"pulled back"', [[("pulled back", None, False, True)]]),
        ("NOT army", [[("army", None, False, True)]]),
        ("capt*", [[("capt", None, True, False)]]),
        ("ca*", [[("ca", None, True, False)]]),
        ("a*", [[("a", None, False, False)]]),
        ("U.S*", [[("U.S", None, False, False)]]),
        ("al-a*", [[("al-a", None, False, False)]]),
        ("-capt*", [[("capt", None, True, True)]]),
        ("theme:offensive", [[("offensive", "theme", False, False)]]),
        ("THEME:offensive", [[("offensive", "theme", False, False)]]),
        ('theme:"Assad\'s defense"', [[("Assad's defense", "theme", False, False)]]),
        ('entity:"Bashar Assad"', [[("Bashar Assad", "entity", False, False)]]),
        ("-entity:hts", [[("hts", "entity", False, True)]]),
        (
            "outlet:reuters source:ap",
            [[("reuters", "outlet", False, False)], [("ap", "source", False, False)]],
        ),
        ("has:note is:hedged", [[("note", "has", False, False)], [("hedged", "is", False, False)]]),
        ("note:isw doc:homs", [[("isw", "note", False, False)], [("homs", "doc", False, False)]]),
        (
            "homs OR hama aleppo",
            [
                [("homs", None, False, False), ("hama", None, False, False)],
                [("aleppo", None, False, False)],
            ],
        ),
        ("homs | hama", [[("homs", None, False, False), ("hama", None, False, False)]]),
        (
            "theme:offensive OR note:isw",
            [[("offensive", "theme", False, False), ("isw", "note", False, False)]],
        ),
        ("homs OR -hama", [[("homs", None, False, False)], [("hama", None, False, True)]]),
        ("homs AND hama", [[("homs", None, False, False)], [("hama", None, False, False)]]),
        ('"unbalanced quote', [[("unbalanced quote", None, False, False)]]),
        ('say"what', [[("say", None, False, False)], [("what", None, False, False)]]),
        (
            "U.S. Gen. o'brien",
            [
                [("U.S.", None, False, False)],
                [("Gen.", None, False, False)],
                [("o'brien", None, False, False)],
            ],
        ),
        ("euro-area", [[("euro-area", None, False, False)]]),
        ("حمص دمشق", [[("حمص", None, False, False)], [("دمشق", None, False, False)]]),
        ("AND OR NOT - * : ( ) \"\" ''", []),
        ("OR homs", [[("homs", None, False, False)]]),
        ("homs OR", [[("homs", None, False, False)]]),
        ("NOT", []),
        ("😀 🇸🇾", []),
        ("", []),
        ("   \t\n", []),
    ],
)
def test_parser_builds_the_tree(text: str, expected: list[list[Row]]) -> None:
    assert tree(text) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("theme:", "“theme:” needs a value"),
        ('entity:""', "“entity:” needs a value"),
        ("foo:bar", "“foo:” is not a search field"),
        ('foo:"bar baz"', "“foo:” is not a search field"),
        ("-army -navy", "Only exclusions were given"),
        ("a*", "“a*”: a prefix needs 2 letters"),
        ("x" * (MAX_CHARS + 1), f"first {MAX_CHARS} characters"),
        (" ".join(f"w{n}" for n in range(MAX_TERMS + 5)), f"first {MAX_TERMS} terms"),
    ],
)
def test_what_is_left_out_is_said_in_a_hint(text: str, hint: str) -> None:
    assert any(hint in h for h in parse_query(text).hints), parse_query(text).hints


@pytest.mark.parametrize("text", ["10:30", "http://example.org", "homs", 'theme:"x"'])
def test_no_hint_for_ordinary_text(text: str) -> None:
    assert parse_query(text).hints == ()


def test_unknown_field_keeps_its_words() -> None:
    assert tree("foo:bar") == [[("foo:bar", None, False, False)]]


def test_control_and_format_characters_are_spaces() -> None:
    assert clean("a\x00b\u202ec\u200fd\u2028e") == "a b c d e"
    assert tree("ho\x00ms") == [[("ho", None, False, False)], [("ms", None, False, False)]]


def test_lexer_tokens() -> None:
    assert tokens('-"a b" theme:"c d" e"f') == [
        Token("a b", "-", quoted=True),
        Token("c d", "theme:", quoted=True),
        Token("e"),
        Token("f"),
    ]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        (Term("homs"), '"homs"'),
        (Term('say "no"'), '"say ""no"""'),
        (Term("capt", prefix=True), '"capt"*'),
        (Term("AND"), '"AND"'),
        (Term("NEAR(a b)"), '"NEAR(a b)"'),
        (Term("*"), '"*"'),
    ],
)
def test_every_token_reaches_fts5_quoted(term: Term, expected: str) -> None:
    assert fts_string(term) == expected


def test_never_raises_on_a_long_mess() -> None:
    text = ('"-*:()^{}\\\x00\u202e😀 OR AND NOT theme: ' * 500)[:10_000]
    assert len(parse_query(text).clauses) <= MAX_TERMS


@pytest.mark.parametrize(
    ("text", "query", "marked"),
    [
        (
            "Rebels 😀 captured Hōms; “front line” held.",
            'homs "front line" capt*',
            ["captured", "Hōms", "front line"],
        ),
        ("The front, the line, front line", '"front line"', ["front line"]),
        ("HTS’s sudden reignition", "hts", ["HTS"]),
        ("Capturing Homs", "-homs capturing", ["Capturing"]),
        ("Assad's army", "theme:assad", []),
        ("🇸🇾 Şanlıurfa", "şanlıurfa", ["Şanlıurfa"]),
    ],
)
def test_highlights_are_code_point_spans(text: str, query: str, marked: list[str]) -> None:
    spans = highlight(text, parse_query(query))
    assert [text[s:e] for s, e in spans] == marked


def test_highlight_spans_merge_overlaps() -> None:
    text = "front line front"
    assert highlight_spans(text, [Term("front line"), Term("line front")]) == [(0, 16)]
