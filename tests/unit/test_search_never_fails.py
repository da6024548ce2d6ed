"""Any input at all gives results or an empty list: 10,000 generated queries, no exception."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.services.library import Library
from briefing_app.store.migrate import upgrade_server
from briefing_app.store.server import parse_server_url
from tests.cli_helpers import run_cli
from tests.conftest import BACKENDS, SEED
from tests.pg_server import PgServer

ARTICLES = sorted((Path(__file__).parent.parent / "data" / "articles").glob("*.txt"))
GRAMMAR = [
    '"',
    "-",
    "*",
    ":",
    "(",
    ")",
    "OR",
    "AND",
    "NOT",
    "theme:",
    "entity:",
    "source:",
    "note:",
    "has:",
    "is:",
    "doc:",
    "outlet:",
    '-"',
    "\\",
    "'",
    "^",
    "NEAR",
    "{",
    "}",
    "+",
    "\x00",
    "\u202e",
    "\u200f",
    "\u200d",
    "\ufeff",
    "\udcff",
    "שלום",
    "👩‍👩‍👧",
    "😀",
    "🇸🇾",
    "U.S.",
    "Gen.",
    "o'brien",
    "euro-area",
    "\t",
    "\n",
]
WORDS = [
    "homs",
    "assad",
    "russian",
    "rebels",
    "front",
    "line",
    "hts",
    "offensive",
    "foreign",
    "hedged",
    "note",
    "examiner",
    "Şanlıurfa",
    "حمص",
    "дамаск",
    "capt",
    "x" * 300,
]
TOKENS = st.sampled_from(GRAMMAR + WORDS)
MIXED = st.lists(st.one_of(TOKENS, st.text(max_size=6)), max_size=12).map(" ".join)
JOINED = st.lists(TOKENS, max_size=10).map("".join)
SETTINGS = settings(
    max_examples=2500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module", params=BACKENDS)
def library(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Library]:
    """The same library on a file and on the server: hostile queries reach both."""
    server: PgServer | None = None
    if request.param == "sqlite":
        location: Path | str = tmp_path_factory.mktemp("fuzz") / "library.db"
    else:
        server = request.getfixturevalue("pg_server")
        name = server.create_database("fuzz")
        location = server.url(name)
        upgrade_server(parse_server_url(location))
    opened = Library.open(location)
    opened.import_files([SEED, *ARTICLES])
    opened.add_note(3, "Alawite heartland — check \"quotes\" and 'apostrophes'")
    yield opened
    opened.close()
    if server is not None:
        server.drop_database(name)


@pytest.fixture(scope="module")
def all_ids(library: Library) -> set[int]:
    return set(library.claim_ids())


def _check(library: Library, all_ids: set[int], query: str) -> None:
    result = library.search(query, limit=50)
    ids = {hit.claim.id for hit in result.hits}
    assert ids <= all_ids
    assert result.total >= len(ids)
    for hit in result.hits:
        for start, end in library.highlight(hit.claim.text, query):
            assert 0 <= start < end <= len(hit.claim.text)


@SETTINGS
@given(MIXED)
def test_grammar_tokens_and_words(library: Library, all_ids: set[int], query: str) -> None:
    _check(library, all_ids, query)


@SETTINGS
@given(JOINED)
def test_tokens_glued_together(library: Library, all_ids: set[int], query: str) -> None:
    _check(library, all_ids, query)


@SETTINGS
@given(st.text(max_size=60))
def test_any_unicode(library: Library, all_ids: set[int], query: str) -> None:
    _check(library, all_ids, query)


@SETTINGS
@given(st.text(alphabet=st.sampled_from('"-*:()ORANDNOT ^{}+\\'), max_size=30))
def test_operators_only(library: Library, all_ids: set[int], query: str) -> None:
    _check(library, all_ids, query)


@pytest.mark.parametrize("query", ["\udcff", "a\ud800b", "\x00" * 50, "-\x00*"])
def test_lone_surrogates_and_nul(library: Library, all_ids: set[int], query: str) -> None:
    _check(library, all_ids, query)


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "U.S.",
        "Gen.",
        "o'brien",
        "AND",
        "OR",
        "NOT",
        "-",
        "*",
        ":",
        "theme:",
        "\x00",
        "\u202eabc",
        "😀",
        "x" * 10_000,
        ("homs OR " * 2000)[:10_000],
        "theme:nonsense homs",
        "حمص -دمشق",
        "\u05e9\u05dc\u05d5\u05dd \u200f\u202b",
    ],
)
def test_cli_search_json_never_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, query: str
) -> None:
    db = tmp_path / "lib.db"
    assert run_cli(capsys, "--db", db, "import", SEED).code == 0
    outcome = run_cli(capsys, "--db", db, "search", query, "--json")
    assert outcome.code == 0, outcome.err
    assert outcome.out.strip().startswith("[")
