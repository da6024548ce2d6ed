"""The quick paths of the hedge and entity matchers find exactly what the plain ones do."""

from __future__ import annotations

import dataclasses
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.domain.parsed import EntityMention
from briefing_app.ingest import entities, hedges

HEDGE_WORDS = st.sampled_from(
    [
        "may",
        "May",
        "could not be",
        "independently",
        "confirmed",
        "appeared",
        "to",
        "reportedly",
        "it",
        "was",
        "unclear",
        "said",
        "believed",
        "be",
        "suggests",
        "suggested",
        "mighty",
        "the",
        "army",
        "“quote”",
        ",",
        ".",
    ]
)
ENTITY_WORDS = st.sampled_from(
    [
        "Bashar",
        "Assad",
        "al-Assad",
        "President",
        "HTS-aligned",
        "Iranian-backed",
        "al-Sham-led",
        "Hama-Homs",
        "Lebanon-Syria",
        "Hayat",
        "Tahrir",
        "al",
        "Sham",
        "Syrian",
        "Arab",
        "Army",
        "army",
        "Homs",
        "U.S.",
        "Russia",
        "Russian-made",
        "May",
        "the",
        "-",
        ",",
        "Syria.",
        "e\u0301",
    ]
)
SEPARATORS = st.sampled_from([" ", "  ", ", ", "\n", " - "])


def _joined(words: list[str], separators: list[str]) -> str:
    return "".join(w + s for w, s in zip(words, separators + [""] * len(words), strict=False))


@settings(max_examples=500, deadline=None)
@given(st.lists(HEDGE_WORDS, max_size=20), st.lists(SEPARATORS, max_size=20))
def test_hedges_found_with_and_without_the_required_text_agree(
    words: list[str], separators: list[str]
) -> None:
    sentence = _joined(words, separators)
    rules = hedges._rules()
    assert all(rule.needs is not None for rule in rules)  # every bundled hedge has a shortcut
    expected = _hedges_one_pattern_at_a_time(sentence, tuple(rule.pattern for rule in rules))
    assert hedges.find_hedges(sentence) == expected


def _hedges_one_pattern_at_a_time(
    sentence: str, patterns: tuple[re.Pattern[str], ...]
) -> tuple[str, ...]:
    found = sorted((m.start(), m.group(0)) for p in patterns for m in p.finditer(sentence))
    return tuple(dict.fromkeys(words for _, words in found))


@settings(max_examples=500, deadline=None)
@given(st.lists(ENTITY_WORDS, max_size=20), st.lists(SEPARATORS, max_size=20))
def test_entity_matches_agree_with_a_plain_longest_match(
    words: list[str], separators: list[str]
) -> None:
    text = "Lead: " + _joined(words, separators)
    assert entities.find_mentions(text, 6) == _plain_longest_match(text, 6)


def _plain_longest_match(text: str, start: int) -> list[EntityMention]:
    """Longest gazetteer form at each token, trying every size; else a hyphenated name.

    A form of several words may end with a lowercase suffix ("al-Sham-led"); a token
    of capitalised parts ("Hama-Homs") names each part the gazetteer knows.
    """
    table = entities.gazetteer()
    tokens = list(entities._TOKEN.finditer(text, start))
    mentions: list[EntityMention] = []
    index = 0
    while index < len(tokens):
        for size in range(min(table.longest, len(tokens) - index), 0, -1):
            window = tokens[index : index + size]
            gaps = [text[a.end() : b.start()] for a, b in zip(window, window[1:], strict=False)]
            words = [m.group(0) for m in window]
            hit = table.forms.get(tuple(words))
            end = window[-1].end()
            last_head, _, last_tail = words[-1].rpartition("-")
            if hit is None and size > 1 and last_head and last_tail[:1].islower():
                hit = table.forms.get((*words[:-1], last_head))
                end = window[-1].start() + len(last_head)
            if hit is not None and not any(gap.strip() for gap in gaps):
                mentions.append(EntityMention(hit[0], hit[1], window[0].start(), end))
                index += size
                break
        else:
            word = tokens[index].group(0)
            head, _, tail = word.partition("-")
            hit = table.forms.get(entities._tokens(head)) if tail[:1].islower() else None
            if hit is not None:
                start_at = tokens[index].start()
                mentions.append(EntityMention(hit[0], hit[1], start_at, start_at + len(head)))
            elif tail and all(part[:1].isupper() for part in word.split("-")):
                offset = tokens[index].start()
                for part in word.split("-"):
                    found = table.forms.get(entities._tokens(part))
                    if found is not None:
                        mentions.append(
                            EntityMention(found[0], found[1], offset, offset + len(part))
                        )
                    offset += len(part) + 1
            index += 1
    return mentions


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "rebels",
                "captured",
                "Assad",
                "army",
                "Russian",
                "jets",
                "Iran",
                "Hezbollah",
                "forces",
                "pulled",
                "back",
                "advance",
                "the",
                "defend",
                "Turkey",
                "US",
                # Letters that case-blind matching pairs with ASCII ones.
                "ſtormed",
                "İNSURGENTS",
                "SUPPORT",
                "Iranian-BACKED",
                "air strikes",
                ",",
                ".",
            ]
        ),
        min_size=3,
        max_size=25,
    )
)
def test_keywords_skipped_for_missing_text_score_as_keywords_all_tried(words: list[str]) -> None:
    """A keyword is only skipped when the sentence lacks the text every match of it holds.

    The shortcut runs on the folded sentence and the keywords on the lower-cased
    one; trying every keyword on the sentence as written finds the same words at
    the same places.
    """
    from briefing_app.ingest import themes
    from briefing_app.ingest.lowered import fold, lowered_text

    sentence = " ".join(words)
    lowered, folded = lowered_text(sentence), fold(sentence)
    rules_list, _ = themes._taxonomy()
    for rules in rules_list:
        every_keyword = dataclasses.replace(
            rules, keywords=tuple(dataclasses.replace(k, needs=None) for k in rules.keywords)
        )
        quick = themes._score(rules, sentence, lowered, folded, [], len(sentence) // 2, [])
        plain = themes._score(every_keyword, sentence, None, folded, [], len(sentence) // 2, [])
        assert (quick.total, quick.in_subject, quick.reasons) == (
            plain.total,
            plain.in_subject,
            plain.reasons,
        )
