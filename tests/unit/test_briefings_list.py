"""The Briefings list read from the store, on both backends: orders, filter, pages, unread."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing_app.domain.library import BY_OUTLET, NEWEST_FIRST, ClaimFilter, DocumentEdit
from briefing_app.services.library import Library
from tests.conftest import DATA, SEED

ARTICLES = [
    DATA / "articles" / f
    for f in (
        "001_reuters_hama_outskirts.txt",
        "003_almonitor_damascus_waits.txt",
        "002_ap_homs_edge.txt",
    )
]


@pytest.fixture
def library(backend_library: Library) -> Library:
    """Return four briefings: the bundled one and three articles, one dated, one without outlet."""
    backend_library.import_files([SEED, *ARTICLES])
    ap = backend_library.document_details(4)
    backend_library.edit_document(4, replace(ap, outlet="", published="2024-12-01"))
    monitor = backend_library.document_details(3)
    backend_library.edit_document(3, replace(monitor, outlet="Àl-Monitor"))
    return backend_library


def test_newest_first_puts_the_dated_briefing_by_its_date(library: Library) -> None:
    listed = library.document_page(NEWEST_FIRST, "", None, 10)
    # Imported today (newest last imported first), then the one published in 2024.
    assert [d.id for d in listed] == [3, 2, 1, 4]
    assert [d.published for d in listed] == [None, None, None, "2024-12-01"]
    assert all(len(d.imported) == len("2026-11-29 10:00:00.000000") for d in listed)
    assert [d.claim_count for d in listed] == [
        len(library.claim_ids(ClaimFilter(document_id=i))) for i in (3, 2, 1, 4)
    ]


def test_by_outlet_ignores_case_and_accents_and_puts_none_last(library: Library) -> None:
    listed = library.document_page(BY_OUTLET, "", None, 10)
    assert [d.outlet for d in listed] == ["Àl-Monitor", "Reuters", "Washington Examiner", None]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("REUTERS", [2]),
        ("al-monitor", [3]),
        ("àl-mönitor", [3]),
        ("syrian hama", [2]),
        ("zeppelin", []),
    ],
)
def test_typing_keeps_titles_or_outlets_holding_every_word(
    library: Library, typed: str, expected: list[int]
) -> None:
    assert [d.id for d in library.document_page(NEWEST_FIRST, typed, None, 10)] == expected


@pytest.mark.parametrize("order", [NEWEST_FIRST, BY_OUTLET])
def test_pages_join_up_without_gaps_or_repeats(library: Library, order: str) -> None:
    whole = library.document_page(order, "", None, 100)
    pages, after = [], None
    while page := library.document_page(order, "", after, 1):
        pages.extend(page)
        after = page[-1].id
    assert [d.id for d in pages] == [d.id for d in whole] and len(whole) == 4


def test_a_briefing_is_unread_until_opened_once(library: Library) -> None:
    assert [d.unread for d in library.document_listings([1, 2])] == [True, True]
    assert library.mark_opened(2) is True
    assert library.mark_opened(2) is False
    assert [d.unread for d in library.document_listings([2, 1, 99])] == [False, True]
    assert library.document_count() == 4


def test_an_outlet_typed_in_another_case_is_the_same_outlet(library: Library) -> None:
    details = library.document_details(1)
    library.edit_document(1, replace(details, outlet="REUTERS"))
    assert library.document_details(1).outlet == "Reuters"
    library.edit_document(1, DocumentEdit(details.title, "New Desk"))
    assert library.outlet_names() == ["New Desk", "Reuters", "Àl-Monitor"]  # by code point
