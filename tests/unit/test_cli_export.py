"""`export` and `note` follow the JSON contract of DESIGN section 7 (on both backends)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.cli_helpers import fingerprint, run_cli
from tests.conftest import SEED


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """A library file holding the bundled briefing."""
    path = tmp_path / "lib.db"
    assert run_cli(capsys, "--db", path, "import", SEED).code == 0
    return path


@pytest.fixture
def any_db(capsys: pytest.CaptureFixture[str], backend_location: Path | str) -> Path | str:
    """A library holding the bundled briefing: a file, or a team library (a URL)."""
    assert run_cli(capsys, "--db", backend_location, "import", SEED).code == 0
    return backend_location


def _json(capsys: pytest.CaptureFixture[str], db: Path | str) -> dict:  # type: ignore[type-arg]
    outcome = run_cli(capsys, "--db", db, "export", "--format", "json")
    assert outcome.code == 0
    return json.loads(outcome.out)


def test_json_has_the_contract_shape(
    capsys: pytest.CaptureFixture[str], any_db: Path | str
) -> None:
    data = _json(capsys, any_db)
    assert data["format"] == "briefing-app/1"
    assert [(t["key"], t["label"], t["count"]) for t in data["themes"]] == [
        ("offensive", "The offensive", 7),
        ("assad-defense", "Assad's defense", 8),
        ("foreign-forces", "Foreign forces", 5),
    ]
    document = data["documents"][0]
    assert set(document) == {
        "id",
        "title",
        "outlet",
        "published",
        "sha256",
        "text",
        "boilerplate",
        "claims",
        "byline",
        "url",
        "language",
        "scope",
    }
    assert document["scope"] == {"in": True, "why": None}
    assert document["outlet"] == "Washington Examiner"
    assert document["boilerplate"] == ["CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER"]
    claim = document["claims"][0]
    assert set(claim) == {
        "id",
        "text",
        "paragraph",
        "sentence",
        "start",
        "end",
        "prefix",
        "suffix",
        "themes",
        "attribution",
        "hedges",
        "entities",
        "reliability",
        "credibility",
        "notes",
    }
    assert (claim["start"], claim["end"], claim["prefix"]) == (0, 170, "")
    assert claim["entities"] == ["Homs", "Damascus"]
    assert (claim["reliability"], claim["credibility"]) == ("F", 6)
    assert set(claim["themes"][0]) == {"key", "primary", "origin", "why"}


def test_every_claim_is_its_span(capsys: pytest.CaptureFixture[str], any_db: Path | str) -> None:
    document = _json(capsys, any_db)["documents"][0]
    assert len(document["claims"]) == 16
    for claim in document["claims"]:
        assert document["text"][claim["start"] : claim["end"]] == claim["text"]
        assert document["text"][: claim["start"]].endswith(claim["prefix"])
        assert document["text"][claim["end"] :].startswith(claim["suffix"])
        assert len(claim["prefix"]) <= 32 and len(claim["suffix"]) <= 32


def test_note_appears_in_export(capsys: pytest.CaptureFixture[str], any_db: Path | str) -> None:
    note = ("--analyst", "Desk One", "--db", any_db, "note", "7", "Check <b>this</b> against SANA")
    outcome = run_cli(capsys, *note)
    assert outcome.code == 0 and "Added note 1 to claim 7" in outcome.out
    claim = next(c for c in _json(capsys, any_db)["documents"][0]["claims"] if c["id"] == 7)
    assert [n["body"] for n in claim["notes"]] == ["Check <b>this</b> against SANA"]
    assert claim["notes"][0]["created"].endswith("Z")
    assert claim["notes"][0]["analyst"] == "Desk One"


@pytest.mark.parametrize(
    ("claim", "text", "message"),
    [
        ("999", "hello", "no claim 999"),
        ("abc", "hello", "invalid int value"),
        ("1", "   ", "needs some text"),
    ],
)
def test_bad_note_is_one_line(
    capsys: pytest.CaptureFixture[str], any_db: Path | str, claim: str, text: str, message: str
) -> None:
    before = _json(capsys, any_db)["documents"]
    outcome = run_cli(capsys, "--db", any_db, "note", claim, text)
    assert outcome.code == 2 and message in outcome.err and outcome.err.count("\n") == 1
    assert _json(capsys, any_db)["documents"] == before


def test_export_to_file_is_atomic(
    capsys: pytest.CaptureFixture[str], any_db: Path | str, tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    assert run_cli(capsys, "--db", any_db, "export", "--format", "csv", "-o", target).code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8"))))
    assert len(rows) == 16 and rows[0]["primary_theme"] == "offensive"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_other_formats_group_by_theme(
    capsys: pytest.CaptureFixture[str], any_db: Path | str, fmt: str
) -> None:
    run_cli(capsys, "--db", any_db, "note", "1", "<script>alert(1)</script>")
    outcome = run_cli(capsys, "--db", any_db, "export", "--format", fmt)
    assert outcome.code == 0
    assert outcome.out.index("The offensive") < outcome.out.index("Foreign forces")
    if fmt == "html":
        assert "<script>" not in outcome.out and "&lt;script&gt;" in outcome.out


def test_export_into_missing_folder(
    capsys: pytest.CaptureFixture[str], any_db: Path | str, tmp_path: Path
) -> None:
    outcome = run_cli(capsys, "--db", any_db, "export", "-o", tmp_path / "no" / "x.json")
    assert outcome.code == 2 and "does not exist" in outcome.err


def test_search_json_is_claims_plus_snippet(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    outcome = run_cli(capsys, "--db", db, "search", "fortify", "--json")
    assert outcome.code == 0
    hits = json.loads(outcome.out)
    assert [h["paragraph"] for h in hits] == [7]
    assert "snippet" in hits[0] and hits[0]["text"].startswith("Since then, Assad")


def test_pdf_needs_an_output_file(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    before = fingerprint(db)
    outcome = run_cli(capsys, "--db", db, "export", "--format", "pdf")
    assert outcome.code == 2 and outcome.out == "" and outcome.err.count("\n") == 1
    assert "give a file with -o FILE" in outcome.err
    assert fingerprint(db) == before


def test_pdf_export_writes_a_pdf(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path, qapp: object
) -> None:
    target = tmp_path / "report.pdf"
    outcome = run_cli(capsys, "--db", db, "export", "--format", "pdf", "-o", target)
    assert (outcome.code, outcome.out, outcome.err) == (0, "", "")
    assert target.read_bytes().startswith(b"%PDF-")
    refused = run_cli(capsys, "--db", db, "export", "--format", "pdf", "-o", db)
    assert refused.code == 2 and "is the library" in refused.err
    assert refused.err.count("\n") == 1


def test_export_a_theme_document_and_query(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    argv = ["--db", db, "export", "--theme", "offensive", "--document", "1", "--query", "homs"]
    outcome = run_cli(capsys, *argv)
    assert outcome.code == 0
    data = json.loads(outcome.out)
    scope = data["scope"]
    assert (scope["kind"], scope["theme"], scope["document"], scope["query"]) == (
        "view",
        "offensive",
        1,
        "homs",
    )
    claims = data["documents"][0]["claims"]
    assert claims and all("homs" in c["text"].lower() for c in claims)
    assert all(any(t["key"] == "offensive" for t in c["themes"]) for c in claims)
    markdown = run_cli(capsys, *argv, "--format", "md").out
    assert "Current view (theme “The offensive”" in markdown and "Query: homs" in markdown


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--theme", "nope", "There is no theme 'nope': use one of offensive"),
        ("--document", "99", "There is no document 99 in this library"),
        ("--document", "abc", "'abc' is not a document id"),
    ],
)
def test_an_unknown_theme_or_document_is_one_line(
    capsys: pytest.CaptureFixture[str],
    any_db: Path | str,
    tmp_path: Path,
    option: str,
    value: str,
    message: str,
) -> None:
    target = tmp_path / "out.md"
    outcome = run_cli(
        capsys, "--db", any_db, "export", "--format", "md", option, value, "-o", target
    )
    assert outcome.code == 2 and message in outcome.err and outcome.err.count("\n") == 1
    assert not target.exists()
