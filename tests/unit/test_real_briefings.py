"""The thirteen real-style briefings (tests/data/real): the app holds to their hand labels.

Each document is imported through the real Library (the PDF and DOCX built from their
text, the pages and the e-mail as they are) and scored by ``tests/real_briefings.py``.
The floors are the figures measured when the rules were written (docs/real-briefings.md
has them, before and after, with the log of rules): a drop in any of them fails.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from briefing_app.services.library import Library
from tests.real_briefings import (
    BUILT_FROM_TEXT,
    Imported,
    Scores,
    extractors_exist,
    gold_paths,
    import_all,
    report,
    score,
)

# Per document: claims found, spurious claims at most, furniture kept out, and agreement
# on paragraph, primary theme, theme set, attribution, hedged flag; entities found of
# the labelled ones (recall) and labelled of ours (precision).
FLOORS: dict[str, tuple[int, int, int, int, int, int, int, int, int, int]] = {
    "101_pasted_wire": (16, 0, 26, 16, 16, 12, 16, 16, 41, 41),
    "102_newspaper_wire": (14, 0, 29, 14, 12, 10, 14, 14, 37, 37),
    "103_live_blog": (18, 0, 32, 18, 17, 15, 18, 18, 47, 47),
    "104_thinktank_update": (23, 0, 25, 23, 21, 18, 23, 23, 57, 57),
    "105_html_jsonld": (13, 0, 46, 13, 8, 8, 13, 13, 31, 31),
    "106_html_meta": (12, 0, 37, 12, 10, 10, 12, 12, 32, 32),
    # The PDF extractor keeps the masthead above the title, which the labels do not
    # count: every paragraph number is one more than labelled (see the docs).
    "107_pdf_report": (25, 0, 17, 0, 23, 21, 25, 25, 46, 46),
    "108_docx_brief": (14, 0, 12, 14, 14, 12, 14, 14, 30, 30),
    "109_email_brief": (15, 0, 17, 15, 14, 12, 14, 15, 31, 31),
    "110_sudan_war": (13, 0, 15, 13, 13, 13, 13, 13, 30, 34),
    "111_ukraine_war": (12, 0, 20, 12, 12, 12, 12, 12, 35, 35),
    "112_captions_heavy": (14, 0, 39, 14, 11, 10, 14, 14, 26, 26),
    "113_syria_mentions_ukraine": (17, 0, 24, 17, 15, 12, 17, 17, 32, 32),
}
METADATA = ("outlet", "date", "title", "byline", "scope")
NAMES = [p.name.removesuffix(".gold.json") for p in gold_paths()]


@pytest.fixture(scope="module")
def imported(
    tmp_path_factory: pytest.TempPathFactory, qapp: object
) -> Iterator[dict[str, Imported]]:
    """Import every document into one library in tmp_path (the PDF is drawn by Qt)."""
    folder = tmp_path_factory.mktemp("real")
    library = Library.open(folder / "library.db", backup=False)
    try:
        yield {document.name: document for document in import_all(library, folder)}
    finally:
        library.close()


def _scores(imported: dict[str, Imported], name: str) -> Scores:
    if name not in imported:
        pytest.skip(f"{name}: no extractor for its format yet")
    if name in BUILT_FROM_TEXT and imported[name].document.info.file_name.endswith(".txt"):
        pytest.skip(f"{name}: imported as text, its labels count the built document")
    return score(imported[name])


def test_there_are_thirteen_labelled_documents() -> None:
    assert len(NAMES) == len(FLOORS) == 13


def test_the_figures_print(imported: dict[str, Imported]) -> None:
    table, total = report(list(imported.values()))
    print("\n" + table)  # shown with pytest -s: the figures of docs/real-briefings.md
    assert total.documents == len(imported)


@pytest.mark.parametrize("name", NAMES)
def test_claims_are_the_labelled_sentences_and_furniture_stays_out(
    imported: dict[str, Imported], name: str
) -> None:
    scores = _scores(imported, name)
    found, spurious, furniture = FLOORS[name][:3]
    assert scores.found >= found, scores.misses
    assert scores.spurious <= spurious
    assert scores.furniture_out >= furniture


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("field", METADATA)
def test_outlet_date_title_byline_and_scope(
    imported: dict[str, Imported], name: str, field: str
) -> None:
    scores = _scores(imported, name)
    info = imported[name].document.info
    assert getattr(scores, field) == 1, (field, info)


@pytest.mark.parametrize("name", NAMES)
def test_judgements_hold_to_their_floors(imported: dict[str, Imported], name: str) -> None:
    scores = _scores(imported, name)
    floors = FLOORS[name][3:]
    figures = (
        scores.fields["paragraph"],
        scores.fields["primary"],
        scores.fields["themes"],
        scores.fields["attribution"],
        scores.fields["hedged"],
        scores.entities_tp_gold,
        scores.entities_tp_ours,
    )
    fields = ("paragraph", "primary", "themes", "attribution", "hedged", "recall", "precision")
    dropped = {
        f: (got, want) for f, got, want in zip(fields, figures, floors, strict=True) if got < want
    }
    assert dropped == {}


@pytest.mark.parametrize("name", NAMES)
def test_spans_are_exact_through_the_library(imported: dict[str, Imported], name: str) -> None:
    if name not in imported:
        pytest.skip(f"{name}: no extractor for its format yet")
    document = imported[name]
    text = document.document.text
    assert all(text[c.start : c.end] == c.text for c in document.claims)


@pytest.mark.parametrize("name", ["110_sudan_war", "111_ukraine_war"])
def test_another_war_is_outside_the_taxonomy_and_left_unfiled(
    imported: dict[str, Imported], name: str
) -> None:
    document = imported[name]
    assert document.document.info.scope_note is not None
    assert document.document.info.scope_note.startswith("about the war in")
    assert all(
        not c.themes and c.scope_note == document.document.info.scope_note for c in document.claims
    )


def test_a_syria_article_that_mentions_ukraine_stays_in_scope(
    imported: dict[str, Imported],
) -> None:
    document = imported["113_syria_mentions_ukraine"]
    assert document.document.info.scope_note is None
    assert all(c.themes for c in document.claims)


def test_the_extractors_are_there() -> None:
    """HTML, PDF, DOCX and e-mail documents are scored only once they can be read."""
    assert extractors_exist()
