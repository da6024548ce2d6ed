"""A list of claims says, in the same read, whether it spans one document or several."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library

ARTICLES = Path(__file__).parent.parent / "data" / "articles"


@pytest.fixture
def library(seeded_library: Library) -> Library:
    """Return the bundled briefing (document 1) and a Reuters article (document 2)."""
    seeded_library.import_files([ARTICLES / "001_reuters_hama_outskirts.txt"])
    seeded_library.add_note(3, "checked")
    return seeded_library


@pytest.fixture
def any_library(seeded_backend_library: Library) -> Library:
    """Return :func:`library` on each backend (a file, a team library)."""
    seeded_backend_library.import_files([ARTICLES / "001_reuters_hama_outskirts.txt"])
    seeded_backend_library.add_note(3, "checked")
    return seeded_backend_library


def reads(library: Library) -> int:
    return library._store.finds  # noqa: SLF001 - the store's own count of list reads


@pytest.mark.parametrize(
    ("claim_filter", "limit", "documents"),
    [
        (ClaimFilter(), 100, 2),  # the whole list in one page
        (ClaimFilter(), 5, 2),  # a first page of one document: others follow
        (ClaimFilter(theme="offensive", document_id=1), 3, 1),  # one document, paged
        (ClaimFilter(with_notes=True), 1, 1),  # a full page, nothing after it
        (ClaimFilter(with_notes=True, document_id=2), 5, 0),  # empty
    ],
)
def test_the_first_page_tells_the_documents_in_the_same_read(
    any_library: Library, claim_filter: ClaimFilter, limit: int, documents: int
) -> None:
    before = reads(any_library)
    page = any_library.view_page(claim_filter, None, limit)
    assert reads(any_library) == before + 1
    assert list(page.ids) == any_library.claim_ids(claim_filter)[:limit]
    assert page.documents == documents


def test_a_later_page_cannot_tell_unless_it_sees_two(any_library: Library) -> None:
    first = any_library.view_page(ClaimFilter(), None, 3)
    later = any_library.view_page(ClaimFilter(), first.ids[-1], 3)
    assert later.documents is None  # three claims of the newest document
    ids = any_library.claim_ids()
    across = any_library.view_page(ClaimFilter(), ids[14], 4)  # the last two of each
    assert across.documents == 2


@pytest.mark.parametrize(
    "claim_filter",
    [
        ClaimFilter(),
        ClaimFilter(theme="offensive"),
        ClaimFilter(document_id=1),
        ClaimFilter(with_notes=True),
        ClaimFilter(hedged=True),
        ClaimFilter(unfiled=True),
        ClaimFilter(query="theme:foreign-forces reliability:a-f"),
    ],
)
def test_a_view_lists_the_same_claims_a_page_at_a_time(
    any_library: Library, claim_filter: ClaimFilter
) -> None:
    everything = any_library.claim_ids(claim_filter)
    paged: list[int] = []
    while page := list(any_library.claim_id_page(claim_filter, paged[-1] if paged else None, 4)):
        paged.extend(page)
    assert paged == everything and any_library.count(claim_filter) == len(everything)
    claims = any_library.claims(everything)
    order = [(-c.document_id, c.start) for c in claims]
    assert order == sorted(order)  # newest document first, each in reading order


@pytest.mark.parametrize(
    ("query", "documents"),
    [("rebels", 2), ("homs", 1), ("doc:hama", 1), ("doc:hama rebels", 1), ("zeppelin", 0)],
)
def test_a_search_tells_the_documents_of_its_matches_in_one_read(
    library: Library, query: str, documents: int
) -> None:
    before = reads(library)
    found = library.search_view(query)
    assert reads(library) <= before + 1
    assert found.documents == documents
    claims = library.claims(found.matches.ids)
    assert len({c.document_id for c in claims}) == documents


def test_a_search_cut_short_says_it_cannot_tell(library: Library) -> None:
    assert library.search_view("rebels").documents == 2
    cut = library.search_view("rebels", limit=1)  # one claim shown of five
    assert cut.matches.total == 5 and cut.documents is None
    assert library.search_view("theme:").documents == 0  # nothing to search for


def test_a_saved_search_view_tells_its_documents(library: Library) -> None:
    assert library.view_ids(ClaimFilter(query="doc:hama")).documents == 1
    assert library.view_ids(ClaimFilter(query="homs OR hama")).documents == 2
