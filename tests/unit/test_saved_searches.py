"""Saved searches in the store, on both backends: saved, replaced, renamed, deleted, listed."""

from __future__ import annotations

import pytest

from briefing_app.domain.errors import NotFoundError, UsageError
from briefing_app.domain.library import ClaimFilter
from briefing_app.services.library import Library


def test_a_search_is_saved_replaced_renamed_and_deleted(backend_library: Library) -> None:
    library = backend_library
    first = library.save_search(" Coast ", "coast OR homs")
    assert (first.name, first.query) == ("Coast", "coast OR homs")
    again = library.save_search("Coast", "latakia")
    assert (again.id, again.query) == (first.id, "latakia")
    other = library.save_search("Army", "army")
    assert [s.name for s in library.saved_searches()] == ["Army", "Coast"]
    with pytest.raises(UsageError, match="already called 'Army'"):
        library.rename_search(first.id, "Army")
    renamed = library.rename_search(first.id, "The coast")
    assert (renamed.id, renamed.name) == (first.id, "The coast")
    gone = library.delete_search(other.id)
    assert gone == other
    assert [s.name for s in library.saved_searches()] == ["The coast"]
    with pytest.raises(NotFoundError):
        library.delete_search(other.id)


def test_a_saved_search_of_fields_is_a_view(seeded_backend_library: Library) -> None:
    library = seeded_backend_library
    saved = library.save_search("Foreign, graded", "theme:foreign-forces reliability:a-f")
    view = ClaimFilter(query=saved.query)
    ids = library.claim_ids(view)
    assert ids and library.count(view) == len(ids)
    assert all(
        any(t.key == "foreign-forces" for t in claim.themes) for claim in library.claims(ids)
    )
