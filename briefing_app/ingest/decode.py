"""Bytes to normalised text: UTF-8, UTF-16/32 with a BOM, or a reported legacy encoding."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from briefing_app.domain.errors import InputFileError
from briefing_app.ingest.config import load_toml

MAX_BYTES = 5 * 1024 * 1024
# Share of control characters above which a file is taken for binary.
MAX_CONTROL_SHARE = 0.01
# Control characters (Unicode category Cc) other than tab and newline; CR, VT, FF and
# NEL are line ends and are gone by the time this is counted.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Every other line or paragraph break becomes a newline: CR (old Mac), VT (a manual
# line break in word processors' text export), FF (page break), NEL, LS and PS.
_LINE_ENDS = str.maketrans(dict.fromkeys("\r\v\f\x85\u2028\u2029", "\n"))
# UTF-32 before UTF-16: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# One well-formed multi-byte UTF-8 character.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text ready for parsing, the encoding it came in, and anything worth telling."""

    text: str
    encoding: str
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _LegacyRules:
    preferred: tuple[str, ...]
    fallback: tuple[str, ...]
    max_chaos: float


@cache
def _legacy_rules() -> _LegacyRules:
    config = load_toml("encodings.toml")["legacy"]
    return _LegacyRules(
        tuple(config["preferred"]), tuple(config["fallback"]), float(config["max_chaos"])
    )


def decode(data: bytes, name: str) -> DecodedText:
    """Decode and normalise an article's bytes, or raise InputFileError."""
    if len(data) > MAX_BYTES:
        raise InputFileError(
            f"{name} is {len(data) / 1_048_576:.1f} MB; briefings over "
            f"{MAX_BYTES // 1_048_576} MB are refused. Split it into articles."
        )
    text, encoding, warnings = _decoded(data, name)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").translate(_LINE_ENDS))
    controls = len(_CONTROL.findall(text))
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise InputFileError(f"{name} is a binary file, not a text briefing.")
    if not text.strip():
        raise InputFileError(f"{name} is empty: there is nothing to import.")
    return DecodedText(text, encoding, warnings)


def _decoded(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """Return the text, the encoding it was read as, and any note for the user."""
    marked = _with_bom(data, name)
    if marked is not None:
        return marked[0], marked[1], ()
    if b"\x00" in data:
        raise InputFileError(f"{name} is a binary file, not a text briefing.")
    try:
        return data.decode("utf-8-sig"), "utf-8", ()
    except UnicodeDecodeError as error:
        text, encoding = _legacy(data, name, error)
        return text, encoding, (f"{name} is not UTF-8; it was read as {encoding}.",)


def _with_bom(data: bytes, name: str) -> tuple[str, str] | None:
    """Return the text and codec of a UTF-16 or UTF-32 file that starts with its BOM."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as error:
                label = codec.upper()
                raise InputFileError(
                    f"{name} starts like {label} but is not valid {label} (bad data at "
                    f"offset {error.start}): save it again as UTF-8 and retry."
                ) from error
    return None


def _legacy(data: bytes, name: str, error: UnicodeDecodeError) -> tuple[str, str]:
    """Decode a legacy 8-bit file; refuse UTF-8 that is merely broken."""
    if _UTF8_SEQUENCE.search(data):
        raise InputFileError(
            f"{name} is not valid UTF-8 (bad byte at offset {error.start}): "
            "save it again as UTF-8 and retry."
        )
    from charset_normalizer import from_bytes

    rules = _legacy_rules()
    for encoding in rules.preferred:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        clean = from_bytes(
            data, cp_isolation=[encoding], threshold=rules.max_chaos, enable_fallback=False
        ).best()
        if clean is not None:
            return text, encoding
    best = from_bytes(data, cp_isolation=list(rules.fallback), threshold=rules.max_chaos).best()
    if best is None:
        raise InputFileError(
            f"{name} is not UTF-8 and its encoding could not be recognised: save it as UTF-8."
        )
    return str(best), str(best.encoding)
