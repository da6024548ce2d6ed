"""Offsets between Python strings (code points) and Qt strings (UTF-16 code units).

The store counts code points; QTextDocument counts UTF-16 units, so every
character outside the Basic Multilingual Plane (most emoji) is one position in
Python and two in Qt. Convert at the edge, never inside the store.
"""

from __future__ import annotations

from bisect import bisect_right

_BMP_LIMIT = 0xFFFF


class OffsetMap:
    """Converts offsets of one text in both directions in O(log n)."""

    def __init__(self, text: str) -> None:
        # Code point indices of the characters that take two UTF-16 units.
        self._wide = [i for i, ch in enumerate(text) if ord(ch) > _BMP_LIMIT]
        self._length = len(text)
        # The UTF-16 index of each wide character's first unit.
        self._wide_utf16 = [i + n for n, i in enumerate(self._wide)]

    def to_utf16(self, index: int) -> int:
        """Return the UTF-16 offset of code point offset ``index``."""
        index = max(0, min(index, self._length))
        return index + bisect_right(self._wide, index - 1)

    def to_code_points(self, utf16: int) -> int:
        """Return the code point offset at UTF-16 offset ``utf16`` (mid-pair rounds down)."""
        utf16 = max(0, utf16)
        # Wide characters that start before ``utf16``; a position between the two
        # units of a pair counts that pair once, so it maps to the pair's character.
        wide_before = bisect_right(self._wide_utf16, utf16 - 1)
        return min(utf16 - wide_before, self._length)


def utf16_offset(text: str, index: int) -> int:
    """Return the UTF-16 offset of code point ``index`` in ``text``."""
    return OffsetMap(text).to_utf16(index)


def code_point_offset(text: str, utf16: int) -> int:
    """Return the code point offset of UTF-16 offset ``utf16`` in ``text``."""
    return OffsetMap(text).to_code_points(utf16)
