"""The same Alembic revisions build a team library on PostgreSQL, with its full-text index."""

from __future__ import annotations

import threading
from typing import Any

import psycopg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from briefing_app.bundled import migrations_dir
from briefing_app.domain.errors import NewerSchemaError, NotOurDatabaseError
from briefing_app.store.database import HEAD_REVISION
from briefing_app.store.migrate import upgrade_server
from briefing_app.store.schema import Base
from briefing_app.store.server import ServerUrl, check_schema
from briefing_app.store.server_schema import vector_of

pytestmark = pytest.mark.postgresql

SEARCH_INDEXES = {"ix_claims_search", "ix_notes_search"}


def rows(url: ServerUrl, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with psycopg.connect(url.text) as connection:
        return connection.execute(sql, params or None).fetchall()  # type: ignore[arg-type]


def schema_of(url: ServerUrl) -> list[tuple[Any, ...]]:
    """Return every column and index of the library, to compare two states."""
    columns = rows(
        url,
        "SELECT table_name, column_name, data_type, is_nullable, is_generated,"
        " generation_expression FROM information_schema.columns"
        " WHERE table_schema = 'public' ORDER BY 1, 2",
    )
    indexes = rows(url, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")
    return sorted(columns) + sorted(indexes)


def summary(difference: tuple[Any, ...]) -> str:
    """Return one of compare_metadata's differences as "kind name"."""
    kind = difference[0]
    if kind in ("add_column", "remove_column"):
        return f"{kind} {difference[2]}.{difference[3].name}"
    return f"{kind} {getattr(difference[1], 'name', difference[1])}"


def add_claims(url: ServerUrl, texts: list[str]) -> None:
    with psycopg.connect(url.text) as connection:
        document = connection.execute(
            "INSERT INTO documents (title, file_name, sha256, encoding, text, imported)"
            " VALUES ('Homs', 'homs.txt', md5(random()::text), 'utf-8', '', now()) RETURNING id"
        ).fetchone()
        assert document is not None
        connection.cursor().executemany(
            'INSERT INTO claims (document_id, paragraph, sentence, start, "end", text, prefix,'
            " suffix, hedges, reliability, credibility)"
            " VALUES (%s, 1, %s, 0, 1, %s, '', '', '[]', 'F', 6)",
            [(document[0], number, text) for number, text in enumerate(texts)],
        )


def test_a_fresh_database_becomes_a_library_at_head(server_url: ServerUrl) -> None:
    assert upgrade_server(server_url) == (None, HEAD_REVISION)
    assert check_schema(server_url) == HEAD_REVISION
    assert rows(server_url, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]


def test_it_has_the_schema_of_the_models_plus_the_search_vectors(server_url: ServerUrl) -> None:
    upgrade_server(server_url)
    engine = create_engine("postgresql+psycopg://", creator=server_url.connect, poolclass=NullPool)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    # Only what PostgreSQL holds beyond the models: the vectors, their indexes, and the
    # Briefings order's index on an immutable function (the models say coalesce()).
    assert sorted(summary(d) for d in differences) == [
        "add_index ix_documents_newest",
        "remove_column claims.search_vector",
        "remove_column notes.search_vector",
        "remove_index ix_claims_search",
        "remove_index ix_documents_newest",
        "remove_index ix_notes_search",
    ]
    vectors = rows(
        server_url,
        "SELECT table_name, data_type, is_generated FROM information_schema.columns"
        " WHERE column_name = 'search_vector' ORDER BY 1",
    )
    assert vectors == [("claims", "tsvector", "ALWAYS"), ("notes", "tsvector", "ALWAYS")]
    gin = rows(server_url, "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gin%'")
    assert {name for (name,) in gin} == SEARCH_INDEXES


@pytest.mark.parametrize("word", ["homs", "HOMS", "Homs", "hom:*"])
def test_case_and_accents_fold_as_on_sqlite(server_url: ServerUrl, word: str) -> None:
    upgrade_server(server_url)
    add_claims(server_url, ["Shelling in Hōms resumed.", "Quiet in Hama."])
    query = "SELECT text FROM claims WHERE search_vector @@ to_tsquery('simple', %s)"
    assert rows(server_url, query, word) == [("Shelling in Hōms resumed.",)]
    # The stored vector is exactly the expression the module documents.
    same = rows(server_url, f"SELECT bool_and(search_vector = {vector_of('text')}) FROM claims")
    assert same == [(True,)]


def test_accented_query_words_need_the_same_folding(server_url: ServerUrl) -> None:
    upgrade_server(server_url)
    add_claims(server_url, ["Shelling in Homs resumed."])
    query = "SELECT count(*) FROM claims WHERE search_vector @@ to_tsquery('simple', %s)"
    assert rows(server_url, query, "Hōms") == [(0,)]  # the app folds the query as the column
    folded = (
        "SELECT count(*) FROM claims"
        " WHERE search_vector @@ to_tsquery('simple', briefing_unaccent(%s))"
    )
    assert rows(server_url, folded, "Hōms") == [(1,)]


def test_the_gin_indexes_serve_searches(server_url: ServerUrl) -> None:
    upgrade_server(server_url)
    add_claims(server_url, [f"Report {n} from Ḥamāh and Idlib" for n in range(3000)] + ["Hōms"])
    with psycopg.connect(server_url.text) as connection:
        claim = connection.execute("SELECT max(id) FROM claims").fetchone()
        assert claim is not None
        connection.execute(
            "INSERT INTO notes (claim_id, body, created, updated, deleted)"
            " SELECT %s, 'Check Ḥamāh ' || n, now(), now(),"
            " CASE WHEN n %% 2 = 0 THEN now() END FROM generate_series(1, 2000) n",
            (claim[0],),
        )
        connection.execute("ANALYZE claims")
        connection.execute("ANALYZE notes")
        connection.execute("SET enable_seqscan = off")
        plans = {
            "ix_claims_search": "SELECT id FROM claims"
            " WHERE search_vector @@ to_tsquery('simple', 'homs')",
            "ix_notes_search": "SELECT id FROM notes"
            " WHERE deleted IS NULL AND search_vector @@ to_tsquery('simple', 'hamah')",
        }
        for index, query in plans.items():
            plan = connection.execute(f"EXPLAIN {query}").fetchall()
            assert any(index in line for (line,) in plan), plan
        live = connection.execute(plans["ix_notes_search"]).fetchall()
    assert len(live) == 1000  # deleted notes are not searched


def test_the_briefings_order_has_its_index(server_url: ServerUrl) -> None:
    upgrade_server(server_url)
    with psycopg.connect(server_url.text) as connection:
        connection.execute(
            "INSERT INTO documents (title, published, file_name, sha256, encoding, text,"
            " imported) SELECT 'T', CASE WHEN n % 3 = 0 THEN NULL ELSE '2024-01-0' || n % 9 END,"
            " 'f', md5(n::text), 'utf-8', '', timestamp '2025-03-04 05:06:07.5' FROM"
            " generate_series(1, 3000) n"
        )
        connection.execute("ANALYZE documents")
        connection.execute("SET enable_seqscan = off")
        query = (
            "SELECT id, briefing_document_date(published, imported) FROM documents"
            " ORDER BY briefing_document_date(published, imported) DESC, id DESC LIMIT 2"
        )
        plan = connection.execute(f"EXPLAIN {query}").fetchall()
        newest = connection.execute(query).fetchall()
    assert any("ix_documents_newest" in line for (line,) in plan), plan
    assert [date for _id, date in newest] == ["2025-03-04 05:06:07.500000"] * 2  # SQLite's stamp


def test_migrate_is_idempotent(server_url: ServerUrl) -> None:
    upgrade_server(server_url)
    before = schema_of(server_url)
    assert upgrade_server(server_url) == (HEAD_REVISION, HEAD_REVISION)
    assert schema_of(server_url) == before


def test_two_migrators_at_once_make_one_library(server_url: ServerUrl) -> None:
    results: list[tuple[str | None, str]] = []
    threads = [
        threading.Thread(target=lambda: results.append(upgrade_server(server_url)))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results, key=lambda r: r[0] or "") == [
        (None, HEAD_REVISION),
        (HEAD_REVISION, HEAD_REVISION),
    ]


def test_an_old_schema_is_not_used_by_a_client_and_names_the_command(
    server_url: ServerUrl,
) -> None:
    assert upgrade_server(server_url, to="0007_briefings_index") == (None, "0007_briefings_index")
    with pytest.raises(Exception, match="briefing-app migrate --db") as refused:
        check_schema(server_url)
    assert "0007_briefings_index" in str(refused.value)
    assert rows(server_url, "SELECT version_num FROM alembic_version") == [
        ("0007_briefings_index",)
    ]  # the check changed nothing
    assert upgrade_server(server_url) == ("0007_briefings_index", HEAD_REVISION)
    assert check_schema(server_url) == HEAD_REVISION


def test_an_empty_database_is_not_a_library_yet(server_url: ServerUrl) -> None:
    with pytest.raises(
        Exception, match="holds no Briefing reader library yet.*briefing-app migrate"
    ):
        check_schema(server_url)


def test_a_newer_schema_is_refused_and_left_as_it_is(server_url: ServerUrl) -> None:
    upgrade_server(server_url)
    with psycopg.connect(server_url.text) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    with pytest.raises(NewerSchemaError, match="newer version of Briefing reader"):
        check_schema(server_url)
    with pytest.raises(NewerSchemaError, match="0099_from_the_future"):
        upgrade_server(server_url)
    assert rows(server_url, "SELECT version_num FROM alembic_version") == [
        ("0099_from_the_future",)
    ]


def test_another_programs_database_is_left_alone(server_url: ServerUrl) -> None:
    with psycopg.connect(server_url.text) as connection:
        connection.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(NotOurDatabaseError, match="invoices"):
        upgrade_server(server_url)
    tables = rows(server_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    assert tables == [("invoices",)]


def test_every_revision_downgrades_on_the_server(server_url: ServerUrl) -> None:
    upgrade_server(server_url)
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    engine = create_engine("postgresql+psycopg://", creator=server_url.connect, poolclass=NullPool)
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        connection.commit()
    engine.dispose()
    left = rows(server_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    functions = rows(server_url, "SELECT proname FROM pg_proc WHERE proname LIKE 'briefing_%'")
    assert (left, functions) == ([("alembic_version",)], [])
    assert upgrade_server(server_url) == (None, HEAD_REVISION)  # and up again
