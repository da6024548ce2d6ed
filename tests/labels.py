"""Compare what ingest makes of an article with its hand labels."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing_app.domain.parsed import ParagraphKind, ParsedDocument
from briefing_app.ingest.pipeline import parse_document


@dataclass(frozen=True)
class Labelled:
    """An article parsed by the pipeline, next to its gold labels."""

    document: ParsedDocument
    gold: dict[str, Any]


def load(article: Path, gold: Path) -> Labelled:
    return Labelled(
        parse_document(article.read_bytes(), article.name), json.loads(gold.read_text("utf-8"))
    )


def claim_rows(labelled: Labelled) -> list[dict[str, Any]]:
    """Return the parsed claims in the gold's shape, to compare field by field."""
    doc = labelled.document
    rows = []
    for claim in doc.claims:
        text = doc.text[claim.start : claim.end]
        primary = next((t.key for t in claim.themes if t.is_primary), None)
        rows.append(
            {
                "text": text,
                "paragraph": claim.paragraph,
                "themes": sorted(t.key for t in claim.themes),
                "primary": primary,
                "attribution": claim.attribution,
                "hedged": bool(claim.hedges),
            }
        )
    return rows


def gold_rows(labelled: Labelled) -> list[dict[str, Any]]:
    return [
        {
            "starts": c["starts"],
            "paragraph": c["paragraph"],
            "themes": sorted(c["themes"]),
            "primary": c["primary"],
            "attribution": c["attribution"],
            "hedged": c["hedged"],
        }
        for c in labelled.gold["claims"]
    ]


def entity_names(labelled: Labelled) -> set[str]:
    return {m.name for c in labelled.document.claims for m in c.mentions}


def boilerplate_lines(labelled: Labelled) -> list[str]:
    doc = labelled.document
    return [
        doc.text[p.start : p.end] for p in doc.paragraphs if p.kind == ParagraphKind.BOILERPLATE
    ]
