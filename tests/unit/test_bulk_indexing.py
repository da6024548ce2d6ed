"""An import indexes its claims at once; single claims are still indexed as they come."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from briefing_app.services.library import Library
from briefing_app.store.backup import integrity_problems
from tests.conftest import DATA, SEED


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return list(connection.execute(sql))


def test_an_import_indexes_every_claim_and_leaves_no_flag(library_path: Path) -> None:
    library = Library.open(library_path)
    library.import_files([SEED, DATA / "articles" / "001_reuters_hama_outskirts.txt"])
    claims = rows(library_path, "SELECT count(*) FROM claims")[0][0]
    indexed = rows(library_path, "SELECT count(*) FROM claim_fts_docsize")[0][0]
    assert claims > 20 and indexed == claims
    assert rows(library_path, "SELECT count(*) FROM bulk_indexing") == [(0,)]
    assert integrity_problems(library_path) == []
    assert library.search("homs").total > 0
    library.close()


def test_a_claim_made_by_hand_is_indexed_by_the_trigger(seeded_library: Library) -> None:
    claim = seeded_library.claim(1)
    middle = claim.text.index(" ", len(claim.text) // 2)
    correction = seeded_library.split_claim(1, middle)
    made = [i for i in correction.made if i != 1]
    assert made  # a new claim row, inserted on its own
    tail_word = claim.text[middle:].split()[-1].strip('.,"')
    found = {h.claim.id for h in seeded_library.search(tail_word).hits}
    assert set(made) & found
    assert integrity_problems(seeded_library.path) == []


def test_a_failed_import_leaves_neither_claims_nor_index_rows(
    library_path: Path, tmp_path: Path
) -> None:
    library = Library.open(library_path)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 not really")
    with pytest.raises(Exception):  # noqa: B017, PT011 - the import's own error family
        library.import_files([SEED, broken])
    assert rows(library_path, "SELECT count(*) FROM claims") == [(0,)]
    assert rows(library_path, "SELECT count(*) FROM claim_fts_docsize") == [(0,)]
    assert integrity_problems(library_path) == []
    library.close()
