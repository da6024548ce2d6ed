"""Bytes to normalised text: UTF-8 (with or without BOM), or a reported fallback."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from briefing_app.domain.errors import InputFileError

MAX_BYTES = 5 * 1024 * 1024
# Share of control characters (other than tab, newline, CR, form feed) above
# which a file is taken for binary.
MAX_CONTROL_SHARE = 0.01
# Control characters (Unicode category Cc) other than tab, newline and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text ready for parsing, the encoding it came in, and anything worth telling."""

    text: str
    encoding: str
    warnings: tuple[str, ...]


def decode(data: bytes, name: str) -> DecodedText:
    """Decode and normalise an article's bytes, or raise InputFileError."""
    if len(data) > MAX_BYTES:
        raise InputFileError(
            f"{name} is {len(data) / 1_048_576:.1f} MB; briefings over "
            f"{MAX_BYTES // 1_048_576} MB are refused. Split it into articles."
        )
    if b"\x00" in data:
        raise InputFileError(f"{name} is a binary file, not a text briefing.")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError as error:
        text, encoding = _fallback(data, name, error)
        warnings.append(f"{name} is not UTF-8; it was read as {encoding}.")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    controls = len(_CONTROL.findall(text))
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise InputFileError(f"{name} is a binary file, not a text briefing.")
    if not text.strip():
        raise InputFileError(f"{name} is empty: there is nothing to import.")
    return DecodedText(text, encoding, tuple(warnings))


def _fallback(data: bytes, name: str, error: UnicodeDecodeError) -> tuple[str, str]:
    """Decode a legacy 8-bit file; refuse UTF-8 that is merely broken."""
    if _has_utf8_sequences(data):
        raise InputFileError(
            f"{name} is not valid UTF-8 (bad byte at offset {error.start}): "
            "save it again as UTF-8 and retry."
        )
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman"]).best()
    if best is None:
        raise InputFileError(
            f"{name} is not UTF-8 and its encoding could not be recognised: save it as UTF-8."
        )
    return str(best), str(best.encoding)


def _has_utf8_sequences(data: bytes) -> bool:
    """Return True if the data holds at least one well-formed multi-byte UTF-8 character."""
    for index, byte in enumerate(data):
        if byte >= 0xC2 and byte <= 0xF4:
            length = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            tail = data[index + 1 : index + length]
            if len(tail) == length - 1 and all(0x80 <= b <= 0xBF for b in tail):
                return True
    return False
