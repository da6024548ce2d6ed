"""The search grammar, case by case, on the bundled briefing and the test articles."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefing_app.domain.library import ClaimFilter
from briefing_app.domain.query import Term
from briefing_app.search.parser import parse_query
from briefing_app.services.library import Library
from briefing_app.store.search import fields, reader
from briefing_app.store.search.params import Params
from tests.conftest import SEED_GOLD

ARTICLES = sorted((Path(__file__).parent.parent / "data" / "articles").glob("*.txt"))
GOLD = json.loads(SEED_GOLD.read_text("utf-8"))["claims"]
SEED_ONLY = " source:examiner"


def seed_ids(predicate: Callable[[dict[str, object]], bool]) -> set[int]:
    """Return the ids (1-based reading order) of the seed claims the gold labels pick."""
    return {n for n, claim in enumerate(GOLD, start=1) if predicate(claim)}


def in_theme(key: str) -> set[int]:
    return seed_ids(lambda c: key in c["themes"])  # type: ignore[operator]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    path = tmp_path_factory.mktemp("search") / "library.db"
    opened = Library.open(path, seed=True)
    opened.import_files(ARTICLES)
    opened.add_note(9, "Compare with ISW maps of the Homs front")
    opened.add_note(16, "US posture unchanged per Pentagon")
    gone = opened.add_note(4, "Pentagon briefing notes, withdrawn")
    opened.delete_note(gone.id)
    yield opened
    opened.close()


def found(library: Library, query: str) -> set[int]:
    return {hit.claim.id for hit in library.search(query).hits}


SEED_CASES = [
    ("theme:foreign-forces", in_theme("foreign-forces")),
    ("theme:foreign", in_theme("foreign-forces")),
    ("theme:FOREIGN-F", in_theme("foreign-forces")),
    ('theme:"Assad\'s defense"', in_theme("assad-defense")),
    ('"front line"', {9}),
    ("“front line”", {9}),
    ("entity:hts", {2, 7, 14}),
    ("entity:HTS", {2, 7, 14}),
    ('entity:"Hayat Tahrir al Sham"', {2, 7, 14}),
    ("-entity:hts theme:offensive", in_theme("offensive") - {2, 7, 14}),
    ("theme:assad-defense -russian", in_theme("assad-defense") - {10}),
    ('theme:assad-defense -"front line"', in_theme("assad-defense") - {9}),
    ("theme:assad-defense NOT russian", in_theme("assad-defense") - {10}),
    ("is:hedged", seed_ids(lambda c: bool(c["hedged"]))),
    ("is:hedged theme:offensive", {11}),
    ("-is:hedged theme:foreign-forces", {10, 15, 16}),
    ("fortify OR reignition", {9, 14}),
    ("homs fortify OR reignition", set()),
    ("rebel* fortify OR reignition", {9}),
    ("theme:foreign-forces OR fortify", in_theme("foreign-forces") | {9}),
    ('-"front line" fortify', set()),
    ("fortify -line", set()),
    ("capt*", {1, 2, 5, 7}),
    ("CAPT*", {1, 2, 5, 7}),
    ("capt* -homs", {7}),
    ("HOMS capturing", {5}),
    ("HŌMS capturing", {5}),
    ("assad’s", {6}),
    ("hts’s", {14}),
    ("U.S.", set()),
    ("note:isw", {9}),
    ("note:ISW note:homs", {9}),
    ("note:isw note:pentagon", set()),
    ("note:pentagon", {16}),
    ("note:withdrawn", set()),
    ("-note:pentagon has:note", {9}),
    ("pentagon", {16}),
    ("isw homs", {9}),
    ("has:note", {9, 16}),
    ("has:notes -pentagon", {9}),
    ("-has:note theme:foreign-forces", in_theme("foreign-forces") - {16}),
    ("doc:homs", set(range(1, 17))),
    ("doc:fleeing doc:syrian", set(range(1, 17))),
    ("theme:nonsense capturing", {5}),
    ("foo:bar", set()),
    ("is:boring capturing", {5}),
    ("entity:nobody", set()),
    ("entity:Talbiseh", {2}),
]


@pytest.mark.parametrize(("query", "expected"), SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_grammar_on_the_bundled_briefing(library: Library, query: str, expected: set[int]) -> None:
    assert found(library, query + SEED_ONLY) == expected


def test_source_picks_the_outlet(library: Library) -> None:
    assert found(library, "source:examiner") == set(range(1, 17))
    assert found(library, "outlet:EXAMINER") == set(range(1, 17))
    assert found(library, "source:nowhere") == set()


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
    assert found(library, "doc:outskirts doc:hama") == {h.claim.id for h in hits}
    assert found(library, "doc:%") == set()


def test_diacritics_and_case_do_not_matter(library: Library) -> None:
    assert found(library, "HŌMS") == found(library, "homs") != set()
    assert found(library, "şanlıurfa") == found(library, "Şanlıurfa") != set()


def test_matched_through_a_note_says_so(library: Library) -> None:
    (hit,) = library.search("pentagon").hits
    assert hit.via_note and hit.snippet == "US posture unchanged per Pentagon"
    (direct,) = library.search('"front line"').hits
    assert not direct.via_note and direct.snippet == direct.claim.text


def test_the_snippet_is_the_note_that_matched(library: Library) -> None:
    note = library.add_note(12, "Check the SAA numbers")
    other = library.add_note(12, "Unrelated second thought")
    (hit,) = library.search('"SAA numbers"').hits
    assert hit.claim.id == 12 and hit.via_note and hit.snippet == note.body
    library.delete_note(note.id)
    library.delete_note(other.id)
    assert found(library, '"SAA numbers"') == set()


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ("theme:", "needs a value"),
        ("theme:nonsense", "is not a theme"),
        ("foo:bar", "not a search field"),
        ("entity:nobody", "No entity"),
        ("source:nowhere", "No outlet"),
        ("doc:zzzz", "No document title"),
        ("x" * 10_000, "first 2000 characters"),
        ("is:boring", "is not known"),
        ("has:everything", "is not known"),
    ],
)
def test_problems_are_hints_not_errors(library: Library, query: str, hint: str) -> None:
    result = library.search(query)
    assert any(hint in h for h in result.hints), result.hints


def test_an_unknown_theme_leaves_the_rest_of_the_query(library: Library) -> None:
    result = library.search("theme:nonsense capturing source:examiner")
    assert {h.claim.id for h in result.hits} == {5}
    assert any("is not a theme" in h for h in result.hints)


def test_relevance_ranks_selective_queries(library: Library) -> None:
    hits = library.search("homs").hits
    assert len(hits) >= 2
    first = hits[0].claim.text.lower()
    assert first.count("homs") >= 1
    assert all(not h.via_note for h in hits[:-1] if hits[-1].via_note)


def test_totals_count_every_match(library: Library) -> None:
    result = library.search("homs", limit=2)
    assert len(result.hits) == 2
    assert result.total == len(library.search("homs").hits) > 2


@pytest.mark.parametrize(
    "query",
    [
        "homs",
        "rebels homs",
        "theme:offensive homs",
        "homs -rebels",
        '"front line"',
        "capt*",
        "pentagon",
        "homs OR hama -assad",
        "isw homs",
        "capt* note:isw",
        "entity:hts rebels",
    ],
)
def test_broad_mode_finds_the_same_claims(
    library: Library, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    ranked = {(h.claim.id, h.via_note) for h in library.search(query).hits}
    monkeypatch.setattr(reader, "RANK_LIMIT", 1)
    monkeypatch.setattr(reader, "FIELD_LED_LIMIT", 0)
    streamed = library.search(query).hits
    assert {(h.claim.id, h.via_note) for h in streamed} == ranked
    ids = [h.claim.id for h in streamed]
    assert ids == sorted(ids, reverse=True)  # newest first


def test_a_rare_field_leads_in_reading_order(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "RANK_LIMIT", 1)
    hits = library.search("entity:hts the source:examiner").hits
    assert [h.claim.id for h in hits] == [2, 7, 14]
    monkeypatch.setattr(reader, "FIELD_LED_LIMIT", 0)  # the text index leads: newest first
    assert [h.claim.id for h in library.search("entity:hts the" + SEED_ONLY).hits] == [14, 7, 2]


@pytest.mark.parametrize("count_limit", [1, 2, 5])
@pytest.mark.parametrize("query", ["homs", "has:note", "theme:offensive", "capt* -homs"])
def test_paging_and_capped_counts(
    library: Library, monkeypatch: pytest.MonkeyPatch, query: str, count_limit: int
) -> None:
    whole = [h.claim.id for h in library.search(query).hits]
    for rank_limit in (1, 10_000):
        monkeypatch.setattr(reader, "RANK_LIMIT", rank_limit)
        monkeypatch.setattr(reader, "COUNT_LIMIT", count_limit)
        expected = [h.claim.id for h in library.search(query).hits]
        assert sorted(expected) == sorted(whole)
        parsed = parse_query(query)
        pages = [
            library._store.find(parsed, limit=2, offset=offset)  # noqa: SLF001
            for offset in range(0, 40, 2)
        ]
        assert [i for page in pages for i in page.ids] == expected
        assert all(page.total >= min(len(whole), count_limit) for page in pages[:1])


def test_entity_names_only_narrow_the_index(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = {name for claim in library.claims(library.claim_ids()) for name in claim.entities}
    queries = [f'entity:"{name}" {word}' for name in sorted(names) for word in ("the", "sy*")]
    narrowed = [found(library, q) for q in queries]
    monkeypatch.setattr(fields, "MAX_PREFILTER_NAMES", 0)
    assert [found(library, q) for q in queries] == narrowed
    assert any(narrowed)


def test_an_ambiguous_theme_is_a_hint() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE themes (id INTEGER PRIMARY KEY, key, label, ord)")
    connection.executemany(
        "INSERT INTO themes (key, label, ord) VALUES (?, ?, ?)",
        [("offensive", "The offensive", 0), ("offshore", "Offshore forces", 1)],
    )
    resolver = fields.FieldResolver(connection, Params())
    assert resolver.resolve(Term("off", "theme")) is None
    assert resolver.hints == ["“off” matches several themes; themes are: offensive, offshore"]
    assert resolver.resolve(Term("OFFENSIVE", "theme")) is not None
    assert resolver.resolve(Term("the off", "theme")) is not None


@pytest.mark.parametrize("query", ["homs", "capt* -homs", "has:note", "zeppelin"])
def test_a_saved_search_lists_its_matches_in_document_order(library: Library, query: str) -> None:
    matched = set(library.search_ids(query).ids)
    every = library.claim_ids()
    assert library.claim_ids(ClaimFilter(query=query)) == [i for i in every if i in matched]
    offensive = library.claim_ids(ClaimFilter(theme="offensive"))
    narrowed = library.claim_ids(ClaimFilter(theme="offensive", query=query))
    assert narrowed == [i for i in offensive if i in matched]


def test_a_query_in_a_saved_search_view_is_one_read_of_both(library: Library) -> None:
    saved = set(library.search_ids("homs").ids)
    typed = set(library.search_ids("army").ids)
    assert saved and typed and saved - typed and typed - saved
    reads = library._store.finds  # noqa: SLF001
    found = library.search_ids("army", claim_filter=ClaimFilter(query="homs"))
    assert library._store.finds == reads + 1  # noqa: SLF001
    assert set(found.ids) == saved & typed


@pytest.mark.parametrize("query", ["entity:hts", "has:note", "outlet:reuters", "doc:syria"])
def test_a_lone_broad_field_lists_in_the_same_order_read_claim_by_claim(
    library: Library, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    """Sorted out of the field's claims, or checked claim by claim in list order: one list."""
    parsed = parse_query(query)
    sorted_out = library._store.find(parsed, limit=500)  # noqa: SLF001
    assert sorted_out.ids, query  # the seed library has such claims
    monkeypatch.setattr(reader, "LISTING_DRIVER_LIMIT", 1)
    read_in_order = library._store.find(parsed, limit=500)  # noqa: SLF001
    assert list(read_in_order.ids) == list(sorted_out.ids)
    assert read_in_order.total == sorted_out.total
    pages = [
        library._store.find(parsed, limit=3, offset=offset)  # noqa: SLF001
        for offset in range(0, len(sorted_out.ids), 3)
    ]
    assert [i for page in pages for i in page.ids] == list(sorted_out.ids)
    # The same through the window's path, whose view adds "not marked not a claim".
    monkeypatch.setattr(reader, "LISTING_DRIVER_LIMIT", 10**9)
    sorted_in_view = [h.claim.id for h in library.search(query, limit=500).hits]
    monkeypatch.setattr(reader, "LISTING_DRIVER_LIMIT", 1)
    assert [h.claim.id for h in library.search(query, limit=500).hits] == sorted_in_view
    assert sorted_in_view == list(sorted_out.ids)
