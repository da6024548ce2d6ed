"""The bundled briefing matches its hand labels in every field."""

from __future__ import annotations

import pytest

from tests.conftest import SEED, SEED_GOLD
from tests.labels import Labelled, boilerplate_lines, claim_rows, entity_names, gold_rows, load


@pytest.fixture(scope="module")
def seed() -> Labelled:
    return load(SEED, SEED_GOLD)


def test_all_sixteen_claims_and_no_others(seed: Labelled) -> None:
    parsed = claim_rows(seed)
    gold = gold_rows(seed)
    assert len(parsed) == len(gold) == 16
    for got, want in zip(parsed, gold, strict=True):
        assert got["text"].startswith(want["starts"])


@pytest.mark.parametrize("field", ["paragraph", "themes", "primary", "attribution", "hedged"])
def test_every_claim_field_matches(seed: Labelled, field: str) -> None:
    parsed = [row[field] for row in claim_rows(seed)]
    gold = [row[field] for row in gold_rows(seed)]
    assert parsed == gold


def test_last_two_claims_are_in_paragraphs_13_and_14(seed: Labelled) -> None:
    assert [c.paragraph for c in seed.document.claims[-2:]] == [13, 14]


def test_outlet_comes_from_the_boilerplate(seed: Labelled) -> None:
    assert seed.document.outlet == seed.gold["outlet"] == "Washington Examiner"
    assert boilerplate_lines(seed) == seed.gold["boilerplate"]


def test_entities_by_canonical_name(seed: Labelled) -> None:
    assert entity_names(seed) == {e["name"] for e in seed.gold["entities"]}


def test_theme_counts_are_7_8_5(seed: Labelled) -> None:
    counts = {"offensive": 0, "assad-defense": 0, "foreign-forces": 0}
    for claim in seed.document.claims:
        for theme in claim.themes:
            counts[theme.key] += 1
    assert counts == {"offensive": 7, "assad-defense": 8, "foreign-forces": 5}


def test_every_filing_says_why(seed: Labelled) -> None:
    assert all(t.why.startswith("matched ") for c in seed.document.claims for t in c.themes)


def test_spans_round_trip(seed: Labelled) -> None:
    text = seed.document.text
    for claim in seed.document.claims:
        assert text[claim.start : claim.end] == text[claim.start : claim.end].strip()
        assert claim.end > claim.start
