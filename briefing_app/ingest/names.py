"""Names the gazetteer lacks, shown as entities of kind "unlisted" ("Hassan al-Khatib").

A name is a run of capitalised words (and particles such as "al-", connectors
such as "for the" inside it) that the gazetteer did not match: titles before it
are dropped ("Foreign Minister Abbas Araqchi"), a word that only opens the
sentence is not one ("Thousands", "The"), and a place or country just before an
institution's last word belongs to the institution ("Hama Military Airport").
The lexicons are in ``[names]`` of ``resources/language.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing_app.domain.parsed import EntityMention
from briefing_app.ingest.config import load_toml
from briefing_app.ingest.entities import TOKEN, mentions_of_tokens
from briefing_app.ingest.outlets import known_outlet

UNLISTED = "unlisted"
# Kinds of entity whose names hold no theme cues.
_NAME_KINDS = frozenset({UNLISTED, "group"})
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_POSSESSIVE = re.compile(r"^['’]s\s+$")
_OPENING = re.compile(r"^[\s\"“‘'(\[•*\-–—]*$")


@dataclass(frozen=True, slots=True)
class _Rules:
    connectors: frozenset[str]
    particle: re.Pattern[str]
    titles: frozenset[str]
    heads: frozenset[str]
    openers: frozenset[str]
    generic: frozenset[str]  # never a name alone: titles, heads, openers, not_alone
    stop: frozenset[str]


@cache
def _rules() -> _Rules:
    config = load_toml("language.toml")["names"]
    particles = "|".join(re.escape(p) for p in config["particles"])
    titles, heads = frozenset(config["titles"]), frozenset(config["heads"])
    openers = frozenset(config["openers"])
    return _Rules(
        connectors=frozenset(config["connectors"]),
        particle=re.compile(rf"^(?:{particles})-[A-Z]"),
        titles=titles,
        heads=heads,
        openers=openers,
        generic=titles | heads | openers | frozenset(config["not_alone"]),
        stop=frozenset(load_toml("gazetteer/stoplist.toml").get("words", [])),
    )


def _is_name_word(word: str, rules: _Rules) -> bool:
    first = word[:1]
    if first.isdigit():
        return _ORDINAL.match(word) is not None
    if "-" in word and rules.particle.match(word):
        return True
    if not first.isupper() or any(ch.isdigit() for ch in word):
        return False
    tail = word.rpartition("-")[2]
    return not (tail != word and tail[:1].islower())  # "Kurdish-led" describes, names nothing


@dataclass(frozen=True, slots=True)
class Names:
    """The entities of a sentence, and the spans of every name in it (whose words are no cues)."""

    mentions: list[EntityMention]
    spans: list[tuple[int, int]]


def find_names(text: str, start: int, end: int) -> Names:
    """Return the gazetteer's mentions of ``text[start:end]`` with unlisted names added.

    The spans are those of groups and unlisted names, and of institutions named
    by generic words only ("Russia's Defence Ministry").
    """
    tokens = list(TOKEN.finditer(text, start, end))
    institutions: list[tuple[int, int]] = []
    found = _with_unlisted(text, start, tokens, mentions_of_tokens(text, tokens), institutions)
    spans = [(m.start, m.end) for m in found if m.kind in _NAME_KINDS] + institutions
    return Names(found, spans)


def _with_unlisted(
    text: str,
    start: int,
    tokens: list[re.Match[str]],
    mentions: list[EntityMention],
    institutions: list[tuple[int, int]],
) -> list[EntityMention]:
    rules = _rules()
    covered = _covered([t.start() for t in tokens], mentions)
    found: list[EntityMention] = []
    merged: set[int] = set()
    run: list[int] = []

    def close() -> None:
        if run:
            name = _name(text, start, tokens, run[:], mentions, merged, rules)
            if isinstance(name, EntityMention):
                found.append(name)
            elif name is not None:
                institutions.append(name)
            run.clear()

    for index, token in enumerate(tokens):
        word = token.group(0)
        if run and (covered[index] or text[tokens[run[-1]].end() : token.start()].strip()):
            close()  # a known name, or more than spaces, ends the run
        if covered[index]:
            continue
        # Most words are lower-case and no particle ("al-"): plainly not a name's.
        plain = word[0].islower() and "-" not in word
        if (not plain and _is_name_word(word, rules)) or (run and word in rules.connectors):
            run.append(index)
        elif run:
            close()
    close()
    kept = [m for number, m in enumerate(mentions) if number not in merged]
    return sorted(kept + _possessives(text, found, rules), key=lambda m: (m.start, m.end))


def _covered(positions: list[int], mentions: list[EntityMention]) -> list[bool]:
    """Return, for each of the ascending ``positions``, whether a mention spans it."""
    spans = sorted((m.start, m.end) for m in mentions)
    covered, reach, next_span = [], -1, 0
    for position in positions:
        while next_span < len(spans) and spans[next_span][0] <= position:
            reach = max(reach, spans[next_span][1])
            next_span += 1
        covered.append(position < reach)
    return covered


def _possessives(text: str, found: list[EntityMention], rules: _Rules) -> list[EntityMention]:
    """Join "Yale" and "Humanitarian Research Lab" in "Yale's Humanitarian Research Lab"."""
    joined: list[EntityMention] = []
    for mention in found:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and _POSSESSIVE.match(text[previous.end : mention.start])
            and mention.name.split()[-1] in rules.heads
        ):
            name = text[previous.start : mention.end]
            joined[-1] = EntityMention(name, UNLISTED, previous.start, mention.end)
        else:
            joined.append(mention)
    return joined


def _name(
    text: str,
    start: int,
    tokens: list[re.Match[str]],
    run: list[int],
    mentions: list[EntityMention],
    merged: set[int],
    rules: _Rules,
) -> EntityMention | tuple[int, int] | None:
    """Return the unlisted name a run of tokens makes, or None when it makes none.

    An institution named by generic words only ("Defence Ministry") is no entity;
    its span is returned instead.
    """
    words = [tokens[i].group(0) for i in run]
    while words and (words[-1] in rules.connectors or _ORDINAL.match(words[-1])):
        words.pop()
        run.pop()
    initial = _OPENING.match(text[start : tokens[run[0]].start()]) is not None
    if initial and len(words) > 1 and words[1] in rules.connectors:
        words.pop(0)  # "Residents of the al-Jamiliyeh district": the sentence's first word
        run.pop(0)
    while words and (words[0] in rules.connectors or words[0] in rules.openers):
        words.pop(0)
        run.pop(0)
    while len(words) > 2 and words[0] in rules.titles:
        words.pop(0)
        run.pop(0)
    if not words:
        return None
    first, last = tokens[run[0]], tokens[run[-1]]
    if words[-1] in rules.heads and not _ORDINAL.match(words[0]):
        # A numbered unit after a body ("SAA 25th Division") is the body's, not a merger.
        before = _mention_ending_at(text, first.start(), mentions)
        if before is not None:
            merged.add(before)
            return EntityMention(
                text[mentions[before].start : last.end()],
                UNLISTED,
                mentions[before].start,
                last.end(),
            )
    if all(w in rules.generic for w in words) or all(w in rules.stop for w in words):
        # "Defence Ministry", "Shiite Islam": no one in particular.
        return (first.start(), last.end()) if words[-1] in rules.heads else None
    if len(words) == 1:
        word = words[0]
        initial = _OPENING.match(text[start : first.start()]) is not None
        # An acronym ("CTP-ISW") or an outlet ("Reuters could not verify") opening the
        # sentence is a name; another capitalised word there may just open it.
        named = sum(ch.isupper() for ch in word) >= 2 or known_outlet(word) is not None
        if len(word) < 2 or word in rules.stop or _ORDINAL.match(word) or (initial and not named):
            return None
    return EntityMention(text[first.start() : last.end()], UNLISTED, first.start(), last.end())


def _mention_ending_at(text: str, position: int, mentions: list[EntityMention]) -> int | None:
    """Return the index of the gazetteer mention just before ``position`` (spaces between)."""
    for number, mention in enumerate(mentions):
        if mention.end <= position and not text[mention.end : position].strip():
            return number
    return None
