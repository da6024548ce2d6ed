"""The search grammar, case by case, on the bundled briefing and the test articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_app.search import engine
from briefing_app.search.parser import parse_query
from briefing_app.services.library import Library
from tests.conftest import SEED, SEED_GOLD

ARTICLES = sorted((Path(__file__).parent.parent / "data" / "articles").glob("*.txt"))
GOLD = json.loads(SEED_GOLD.read_text("utf-8"))["claims"]


def _seed_ids(predicate: object) -> set[int]:
    """Return the ids (1-based reading order) of the seed claims the gold says match."""
    return {n for n, claim in enumerate(GOLD, start=1) if predicate(claim)}  # type: ignore[operator]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    path = tmp_path_factory.mktemp("search") / "library.db"
    opened = Library.open(path)
    opened.import_files([SEED, *ARTICLES])
    opened.add_note(9, "Compare with ISW maps of the Homs front")
    opened.add_note(16, "US posture unchanged per Pentagon")
    yield opened
    opened.close()


def found(library: Library, query: str) -> set[int]:
    return {hit.claim.id for hit in library.search(query).hits}


SEED_CASES = [
    ("theme:foreign-forces", _seed_ids(lambda c: "foreign-forces" in c["themes"])),
    ("theme:foreign", _seed_ids(lambda c: "foreign-forces" in c["themes"])),
    ('theme:"Assad\'s defense"', _seed_ids(lambda c: "assad-defense" in c["themes"])),
    ('"front line"', {9}),
    ("theme:assad-defense -russian", _seed_ids(lambda c: "assad-defense" in c["themes"]) - {10}),
    ("is:hedged theme:offensive", {11}),
    ("fortify OR reignition", {9, 14}),
    ('-"front line" fortify', set()),
    ("capt*", {1, 2, 5, 7}),
    ("HOMS capturing", {5}),
    ("note:isw", {9}),
    ("pentagon", {16}),
    ("has:note", {9, 16}),
    ("has:note -pentagon", {9}),
]


@pytest.mark.parametrize(("query", "expected"), SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_grammar_on_the_bundled_briefing(library: Library, query: str, expected: set[int]) -> None:
    assert found(library, query + " source:examiner") == expected


def test_entity_aliases_count(library: Library) -> None:
    hts = found(library, "entity:hts source:examiner")
    assert hts == {2, 7, 14}
    assert hts == found(library, 'entity:"Hayat Tahrir al Sham" source:examiner')


def test_every_article_is_searchable_by_its_outlet(library: Library) -> None:
    for article in ARTICLES:
        gold = json.loads(article.with_suffix(".gold.json").read_text("utf-8"))
        query = f'outlet:"{gold["outlet"]}"'
        assert len(found(library, query)) == len(gold["claims"]), query


def test_doc_field_matches_title_words(library: Library) -> None:
    hits = library.search('doc:"Hama outskirts"').hits
    assert hits and {h.claim.document_title for h in hits} == {
        "Syrian rebels push into Hama outskirts as army says it is regrouping"
    }


def test_diacritics_do_not_matter(library: Library) -> None:
    assert found(library, "HŌMS") == found(library, "homs") != set()
    assert found(library, "şanlıurfa") == found(library, "Şanlıurfa") != set()


def test_matched_through_a_note_says_so(library: Library) -> None:
    (hit,) = library.search("pentagon").hits
    assert hit.via_note and "Pentagon" in hit.snippet
    (direct,) = library.search('"front line"').hits
    assert not direct.via_note


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ("theme:", "needs a value"),
        ("theme:nonsense", "is not a theme"),
        ("foo:bar", "not a search field"),
        ("entity:nobody", "No entity"),
        ("x" * 10_000, "first 2000 characters"),
        ("is:boring", "is not known"),
    ],
)
def test_problems_are_hints_not_errors(library: Library, query: str, hint: str) -> None:
    result = library.search(query)
    assert any(hint in h for h in result.hints), result.hints


def test_relevance_ranks_selective_queries(library: Library) -> None:
    hits = library.search("rebel* homs").hits
    assert len(hits) >= 2
    assert hits[0].claim.text.lower().count("homs") + hits[0].claim.text.lower().count("rebel") >= 2


def test_highlights_are_code_point_spans(library: Library) -> None:
    text = "Rebels 😀 captured Hōms; “front line” held."
    spans = library.highlight(text, 'homs "front line" capt*')
    assert [text[s:e] for s, e in spans] == ["captured", "Hōms", "front line"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("russian", [("russian", None, False, False)]),
        ('"front line"', [("front line", None, True, False)]),
        ("-army", [("army", None, False, True)]),
        ('-"pulled back"', [("pulled back", None, True, True)]),
        ("theme:offensive", [("offensive", "theme", False, False)]),
        ('entity:"Bashar Assad"', [("Bashar Assad", "entity", True, False)]),
        ("NOT army", [("army", None, False, True)]),
        ('"unbalanced quote', [("unbalanced quote", None, True, False)]),
        ("AND OR - * :", []),
    ],
)
def test_parser_builds_the_tree(text: str, words: list[tuple[str, str | None, bool, bool]]) -> None:
    terms = [t for c in parse_query(text).clauses for t in c.terms]
    assert [(t.text, t.field, t.phrase, t.negated) for t in terms] == words


def test_or_joins_neighbours() -> None:
    clauses = parse_query("homs OR hama aleppo").clauses
    assert [[t.text for t in c.terms] for c in clauses] == [["homs", "hama"], ["aleppo"]]


@pytest.mark.parametrize(
    "query",
    ["homs", "rebels homs", "theme:offensive homs", "homs -rebels", '"front line"', "capt*"],
)
def test_broad_mode_finds_the_same_claims(
    library: Library, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    ranked = {h.claim.id for h in library.search(query).hits if not h.via_note}
    monkeypatch.setattr(engine, "RANK_LIMIT", 1)
    streamed = library.search(query).hits
    assert {h.claim.id for h in streamed} == ranked
    ids = [h.claim.id for h in streamed]
    assert ids == sorted(ids, reverse=True)  # newest first
