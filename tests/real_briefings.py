"""Score what the app makes of the real-style briefings (tests/data/real) against their labels.

Each document is imported through the real :class:`Library`; claims are matched to the
hand labels by their ``starts`` (white space collapsed, a word broken by a hyphen at a line
end joined, as a reflowed text would have it), in order. Run ``python -m tests.real_briefings``
to print the figures.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing_app.domain.library import Claim, ClaimFilter, DocumentText
from briefing_app.ingest.entities import gazetteer
from briefing_app.ingest.outlets import canonical_outlet
from briefing_app.services.library import Library

REAL = Path(__file__).parent / "data" / "real"
# Documents whose labels count the blocks of a PDF or DOCX the tests build from the .txt:
# imported as plain text, their paragraph numbers cannot be compared.
BUILT_FROM_TEXT = {"107_pdf_report": "pdf", "108_docx_brief": "docx"}
# Markers that open a line of a plain-text stand-in but not the paragraph it stands for.
_LINE_MARKER = re.compile(r"^(?:#+|[-•*])\s+")
_BROKEN_WORD = re.compile(r"(?<=[a-z])-[ \t]*\n\s*(?=[a-z])")
_SPACE = re.compile(r"\s+")

# Furniture that is no whole line of the text is looked up as a fragment from this many words.
FRAGMENT_WORDS = 4
FIELDS = ("paragraph", "primary", "themes", "attribution", "hedged")


def gold_paths() -> list[Path]:
    """Return every label file of the real set, in name order."""
    return sorted(REAL.glob("*.gold.json"))


def source_of(gold: Path) -> Path:
    """Return the document a label file describes."""
    stem = gold.name.removesuffix(".gold.json")
    return next(p for p in sorted(REAL.glob(f"{stem}.*")) if not p.name.endswith(".gold.json"))


def extractors_exist() -> bool:
    """Return True once the HTML, PDF, DOCX and e-mail extractors are in the package."""
    return importlib.util.find_spec("briefing_app.ingest.formats") is not None


def flat(text: str) -> str:
    """Return ``text`` as a reflowed page would read: words rejoined, white space collapsed."""
    return _SPACE.sub(" ", _BROKEN_WORD.sub("", text)).strip()


@dataclass
class Scores:
    """One document's agreement with its labels (or the sum over documents)."""

    documents: int = 0
    expected: int = 0
    found: int = 0
    spurious: int = 0
    spurious_furniture: int = 0
    furniture: int = 0
    furniture_out: int = 0
    furniture_marked: int = 0
    outlet: int = 0
    date: int = 0
    date_day: int = 0
    title: int = 0
    byline: int = 0
    scope: int = 0
    paragraph_total: int = 0
    fields: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    entities_gold: int = 0
    entities_ours: int = 0
    entities_tp_gold: int = 0
    entities_tp_ours: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        """Add another document's counts to these."""
        for name, value in vars(other).items():
            if name == "fields":
                for key, count in value.items():
                    self.fields[key] += count
            elif name == "misses":
                self.misses.extend(value)
            else:
                setattr(self, name, getattr(self, name) + value)


@dataclass
class Imported:
    """A document as the library holds it, next to its labels."""

    name: str
    gold: dict[str, Any]
    document: DocumentText
    claims: list[Claim]


def built(name: str, folder: Path) -> Path | None:
    """Return the PDF or DOCX a document's labels describe, built from its text, if possible.

    The builders (tests/format_files.py) come with the format extractors; the PDF is
    drawn by Qt, so a QApplication must exist.
    """
    kind = BUILT_FROM_TEXT.get(name)
    if kind is None or not extractors_exist():
        return None
    try:
        from tests import format_files
    except ImportError:
        return None
    maker = format_files.report_pdf if kind == "pdf" else format_files.memo_docx
    return maker(folder / f"{name}.{kind}")


def import_all(
    library: Library, folder: Path, paths: Iterable[Path] | None = None
) -> list[Imported]:
    """Import each real document into ``library`` and return them with their labels.

    HTML and e-mail sources are left out until their extractors exist; the PDF and
    DOCX documents come in as built files then (``folder`` holds them), else as text.
    """
    imported = []
    for gold_path in paths if paths is not None else gold_paths():
        name = gold_path.name.removesuffix(".gold.json")
        source = built(name, folder) or source_of(gold_path)
        if source.suffix not in (".txt", ".pdf", ".docx") and not extractors_exist():
            continue
        (result,) = library.import_files([source])
        document = library.document_text(result.document_id)
        ids = library.claim_ids(ClaimFilter(document_id=result.document_id))
        claims = sorted(library.claims(ids), key=lambda c: c.start)
        gold = json.loads(gold_path.read_text("utf-8"))
        imported.append(Imported(name, gold, document, claims))
    return imported


def _same_source(ours: str | None, theirs: str | None) -> bool:
    a, b = (ours or "").casefold(), (theirs or "").casefold()
    return a == b or bool(a and b and (a in b or b in a))


def _norm(name: str) -> str:
    return " ".join(name.replace("-", " ").replace("’", "'").casefold().split())


def _our_names(name: str) -> set[str]:
    """Return every name the gazetteer knows an entity by (an unlisted name: itself)."""
    names = {_norm(name)}
    for form, (canonical, _) in gazetteer().forms.items():
        if canonical == name:
            names.add(_norm(" ".join(form)))
    return names


def _gold_names(entity: str, gold: dict[str, Any]) -> set[str]:
    for entry in gold["entities"]:
        if entry["name"] == entity:
            return {_norm(n) for n in [entry["name"], *entry.get("aliases", [])]}
    return {_norm(entity)}


def _entity_hits(ours: tuple[str, ...], theirs: list[str], gold: dict[str, Any]) -> tuple[int, int]:
    """Return how many gold entities we found, and how many of ours are in the gold."""
    our_sets = [_our_names(n) for n in dict.fromkeys(ours)]
    their_sets = [_gold_names(n, gold) for n in dict.fromkeys(theirs)]
    found_gold = sum(1 for t in their_sets if any(o & t for o in our_sets))
    found_ours = sum(1 for o in our_sets if any(o & t for t in their_sets))
    return found_gold, found_ours


def _line_spans(text: str) -> list[tuple[int, int, str]]:
    spans, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped[0])
            spans.append((start, start + len(stripped), stripped))
        offset += len(raw) + 1
    return spans


def _furniture_spans(text: str, furniture: list[str]) -> list[tuple[int, int] | None]:
    """Locate each furniture line, in order: a whole line equal to it (markers aside)."""
    lines = _line_spans(text)
    located: list[tuple[int, int] | None] = []
    cursor = 0
    for item in furniture:
        want = flat(item)
        hit = next(
            (
                i
                for i in range(cursor, len(lines))
                if flat(_LINE_MARKER.sub("", lines[i][2])) == want
            ),
            None,
        )
        if hit is None:
            # Not a line of the text (an extractor may have joined or dropped it): a
            # fragment of a few words is looked up as it stands, a single word is not.
            at = text.find(item.strip()) if len(item.split()) >= FRAGMENT_WORDS else -1
            located.append((at, at + len(item.strip())) if at >= 0 else None)
            continue
        located.append(lines[hit][:2])
        cursor = hit + 1
    return located


def _overlaps(span: tuple[int, int], claim: Claim) -> bool:
    return claim.start < span[1] and span[0] < claim.end


def _match(imported: Imported) -> list[Claim | None]:
    """Return, for each gold claim, the claim of ours that starts as it does (or None)."""
    matched: list[Claim | None] = []
    cursor = 0
    claims = imported.claims
    for wanted in imported.gold["claims"]:
        starts = flat(wanted["starts"])
        hit = next(
            (i for i in range(cursor, len(claims)) if flat(claims[i].text).startswith(starts)), None
        )
        if hit is None:
            hit = next((i for i, c in enumerate(claims) if flat(c.text).startswith(starts)), None)
        matched.append(claims[hit] if hit is not None else None)
        if hit is not None:
            cursor = hit + 1
    return matched


def score(imported: Imported) -> Scores:
    """Return one document's agreement with its labels."""
    gold, info, text = imported.gold, imported.document.info, imported.document.text
    scores = Scores(documents=1, expected=len(gold["claims"]), furniture=len(gold["furniture"]))
    matched = _match(imported)
    used = {c.id for c in matched if c is not None}
    scores.found = len(used)
    located = _furniture_spans(text, gold["furniture"])
    spots = [s for s in located if s is not None]
    # Furniture an extractor left out of the text is out of the claims too.
    scores.furniture_out = len(located) - len(spots)
    extra = [c for c in imported.claims if c.id not in used]
    scores.spurious = len(extra)
    scores.spurious_furniture = sum(1 for c in extra if any(_overlaps(s, c) for s in spots))
    body = [(p.start, p.end) for p in imported.document.paragraphs if p.kind == "body"]
    for spot in spots:
        if not any(_overlaps(spot, c) for c in imported.claims):
            scores.furniture_out += 1
        if not any(s < spot[1] and spot[0] < e for s, e in body):
            scores.furniture_marked += 1
    want_outlet = canonical_outlet(gold["outlet"]) if gold.get("outlet") else None
    scores.outlet = int(info.outlet == want_outlet)
    scores.date = int(info.published == gold.get("published"))
    scores.date_day = int((info.published or "")[:10] == (gold.get("published") or "")[:10])
    scores.title = int(info.title == gold.get("title"))
    scores.byline = int(info.byline == gold.get("byline"))
    scores.scope = int((info.scope_note is None) == gold.get("in_scope", True))
    comparable = imported.name not in BUILT_FROM_TEXT or not info.file_name.endswith(".txt")
    scores.paragraph_total = len(gold["claims"]) if comparable else 0
    for wanted, ours in zip(gold["claims"], matched, strict=True):
        scores.entities_gold += len(set(wanted["entities"]))
        if ours is None:
            scores.misses.append(f"{imported.name}: missing {wanted['starts']!r}")
            continue
        primary = ours.primary_theme.key if ours.primary_theme else None
        got = {
            "paragraph": ours.paragraph if comparable else None,
            "primary": primary,
            "themes": sorted(t.key for t in ours.themes),
            "hedged": ours.is_hedged,
        }
        want = {
            "paragraph": wanted["paragraph"] if comparable else None,
            "primary": wanted["primary"],
            "themes": sorted(wanted["themes"]),
            "hedged": wanted["hedged"],
        }
        for key in ("primary", "themes", "hedged"):
            scores.fields[key] += int(got[key] == want[key])
        scores.fields["paragraph"] += int(comparable and got["paragraph"] == want["paragraph"])
        scores.fields["attribution"] += int(_same_source(ours.attribution, wanted["attribution"]))
        tp_gold, tp_ours = _entity_hits(ours.entities, wanted["entities"], gold)
        scores.entities_tp_gold += tp_gold
        scores.entities_tp_ours += tp_ours
        scores.entities_ours += len(set(ours.entities))
    return scores


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "-"


def row(name: str, s: Scores) -> str:
    """Return one line of the figures table."""
    n = s.expected
    return " | ".join(
        [
            name,
            f"{s.found}/{n} +{s.spurious} ({s.spurious_furniture} furn.)",
            f"{s.furniture_out}/{s.furniture} ({s.furniture_marked} marked)",
            _ratio(s.outlet, s.documents),
            f"{_ratio(s.date, s.documents)} ({s.date_day} day)",
            _ratio(s.title, s.documents),
            _ratio(s.byline, s.documents),
            _ratio(s.scope, s.documents),
            _ratio(s.fields["paragraph"], s.paragraph_total),
            *(_ratio(s.fields[k], n) for k in ("primary", "themes", "attribution", "hedged")),
            f"R {_ratio(s.entities_tp_gold, s.entities_gold)}"
            f" P {_ratio(s.entities_tp_ours, s.entities_ours)}",
        ]
    )


HEADER = (
    "document | claims found/expected +spurious | furniture kept out | outlet | date | title"
    " | byline | scope | paragraph | primary | themes | attribution | hedged | entities"
)


def report(imported: list[Imported]) -> tuple[str, Scores]:
    """Return the figures table for these documents and their sum."""
    total = Scores()
    lines = [HEADER]
    for document in imported:
        scores = score(document)
        total.add(scores)
        lines.append(row(document.name, scores))
    lines.append(row("TOTAL", total))
    return "\n".join(lines), total


def main() -> None:
    """Print the figures of the current code on the real set."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "library.db", backup=False)
        try:
            table, total = report(import_all(library, Path(folder)))
        finally:
            library.close()
    print(table)
    if "-v" in sys.argv:
        print("\n".join(total.misses))
    if not extractors_exist():
        print("(HTML and e-mail documents left out: briefing_app/ingest/formats/ does not exist)")


if __name__ == "__main__":
    main()
