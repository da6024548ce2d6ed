"""Generated queries against a plain Python model of what a query means.

The model reads every claim and note and applies the rules of
``briefing_app.store.search.plan`` literally; the engine, in its ranked and its
streamed mode, must find exactly the same claims, and say the same about which
matched only through a note.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.domain.query import Query, Term
from briefing_app.domain.text import fold, words
from briefing_app.search.parser import parse_query
from briefing_app.services.library import Library
from briefing_app.store.migrate import upgrade_server
from briefing_app.store.search import reader
from briefing_app.store.server import parse_server_url
from tests.conftest import BACKENDS, SEED
from tests.pg_server import PgServer

ARTICLES = sorted((Path(__file__).parent.parent / "data" / "articles").glob("*.txt"))
NOTES = {
    3: "Alawite heartland, check the coast",
    9: "Compare with ISW maps of the Homs front line",
    16: "US posture unchanged per Pentagon",
    20: "rebels said the army pulled back; check",
    40: "Homs front: army positions",
}
DELETED_NOTE = (5, "Homs rebels deleted note")
THEMES = ["offensive", "assad-defense", "foreign-forces", "nonsense"]


@dataclass(frozen=True)
class Row:
    """What the model knows of one claim."""

    text: list[str]
    notes: list[list[str]]
    themes: frozenset[str]
    hedged: bool
    entities: frozenset[str]
    outlet: str


def _filled(location: Path | str) -> Library:
    opened = Library.open(location)
    opened.import_files([SEED, *ARTICLES])
    for claim_id, body in NOTES.items():
        opened.add_note(claim_id, body)
    gone = opened.add_note(*DELETED_NOTE)
    opened.delete_note(gone.id)
    return opened


@pytest.fixture(scope="module")
def file_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    opened = _filled(tmp_path_factory.mktemp("model") / "library.db")
    yield opened
    opened.close()


@pytest.fixture(scope="module", params=BACKENDS)
def library(request: pytest.FixtureRequest, file_library: Library) -> Iterator[Library]:
    """The same library on each backend: the engine on a file, the server's search on PostgreSQL."""
    if request.param == "sqlite":
        yield file_library
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.create_database("semantics")
    upgrade_server(parse_server_url(server.url(name)))
    opened = _filled(server.url(name))
    # The model is read from the file: the same imports give the same ids on the server.
    texts = [c.text for c in file_library.claims(file_library.claim_ids())]
    assert [c.text for c in opened.claims(opened.claim_ids())] == texts
    yield opened
    opened.close()
    server.drop_database(name)


class Model:
    """The claims as the model sees them, and entity names by any of their forms."""

    def __init__(self, rows: dict[int, Row], aliases: dict[str, set[str]]) -> None:
        self.rows = rows
        self.aliases = aliases

    def __repr__(self) -> str:
        return f"Model({len(self.rows)} claims)"


@pytest.fixture(scope="module")
def model(file_library: Library) -> Model:
    library = file_library
    claims = library.claims(library.claim_ids())
    notes = library.notes_for_many([c.id for c in claims])
    rows = {
        c.id: Row(
            words(c.text),
            [words(n.body) for n in notes.get(c.id, [])],
            frozenset(t.key for t in c.themes),
            c.is_hedged,
            frozenset(c.entities),
            c.outlet or "",
        )
        for c in claims
    }
    connection = sqlite3.connect(library.path)
    names = connection.execute(
        "SELECT name, name FROM entities UNION ALL SELECT a.alias, e.name"
        " FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
    ).fetchall()
    connection.close()
    found: dict[str, set[str]] = {}
    for form, name in names:
        found.setdefault(fold(form), set()).add(name)
    return Model(rows, found)


def holds(tokens: list[str], term: Term) -> bool:
    """Return True when the words of ``term`` appear in ``tokens`` (last one as a prefix)."""
    wanted = words(term.text)
    if not wanted:
        return False
    *lead, last = wanted
    for start in range(len(tokens) - len(wanted) + 1):
        window = tokens[start : start + len(wanted)]
        if window[:-1] == lead and (
            window[-1].startswith(last) if term.prefix else window[-1] == last
        ):
            return True
    return False


def matches(query: Query, row: Row, aliases: dict[str, set[str]]) -> tuple[bool, bool]:
    """Return (matches, only through a note) as the plan's rules say."""
    word_clauses: list[list[Term]] = []
    note_clauses: list[list[Term]] = []
    ok = True
    runnable = False
    in_any = lambda term: holds(row.text, term) or any(holds(n, term) for n in row.notes)  # noqa: E731

    def condition(term: Term) -> bool | Term | None:
        value = fold(term.text)
        if term.field == "theme":
            return value in row.themes if value in THEMES[:3] else None
        if term.field == "is":
            return row.hedged if value == "hedged" else None
        if term.field == "has":
            return bool(row.notes) if value == "note" else None
        if term.field in ("source", "outlet"):
            return value in fold(row.outlet)
        if term.field == "entity":
            names = aliases.get(value)
            return bool(names & row.entities) if names else Term(term.text, None, True)
        return term

    for clause in query.clauses:
        parts = [p for p in (condition(t) for t in clause.terms) if p is not None]
        if not parts:
            continue
        runnable = True
        if clause.negated:
            (part,) = parts
            if isinstance(part, bool):
                ok &= not part
            elif part.field == "note":
                ok &= not any(holds(n, part) for n in row.notes)
            else:
                ok &= not in_any(part)
        elif all(isinstance(p, Term) and p.field is None for p in parts):
            word_clauses.append(parts)  # type: ignore[arg-type]
        elif all(isinstance(p, Term) and p.field == "note" for p in parts):
            note_clauses.append(parts)  # type: ignore[arg-type]
        else:
            ok &= any(
                p
                if isinstance(p, bool)
                else any(holds(n, p) for n in row.notes)
                if p.field == "note"
                else in_any(p)
                for p in parts
            )

    def whole(tokens: list[str], clauses: list[list[Term]]) -> bool:
        return all(any(holds(tokens, t) for t in clause) for clause in clauses)

    if note_clauses:
        ok &= any(whole(n, note_clauses) for n in row.notes)
    via_note = False
    if word_clauses:
        in_text = whole(row.text, word_clauses)
        ok &= in_text or any(whole(n, word_clauses) for n in row.notes)
        via_note = not in_text
    else:
        via_note = bool(note_clauses)
    return runnable and ok, runnable and ok and via_note


def expected(query_text: str, model: Model) -> set[tuple[int, bool]]:
    query = parse_query(query_text)
    found = set()
    for claim_id, row in model.rows.items():
        hit, via = matches(query, row, model.aliases)
        if hit:
            found.add((claim_id, via))
    return found


VOCABULARY = sorted(
    {
        w
        for text in [
            SEED.read_text("utf-8"),
            *(a.read_text("utf-8") for a in ARTICLES),
            *NOTES.values(),
        ]
        for w in re.findall(r"[A-Za-z]{2,}", text)
    }
)
COMMON = ["homs", "the", "army", "rebels", "assad", "front", "line", "check", "said", "of", "hts"]
WORD = st.one_of(st.sampled_from(COMMON), st.sampled_from(VOCABULARY))
PHRASE = st.tuples(WORD, WORD).map(lambda p: f'"{p[0]} {p[1]}"')
PREFIX = WORD.map(lambda w: w[: max(2, len(w) // 2)] + "*")
ENTITY = st.sampled_from(
    ["hts", '"Bashar Assad"', "homs", "russia", "Iran", "nobody", '"Syrian Arab Army"', "aleppo"]
)
TERM = st.one_of(
    WORD,
    PHRASE,
    PREFIX,
    st.sampled_from(THEMES).map(lambda t: f"theme:{t}"),
    ENTITY.map(lambda e: f"entity:{e}"),
    st.sampled_from(["is:hedged", "has:note", "source:examiner", "outlet:reuters"]),
    WORD.map(lambda w: f"note:{w}"),
)
TOKEN = st.one_of(TERM, TERM.map(lambda t: "-" + t), st.just("OR"), st.just("NOT"))
QUERIES = st.lists(TOKEN, min_size=1, max_size=5).map(" ".join)


BIG = 10**9
MODES = {
    "ranked": {"RANK_LIMIT": BIG},
    "streamed": {
        "RANK_LIMIT": 1,
        "FIELD_LED_LIMIT": 0,
        "DRIVER_LIMIT": 0,
        "LISTING_DRIVER_LIMIT": 0,
    },
    "field-led": {
        "RANK_LIMIT": 1,
        "FIELD_LED_LIMIT": BIG,
        "DRIVER_LIMIT": BIG,
        "LISTING_DRIVER_LIMIT": BIG,
    },
}


def found(library: Library, query: str) -> set[tuple[int, bool]]:
    return {(h.claim.id, h.via_note) for h in library.search(query, limit=10_000).hits}


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(QUERIES)
def test_engine_agrees_with_the_model(
    library: Library, model: Model, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    wanted = expected(query, model)
    for mode, limits in MODES.items():
        with monkeypatch.context() as patch:
            for name, value in limits.items():
                patch.setattr(reader, name, value)
            assert found(library, query) == wanted, mode


@pytest.mark.parametrize(
    "query",
    [
        "homs",
        "homs -rebels",
        "army OR rebels -homs",
        "note:check",
        "check",
        "front line",
        '"front line" -note:isw',
        "-homs -army",
        "entity:hts OR note:pentagon",
        "theme:offensive OR homs",
        "is:hedged -has:note",
        "entity:nobody",
        # Words split and fold alike on both backends: hyphens, dots, accents, case.
        "al-Assad",
        '"Bashar al-Assad"',
        "U.S.",
        "HŌMS",
        "Hayat-Tahrir*",
        "entity:assad -al-assad",
    ],
)
def test_chosen_queries_agree_with_the_model(library: Library, model: Model, query: str) -> None:
    assert found(library, query) == expected(query, model)
