"""The page-furniture rules of resources/layout.toml, one by one, and the layout's principles.

Each rule is shown lines of its kind (most from the real-style briefings) and must
take none of the sentences of reporting of the bundled and test articles.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.domain.parsed import ParagraphKind, ParsedDocument
from briefing_app.ingest.furniture import furniture, rules
from briefing_app.ingest.pipeline import parse_text
from tests.conftest import DATA, SEED, SEED_GOLD

CASES: dict[str, list[str]] = {
    "call to action": [
        "CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER",
        "Click here to see CTP and ISW's interactive map of the Middle East.",
    ],
    "read more": ["Read more", "Read also: Zelenskiy: North Korean troops suffer first losses"],
    "related links": [
        "Related: Who are the Syrian rebels and what do they want?",
        "More from World",
        "Most Read",
        "Suggested Topics:",
        "Explore more on these topics",
    ],
    "advertisement": ["Advertisement", "Story continues below advertisement", "Report This Ad"],
    "sign-up prompt": [
        "The Reuters Daily Briefing newsletter provides all the news you need. Sign up here.",
        "Sign up for our Middle East newsletter",
        "Subscribe",
    ],
    "follow us": ["Follow us on X @AlMonitor"],
    "share controls": ["Share", "Comment on this story", "Gift Article", "Reuse this content"],
    "link copied": ["Link Copied!"],
    "credit line": [
        "Reporting by Rania Khoury in Beirut; Editing by Alex Richardson",
        "Associated Press writers Lina Haddad in Beirut contributed to this report.",
    ],
    "contributor credit": ["From CNN's Paul Grant", "From CNN's Hadeel Issa and Daniel Weir"],
    "copyright": [
        "© 2024 Reuters. All rights reserved",
        "© 1996-2024 The Washington Post",
        "© Centre for Levant Security Studies 2024. All rights reserved.",
        "Copyright 2024 BBC. All rights reserved. The BBC is not responsible for external sites.",
    ],
    "standards": ["Our Standards: The Thomson Reuters Trust Principles., opens new tab"],
    "agency photo credit": [
        "A man stands next to a destroyed army tank on the outskirts of Hama, Syria, December 6,"
        " 2024. REUTERS/Ziad Hallak Purchase Licensing Rights, opens new tab",
    ],
    "photographer credit": [
        "Opposition fighters celebrate on a street in Hama, Syria, on Thursday. (Rami Saadeh/AP)",
        "Omar Haj Kadour/AFP via Getty Images",
        "Women queue for water near el-Fasher. Photograph: Mohamed Zakaria/AFP/Getty Images",
        "Fighters gather in the centre of Daraa city [Mohamad Abazeed/AFP]",
    ],
    "photo label": [
        "A man walks past a poster of Assad on Dec. 1. (Photo by Rami Nasser/AFP via Getty).",
        "Image: Families who fled Tal Rifaat wait at a checkpoint near Tabqa.",
    ],
    "file photo": [
        "Russian warplanes at the Hmeimim air base in Latakia province in 2016. — Reuters file",
        "Syrian government soldiers stand next to an artillery piece north of Hama. (AFP)",
    ],
    "bare credit": ["Getty Images", "Reuters"],
    "licensing": ["Purchase Licensing Rights"],
    "caption controls": ["Enlarge this image", "toggle caption"],
    "counter": ["1 of 12", "Page 2 of 3"],
    "timestamp": ["02:31 • Source: CNN", "14:05 GMT"],
    "updated line": [
        "Updated 3 hours ago",
        "Published 7 December 2024",
        "Last modified on Tue 3 Dec 2024 16.05 GMT",
    ],
    "reading time": ["3 min read", "4-Minute Listen", "Listen · 4:12"],
    "metadata label": [
        "Information Cutoff: 2:00 pm ET",
        "Classification: RESTRICTED",
        "Next brief: Sunday 8 December, 07:00.",
    ],
    "live blog": [
        "What we covered here",
        "Our live coverage has ended. Follow the latest developments here.",
    ],
    "video": ["Video: Iran's top diplomat on Syria: 'We are surprised' 01:48"],
    "about this publication": [
        "The Iran Update provides insights into Iranian activities abroad. It also covers trends.",
        "Below is today’s Syria brief. Situation as of 06:00 Damascus time.",
    ],
    "support appeal": [
        "We've been working hard to bring you news. Consider supporting the Kyiv Independent.",
        "Support the Guardian: Fund independent journalism with $5 per month",
        "Become a member",
    ],
    "author box": [
        "Oleksandr Hrytsenko is a reporter at the Kyiv Independent covering the front line.",
    ],
    "endnote": [
        "[3] https://www.sana.sy/en/?p=345612",
        "⁵ https://t.me/HTS_media/9981",
        "www.clss-levant.example",
    ],
    "figure": [
        "Figure 1: Approximate areas of control, 6 December 2024. Source: CLSS mapping.",
        "Map: Assessed control of terrain in northern and central Syria, December 5, 2024",
    ],
    "list line": [
        "Open sources; Meridian field contacts in Damascus, Homs and Gaziantep; SOHR; SANA."
    ],
}
# Sentences of reporting that look like furniture to a careless rule.
DECOYS = [
    "Like many Syrians, residents fled toward the coast.",
    "Published reports say the army withdrew from Hama.",
    "The SDF/YPG alliance said it still held the Tishreen dam.",
    "The UN report gives a toll of 40 dead in the market.",
    "The UN briefing provides few answers, diplomats said.",
    "Share prices fell in Damascus as the rebels advanced.",
    "From Russia's perspective, the base at Hmeimim is what matters.",
    "Sources close to the army said the order came on Friday.",
]


def _reporting_lines() -> list[str]:
    """Return every line of the bundled and test articles that holds labelled claims."""
    lines = []
    for text, gold in [(SEED, SEED_GOLD)] + [
        (p, p.with_suffix(".gold.json")) for p in sorted((DATA / "articles").glob("*.txt"))
    ]:
        labels = json.loads(Path(gold).read_text("utf-8"))
        skip = set(labels["boilerplate"]) | {labels.get("title"), labels.get("byline")}
        lines += [line.strip() for line in Path(text).read_text("utf-8").splitlines()]
        lines = [line for line in lines if line and line not in skip]
    return lines + DECOYS


def _parse(text: str) -> ParsedDocument:
    return parse_text(text, "rules.txt")


def _claims(document: ParsedDocument) -> list[str]:
    return [document.text[c.start : c.end] for c in document.claims]


def test_every_rule_is_tested() -> None:
    assert {rule.name for rule in rules()} == set(CASES)


@pytest.mark.parametrize(("name", "line"), [(n, line) for n, ls in CASES.items() for line in ls])
def test_each_rule_recognises_its_lines(name: str, line: str) -> None:
    (rule,) = [r for r in rules() if r.name == name]
    assert rule.pattern.search(line)
    assert furniture(line) is not None


@pytest.mark.parametrize("line", _reporting_lines())
def test_no_rule_takes_a_line_of_reporting(line: str) -> None:
    assert furniture(line) is None


def test_above_the_first_paragraph_of_reporting_only_title_and_byline_are_kept() -> None:
    document = _parse(
        "Skip to main content\nWorld\nMiddle East\n"
        "Syrian rebels reach outskirts of Homs as army pulls back\n"
        "By Rania Khoury and Samer Haddad\nDecember 6, 2024 3:14 PM GMT+1\n"
        "Rebels reached the outskirts of Homs on Friday, commanders said.\n"
    )
    kinds = [p.kind for p in document.paragraphs]
    assert kinds == [ParagraphKind.BOILERPLATE] * 3 + [
        ParagraphKind.TITLE,
        ParagraphKind.BYLINE,
        ParagraphKind.BOILERPLATE,
        ParagraphKind.BODY,
    ]
    assert document.title == "Syrian rebels reach outskirts of Homs as army pulls back"
    assert document.byline == "By Rania Khoury and Samer Haddad"


@pytest.mark.parametrize("line", ["Analysts: Homs is next", "December 5, 2024", "Key Takeaways:"])
def test_a_line_that_does_not_end_a_sentence_is_no_claim(line: str) -> None:
    document = _parse(f"Rebels took Hama on Thursday.\n{line}\nThe army fell back to Homs.\n")
    assert _claims(document) == ["Rebels took Hama on Thursday.", "The army fell back to Homs."]
    assert document.paragraphs[1].kind == ParagraphKind.BOILERPLATE


def test_a_question_and_advice_are_no_claims() -> None:
    document = _parse(
        "Rebels took Hama on Thursday.\nWho are the Syrian rebels who seized Aleppo?\n"
        "Staff in Damascus should maintain a stock of food.\n"
        "Fidan said Assad should reconcile with his people.\n"
    )
    assert _claims(document) == [
        "Rebels took Hama on Thursday.",
        "Fidan said Assad should reconcile with his people.",
    ]


def test_a_running_header_is_furniture() -> None:
    header = "Syria Crisis Monitor — December 2024"
    document = _parse(f"{header}\nRebels took Hama.\n\n{header}\nThe army fell back.\n")
    assert [p.kind for p in document.paragraphs if document.text[p.start : p.end] == header] == [
        ParagraphKind.BOILERPLATE
    ] * 2


@pytest.mark.parametrize(
    ("line", "claim"),
    [
        ("Rebels reach Homs: Opposition fighters said they had entered Homs.", "Opposition"),
        ("- Russia: Russian aircraft continue to strike the M5 highway.", "Russian"),
        ("The message was clear: the army would not fight for Hama.", "The message"),
        ("BEIRUT, Dec 6 (Reuters) - Syrian rebels said they had reached Homs.", "Syrian"),
        ("HAMA, Syria: Government forces fought off an assault on the city.", "Government"),
        ("ALEPPO, Syria — Residents ventured out on Monday.", "Residents"),
    ],
)
def test_labels_bullets_and_datelines_are_not_part_of_the_claim(line: str, claim: str) -> None:
    (text,) = _claims(_parse(line + "\n"))
    assert text.startswith(claim)


SENTENCES = st.sampled_from(
    [
        "Rebels took Hama on Thursday.",
        "The SAA withdrew south toward Homs City.",
        "Russian aircraft struck opposition positions near Rastan.",
        "“We will hold the line,” a commander said.",
        "Iranian-backed militias moved fighters from Deir ez-Zor.",
    ]
)
MARKERS = st.sampled_from(["[1]", "[14]", "⁵", "¹²", ""])
BULLETS = st.sampled_from(["• ", "- ", "* ", "– "])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(SENTENCES, MARKERS), min_size=1, max_size=6))
def test_footnote_markers_end_sentences_and_belong_to_no_claim(
    parts: list[tuple[str, str]],
) -> None:
    line = " ".join(sentence + marker for sentence, marker in parts)
    document = _parse(line + "\n")
    assert _claims(document) == [sentence for sentence, _ in parts]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(BULLETS, SENTENCES), min_size=1, max_size=6))
def test_bullets_open_claims_without_being_part_of_them(parts: list[tuple[str, str]]) -> None:
    document = _parse("\n".join(bullet + sentence for bullet, sentence in parts) + "\n")
    assert _claims(document) == [sentence for _, sentence in parts]
    assert all(
        document.text[c.start - 2 : c.start] in {"• ", "- ", "* ", "– "} for c in document.claims
    )


def test_hard_wrapped_prose_is_joined_but_a_pasted_page_is_not() -> None:
    wrapped = (
        "In ten days, an opposition coalition led by Hayat Tahrir al-Sham has taken\n"
        "Aleppo and Hama and reached the outskirts of Homs, reversing nearly five\n"
        "years of frozen front lines.\n"
    )
    pasted = (
        "Rebels took Hama.\nShare\nThe army fell back to Homs, officials said on Friday.\nnews\n"
    )
    assert len(_parse(wrapped).paragraphs) == 1
    assert len(_parse(pasted).paragraphs) == 4
