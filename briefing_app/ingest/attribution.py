"""Who a sentence says a claim comes from: "X said", "according to X", "said X"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing_app.ingest.config import load_toml

_ACCORDING = re.compile(
    r"\baccording to (?P<who>.+?)(?=,\s|;|:|(?<!(?-i:[A-Z]))\.(?:\s|$)|\s[-–—]\s|$)", re.IGNORECASE
)
_CLAUSE_BREAKS = re.compile(r"[,?!]?\s*[\"”]\s*|,\s+(?:and|but)\s+|;\s*|:\s+|\s[-–—]\s|\bthat\s")
_ARTICLES = frozenset({"The", "A", "An"})
_QUOTE_CLOSE = re.compile(r"[,?!.]\s*[\"”]\s*$")


@dataclass(frozen=True, slots=True)
class _Rules:
    verbs: re.Pattern[str]
    not_before: frozenset[str]
    after_quote: re.Pattern[str]
    trailing: frozenset[str]
    relative: frozenset[str]
    inverted: frozenset[str]
    pronouns: frozenset[str]
    max_words: int


@cache
def _rules() -> _Rules:
    config = load_toml("language.toml")["attribution"]
    verbs = "|".join(re.escape(v) for v in config["verbs"])
    titles = "|".join(re.escape(a) for a in config["abbreviations"])
    return _Rules(
        verbs=re.compile(rf"\b(?:{verbs})\b"),
        not_before=frozenset(config["not_before_verb"]),
        after_quote=re.compile(rf"\s+(?P<who>(?:\b(?:{titles})|[^,.;:])+)"),
        trailing=frozenset(config["trailing"]),
        relative=frozenset(config["relative"]),
        inverted=frozenset(config["inverted_verbs"]),
        pronouns=frozenset(config["pronouns"]),
        max_words=config["max_words"],
    )


def _tidy(who: str) -> str | None:
    who = _name_of_apposition(who.strip(" ,;:\"“”'‘’—–-"))
    for lead in ("and ", "but ", "as "):
        if who.lower().startswith(lead):
            who = who[len(lead) :]
    return who or None


def _name_of_apposition(who: str) -> str:
    """Prefer the named part of "A commander, Gen. X"; drop "X, a war monitor"."""
    parts = [part.strip() for part in who.split(", ")]
    if len(parts) == 1:
        return who
    named = [p for p in parts[1:] if p[:1].isupper() and p.split()[0] not in _ARTICLES]
    return named[0] if named else parts[0]


def _before_verb(sentence: str, verb_start: int, rules: _Rules) -> str | None:
    left = sentence[:verb_start]
    breaks = list(_CLAUSE_BREAKS.finditer(left))
    phrase = (left[breaks[-1].end() :] if breaks else left).strip().rstrip(",")
    raw_segments = [part for part in phrase.split(", ") if part.strip()]
    closed = left.rstrip().endswith(",")
    if raw_segments and raw_segments[-1].split()[0].lower() in rules.relative and not closed:
        return None  # the verb belongs to a relative clause: "X, which had said ..."
    segments = [
        part
        for part in raw_segments
        if part.strip() and part.split()[0].lower() not in rules.relative
    ]
    phrase = ", ".join(segments)
    long_head = len(segments) == 2 and len(segments[0].split()) > rules.max_words // 2
    if len(segments) > 2 or long_head:
        phrase = segments[-1]
    words = phrase.split()
    while len(words) > 1 and words[-1].lower() in rules.trailing:
        phrase = phrase[: phrase.rstrip().rfind(words[-1])]
        words.pop()
    if not words or len(words) > rules.max_words:
        return None
    if any(w.lower().strip(",") in rules.not_before for w in words):
        return None
    return _tidy(phrase)


def _after_quote(sentence: str, verb_end: int, verb_start: int, rules: _Rules) -> str | None:
    if sentence[verb_start:verb_end].lower() not in rules.inverted:
        return None
    before = sentence[:verb_start]
    if not _QUOTE_CLOSE.search(before) and not before.rstrip().endswith(","):
        return None
    right = sentence[verb_end:]
    match = rules.after_quote.match(right)
    if not match:
        return None
    who = match.group("who")
    if len(who.split()) > rules.max_words or not who.strip()[:1].isupper():
        return None
    return _tidy(who)


def find_attribution(sentence: str) -> str | None:
    """Return the source a sentence names for itself, or None for the reporter's own."""
    according = _ACCORDING.search(sentence)
    if according:
        return _tidy(according.group("who"))
    rules = _rules()
    for verb in rules.verbs.finditer(sentence):
        who = _before_verb(sentence, verb.start(), rules) or _after_quote(
            sentence, verb.end(), verb.start(), rules
        )
        if who:
            return who
    return None


def is_pronoun(who: str) -> bool:
    """Return True if an attribution is a bare pronoun ("he", "they")."""
    return who.lower() in _rules().pronouns
