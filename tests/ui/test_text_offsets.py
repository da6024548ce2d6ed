"""Code points (the store) against UTF-16 units (Qt), with emoji and other wide characters."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_app.ui.article.text_offsets import OffsetMap, code_point_offset, utf16_offset

TEXT = "Rebels 🔥 near Homs 👨‍👩‍👧 — residents fled."


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize(("index", "expected"), [(0, 0), (7, 7), (8, 9), (9, 10), (19, 20)])
def test_code_points_to_utf16_past_an_emoji(index: int, expected: int) -> None:
    assert utf16_offset(TEXT, index) == expected


def test_a_position_inside_a_surrogate_pair_maps_to_its_character() -> None:
    assert code_point_offset(TEXT, 8) == 7
    assert code_point_offset(TEXT, 9) == 8


def test_offsets_beyond_the_text_are_clamped() -> None:
    offsets = OffsetMap(TEXT)
    assert offsets.to_utf16(10_000) == utf16_length(TEXT)
    assert offsets.to_code_points(10_000) == len(TEXT)


@given(st.text(), st.data())
def test_conversion_round_trips_and_matches_utf16_encoding(text: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(text)))
    offsets = OffsetMap(text)
    assert offsets.to_utf16(index) == utf16_length(text[:index])
    assert offsets.to_code_points(offsets.to_utf16(index)) == index
