"""File a sentence under themes with the scored rules of ``resources/themes.toml``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from briefing_app.domain.library import Theme
from briefing_app.domain.parsed import EntityMention, ThemeAssignment
from briefing_app.ingest.config import load_toml
from briefing_app.ingest.lowered import CaseBlind, fold, lowered_text
from briefing_app.ingest.required_text import RequiredText, required_text
from briefing_app.ingest.subject import find_subject

REFERS_BACK_WEIGHT = 1.0


@dataclass(frozen=True, slots=True)
class _Keyword:
    label: str
    cue: CaseBlind
    weight: float
    # Text one of which every match holds: a sentence without it is not searched.
    needs: RequiredText | None


@dataclass(frozen=True, slots=True)
class _ThemeRules:
    theme: Theme
    keywords: tuple[_Keyword, ...]
    entities: dict[str, float]
    kinds: dict[str, tuple[float, frozenset[str]]]


@dataclass(slots=True)
class _Score:
    total: float = 0.0
    in_subject: bool = False
    reasons: list[str] = field(default_factory=list)


@cache
def _not_cue_suffixes() -> tuple[str, ...]:
    return tuple(load_toml("themes.toml")["settings"].get("not_cue_suffixes", []))


@cache
def _taxonomy() -> tuple[tuple[_ThemeRules, ...], float]:
    config = load_toml("themes.toml")
    rules = []
    for order, entry in enumerate(config["theme"]):
        theme = Theme(entry["key"], entry["label"], entry["description"], entry["colour"], order)
        keywords = tuple(
            _keyword(k["label"], k["pattern"], float(k["weight"]))
            for k in entry.get("keywords", [])
        )
        entities = {e["name"]: float(e["weight"]) for e in entry.get("entities", [])}
        kinds = {
            k["kind"]: (float(k["weight"]), frozenset(k.get("except", [])))
            for k in entry.get("entity_kinds", [])
        }
        rules.append(_ThemeRules(theme, keywords, entities, kinds))
    return tuple(rules), float(config["settings"]["secondary_threshold"])


def _keyword(label: str, pattern: str, weight: float) -> _Keyword:
    cue = CaseBlind.compile(pattern)
    return _Keyword(label, cue, weight, required_text(cue.pattern))


def default_themes() -> list[Theme]:
    """Return the bundled taxonomy in its order (the rules' themes)."""
    return [rules.theme for rules in _taxonomy()[0]]


def _score(
    rules: _ThemeRules,
    sentence: str,
    lowered: str | None,
    folded: str,
    mentions: Sequence[EntityMention],
    subject_end: int,
    masks: Sequence[tuple[int, int]],
) -> _Score:
    """Score one theme; ``lowered`` is ``lowered_text(sentence)``, ``folded`` its ``fold``."""
    score = _Score()
    for keyword in rules.keywords:
        if keyword.needs is not None and not keyword.needs.may_match(sentence, folded):
            continue
        match = _first_unmasked(keyword.cue, sentence, lowered, masks)
        if match:
            score.total += keyword.weight
            score.in_subject |= match.start() < subject_end
            score.reasons.append(f"'{sentence[match.start() : match.end()]}'")
    seen: set[str] = set()
    for mention in mentions:
        if mention.name in seen or sentence.startswith(_not_cue_suffixes(), mention.end):
            continue
        weight = rules.entities.get(mention.name)
        if weight is None and mention.kind in rules.kinds:
            kind_weight, excluded = rules.kinds[mention.kind]
            weight = None if mention.name in excluded else kind_weight
        if weight is not None:
            seen.add(mention.name)
            score.total += weight
            score.in_subject |= mention.start < subject_end
            score.reasons.append(f"entity {mention.name}")
    return score


def _first_unmasked(
    cue: CaseBlind, sentence: str, lowered: str | None, masks: Sequence[tuple[int, int]]
) -> re.Match[str] | None:
    """Return the cue's first match outside the masks (names), if any."""
    if not masks:
        return cue.search(sentence, lowered)
    return next(
        (m for m in cue.finditer(sentence, lowered) if not _masked(m.start(), m.end(), masks)),
        None,
    )


def _masked(start: int, end: int, masks: Sequence[tuple[int, int]]) -> bool:
    """Return True if a cue lies inside a name ("Defense" in "Syrian Civil Defense")."""
    return any(low <= start and end <= high for low, high in masks)


def classify(
    sentence: str,
    mentions: Sequence[EntityMention],
    previous_primary: str | None,
    masks: Sequence[tuple[int, int]] = (),
) -> tuple[ThemeAssignment, ...]:
    """Return the themes of one sentence, primary first, each with its reason.

    ``mentions`` and ``masks`` (the spans of names, whose words are no cues)
    carry offsets relative to ``sentence``; ``previous_primary`` is the primary
    theme of the claim before (a subject such as "These forces" refers back to
    it). When the subject joins actors of two themes ("Russian and Syrian
    government warplanes"), both are filed.
    """
    taxonomy, threshold = _taxonomy()
    subject = find_subject(sentence)
    lowered, folded = lowered_text(sentence), fold(sentence)
    scores = {
        r.theme.key: _score(r, sentence, lowered, folded, mentions, subject.end, masks)
        for r in taxonomy
    }
    has_own_subject = any(s.in_subject for s in scores.values())
    if subject.refers_back and previous_primary in scores and not has_own_subject:
        carried = scores[previous_primary]
        carried.total += REFERS_BACK_WEIGHT
        carried.in_subject = True
        carried.reasons.insert(0, f"'{sentence[subject.start : subject.end]}' refers back")
    order = [r.theme.key for r in taxonomy]
    ranked = sorted(
        (key for key in order if scores[key].total > 0),
        key=lambda key: (not scores[key].in_subject, -scores[key].total, order.index(key)),
    )
    if not ranked:
        return ()
    primary = ranked[0]
    # Two actors joined in the subject ("Russian and Syrian government warplanes").
    both = scores[primary].in_subject and " and " in sentence[subject.start : subject.end]
    chosen = [primary] + [
        k for k in ranked[1:] if scores[k].total >= threshold or (both and scores[k].in_subject)
    ]
    return tuple(
        ThemeAssignment(
            key=key,
            is_primary=key == primary,
            why=_why(scores[key], subject_hit=key == primary and scores[key].in_subject),
        )
        for key in chosen
    )


def _why(score: _Score, *, subject_hit: bool) -> str:
    text = "matched " + ", ".join(score.reasons)
    return text + (" (in the subject)" if subject_hit else "")
