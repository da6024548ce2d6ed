"""Export the library as JSON (the ``briefing-app/1`` contract), Markdown, CSV or HTML."""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Any

from briefing_app.domain.library import Claim, Note
from briefing_app.services.library import Library

FORMATS = ("json", "md", "csv", "html")
JSON_FORMAT = "briefing-app/1"


def note_json(note: Note) -> dict[str, Any]:
    """Return a note as the JSON contract shapes it."""
    return {
        "id": note.id,
        "body": note.body,
        "created": note.created.isoformat(timespec="seconds") + "Z",
        "updated": note.updated.isoformat(timespec="seconds") + "Z",
    }


def claim_json(claim: Claim, notes: list[Note]) -> dict[str, Any]:
    """Return a claim as the JSON contract shapes it."""
    return {
        "id": claim.id,
        "text": claim.text,
        "paragraph": claim.paragraph,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "prefix": claim.prefix,
        "suffix": claim.suffix,
        "themes": [
            {"key": t.key, "primary": t.is_primary, "origin": t.origin, "why": t.why}
            for t in claim.themes
        ],
        "attribution": claim.attribution,
        "hedges": list(claim.hedges),
        "entities": list(claim.entities),
        "reliability": claim.reliability,
        "credibility": claim.credibility,
        "notes": [note_json(n) for n in notes],
    }


def export_data(library: Library) -> dict[str, Any]:
    """Return the whole library as the ``briefing-app/1`` structure."""
    documents = []
    all_ids = library.claim_ids()
    claims = library.claims(all_ids)
    notes = library.notes_for_many(all_ids)
    for info in library.documents():
        document = library.document_text(info.id)
        documents.append(
            {
                "id": info.id,
                "title": info.title,
                "outlet": info.outlet,
                "published": info.published,
                "sha256": info.sha256,
                "text": document.text,
                "boilerplate": [
                    document.text[p.start : p.end]
                    for p in document.paragraphs
                    if p.kind == "boilerplate"
                ],
                "claims": [
                    claim_json(c, notes.get(c.id, [])) for c in claims if c.document_id == info.id
                ],
            }
        )
    return {
        "format": JSON_FORMAT,
        "themes": [
            {"key": tc.theme.key, "label": tc.theme.label, "count": tc.count}
            for tc in library.theme_counts()
        ],
        "documents": documents,
    }


def render(library: Library, fmt: str) -> str:
    """Return the library exported in ``fmt`` (one of FORMATS)."""
    data = export_data(library)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(data)
    if fmt == "md":
        return _markdown(data)
    if fmt == "html":
        return _html(data)
    raise ValueError(fmt)


def _primary(claim: dict[str, Any]) -> str:
    return next((t["key"] for t in claim["themes"] if t["primary"]), "")


def _csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "document",
            "outlet",
            "claim_id",
            "paragraph",
            "sentence",
            "text",
            "primary_theme",
            "themes",
            "attribution",
            "hedges",
            "entities",
            "reliability",
            "credibility",
            "notes",
        ]
    )
    for document in data["documents"]:
        for claim in document["claims"]:
            writer.writerow(
                [
                    document["title"],
                    document["outlet"] or "",
                    claim["id"],
                    claim["paragraph"],
                    claim["sentence"],
                    claim["text"],
                    _primary(claim),
                    ";".join(t["key"] for t in claim["themes"]),
                    claim["attribution"] or "",
                    ";".join(claim["hedges"]),
                    ";".join(claim["entities"]),
                    claim["reliability"],
                    claim["credibility"],
                    "\n\n".join(n["body"] for n in claim["notes"]),
                ]
            )
    return out.getvalue()


def _grouped(data: dict[str, Any]) -> list[tuple[str, list[tuple[dict[str, Any], dict[str, Any]]]]]:
    groups = []
    for theme in data["themes"]:
        members = [
            (document, claim)
            for document in data["documents"]
            for claim in document["claims"]
            if any(t["key"] == theme["key"] for t in claim["themes"])
        ]
        groups.append((theme["label"], members))
    return groups


def _markdown(data: dict[str, Any]) -> str:
    lines = ["# Briefing reader export", ""]
    for label, members in _grouped(data):
        lines += [f"## {label} ({len(members)})", ""]
        for document, claim in members:
            source = claim["attribution"] or "reporter's own assertion"
            lines.append(
                f"- ¶{claim['paragraph']} {claim['text']}  \n"
                f"  *{document['outlet'] or 'unknown outlet'}; {source}; "
                f"graded {claim['reliability']}{claim['credibility']}*"
            )
            lines += [f"  > {n['body']}" for n in claim["notes"]]
        lines.append("")
    return "\n".join(lines)


def _html(data: dict[str, Any]) -> str:
    e = html.escape
    parts = ["<!doctype html><meta charset='utf-8'><title>Briefing reader export</title>"]
    for label, members in _grouped(data):
        parts.append(f"<h2>{e(label)} ({len(members)})</h2><ul>")
        for document, claim in members:
            notes = "".join(f"<blockquote>{e(n['body'])}</blockquote>" for n in claim["notes"])
            parts.append(
                f"<li>¶{claim['paragraph']} {e(claim['text'])} "
                f"<small>{e(document['outlet'] or '')}</small>{notes}</li>"
            )
        parts.append("</ul>")
    return "\n".join(parts) + "\n"
