"""Where a sentence's subject ends: its first words, after any opening adverbial."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import islice

from briefing_app.ingest.config import load_toml

_WORD = re.compile(r"\S+")
# An opening adverbial ("In the early hours of Friday,") ends within this many words.
_OPENER_WORDS = 8


@dataclass(frozen=True, slots=True)
class _Rules:
    openers: tuple[str, ...]
    opening_words: frozenset[str]  # the first word of each opener
    verbs: frozenset[str]
    max_words: int
    anaphora: frozenset[str]
    back_reference: re.Pattern[str]


@cache
def _rules() -> _Rules:
    config = load_toml("language.toml")["subject"]
    return _Rules(
        openers=tuple(sorted(config["openers"], key=len, reverse=True)),
        opening_words=frozenset(o.split()[0] for o in config["openers"]),
        verbs=frozenset(config["verbs"]),
        max_words=config["max_words"],
        anaphora=frozenset(config["anaphora"]),
        back_reference=re.compile(config["back_reference"], re.IGNORECASE),
    )


def _bare(word: str) -> str:
    return word.strip("\"“”‘’'(),.;:").lower()


@dataclass(frozen=True, slots=True)
class Subject:
    """The subject's span in the sentence and whether it refers back."""

    start: int
    end: int
    refers_back: bool


def find_subject(sentence: str) -> Subject:
    """Return the span of a sentence's subject (a few words at most)."""
    rules = _rules()
    # The subject lies within the opener (up to its comma) and max_words more words.
    words = list(islice(_WORD.finditer(sentence), _OPENER_WORDS + rules.max_words + 1))
    first = 0
    if words and _bare(words[0].group(0)) in rules.opening_words:
        for position, word in enumerate(words[:_OPENER_WORDS]):
            if word.group(0).endswith(","):
                first = position + 1
                break
    taken: list[re.Match[str]] = []
    for word in words[first:]:
        if _bare(word.group(0)) in rules.verbs or len(taken) == rules.max_words:
            break
        taken.append(word)
        if word.group(0).endswith((",", ";", ":")):
            break
    if not taken:
        return Subject(0, 0, refers_back=False)
    bare = [_bare(word.group(0)) for word in taken]
    # It refers back if its first words are an anaphora ("These forces", "The group").
    back = any(" ".join(bare[:count]) in rules.anaphora for count in range(1, len(bare) + 1))
    return Subject(taken[0].start(), taken[-1].end(), back)


def refers_back(sentence: str) -> bool:
    """Return True if a sentence points back at the claim before it ("those reports")."""
    return (
        find_subject(sentence).refers_back or _rules().back_reference.search(sentence) is not None
    )
