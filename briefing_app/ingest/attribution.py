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
# A descriptive modifier before a proper name ("the Kurdish-led Syrian Democratic Forces",
# "The UN-backed Integrated ...") and an acronym in brackets after it are not the name.
_MODIFIER = re.compile(
    r"\b[\w.]+-(?:led|backed|based|aligned|affiliated|allied|controlled|run|held),?\s+(?=[A-Z])"
)
# A verb of saying, then at most a short phrase ("on Friday", "in a statement"), then the end.
_ENDS_AFTER = re.compile(
    r"\w+(?:\s+(?:on|in|at|to|by|late|early|last|this|during|after|from)\b(?:\s+[^\s,;]+){0,4})?"
    r"\s*[.!?\"”’]*\s*$"
)
_ACRONYM = re.compile(r"\s*\([A-Z][\w.-]{1,9}\)")


@dataclass(frozen=True, slots=True)
class _Rules:
    verbs: re.Pattern[str]
    not_before: frozenset[str]
    noun_after: frozenset[str]
    after_quote: re.Pattern[str]
    trailing: frozenset[str]
    relative: frozenset[str]
    inverted: frozenset[str]
    pronouns: frozenset[str]
    own_voice: frozenset[str]
    fronted: frozenset[str]
    apposition: frozenset[str]
    max_words: int


@cache
def _rules() -> _Rules:
    config = load_toml("language.toml")["attribution"]
    verbs = "|".join(re.escape(v) for v in sorted(config["verbs"], key=len, reverse=True))
    titles = "|".join(re.escape(a) for a in config["abbreviations"])
    return _Rules(
        # A verb followed by "by" is a passive participle ("a claim denied by Iraq").
        verbs=re.compile(rf"\b(?:{verbs})\b(?!\s+by\b)"),
        not_before=frozenset(config["not_before_verb"]),
        noun_after=frozenset(config["noun_after"]),
        after_quote=re.compile(rf"\s+(?P<who>(?:\b(?:{titles})|[^,.;:])+)"),
        trailing=frozenset(config["trailing"]),
        relative=frozenset(config["relative"]),
        inverted=frozenset(config["inverted_verbs"]),
        pronouns=frozenset(config["pronouns"]),
        own_voice=frozenset(config["own_voice"]),
        fronted=frozenset(config["fronted"]),
        apposition=frozenset(config["apposition"]),
        max_words=config["max_words"],
    )


def _tidy(who: str) -> str | None:
    who = _ACRONYM.sub("", _MODIFIER.sub("", who))
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
    phrase = _without_trailing((left[breaks[-1].end() :] if breaks else left).strip(), rules)
    closed = phrase.endswith(",")
    segments = [part.strip() for part in phrase.rstrip(",").split(", ") if part.strip()]
    # "In a statement, the army said": the opening adverbial is not the source.
    while len(segments) > 1 and segments[0].split()[0].lower() in rules.fronted:
        segments.pop(0)
    if not segments:
        return None
    if closed and len(segments) > 1 and all(_is_apposition(p, rules) for p in segments[1:]):
        # "X, a former officer who defected, said", "X, speaking in Baghdad, warned".
        return _checked(_name_of_apposition(", ".join(segments)), rules)
    if segments[-1].split()[0].lower() in rules.relative:
        return None  # the verb belongs to a relative clause: "X, which had said ..."
    segments = [part for part in segments if part.split()[0].lower() not in rules.relative]
    long_head = len(segments) == 2 and len(segments[0].split()) > rules.max_words // 2
    # "Thousands fled toward the coast, the local administration said.": a verb that
    # ends the sentence has its source in the last segment before it.
    tag = len(segments) > 1 and _ENDS_AFTER.match(sentence, verb_start) is not None
    if len(segments) > 2 or long_head or tag:
        segments = segments[-1:]
    # A speaker tag after a comma ("..., and many have not been paid, he said").
    return _checked(", ".join(segments), rules) or (
        _checked(segments[-1], rules) if len(segments) > 1 else None
    )


def _is_apposition(segment: str, rules: _Rules) -> bool:
    """Return True for a phrase that describes a source rather than says what it did."""
    first = segment.split()[0].lower()
    return (
        first in rules.apposition
        or first in rules.fronted
        or (len(first) > 4 and first.endswith(("ing", "ed")))
    )


def _without_trailing(phrase: str, rules: _Rules) -> str:
    """Drop the words between a source and its verb ("have already", "previously")."""
    words = phrase.split()
    while len(words) > 1 and words[-1].lower() in rules.trailing:
        words.pop()
    return " ".join(words)


def _checked(phrase: str, rules: _Rules) -> str | None:
    """Return ``phrase`` tidied if it can name a source (a pronoun stands as it is)."""
    words = phrase.split()
    if not words or len(words) > rules.max_words:
        return None
    if len(words) == 1 and words[0].lower().strip(",") in rules.pronouns:
        return words[0]
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
    """Return the source a sentence names for itself, or None for the reporter's own.

    The writer's own voice ("We assess that ...") names no source but the document.
    """
    according = _ACCORDING.search(sentence)
    if according:
        return _tidy(according.group("who"))
    rules = _rules()
    for verb in rules.verbs.finditer(sentence):
        before = sentence[: verb.start()].split()
        if before and before[-1].lower() in rules.noun_after:
            continue  # "those reports", "the claims": a noun, not a verb
        who = _before_verb(sentence, verb.start(), rules) or _after_quote(
            sentence, verb.end(), verb.start(), rules
        )
        if who:
            return None if who.lower() in rules.own_voice else who
    return None


def is_pronoun(who: str) -> bool:
    """Return True if an attribution is a bare pronoun ("he", "they")."""
    return who.lower() in _rules().pronouns
