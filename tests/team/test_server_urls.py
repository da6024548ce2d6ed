"""A team library's URL: libpq settings pass through, passwords never do and are never shown."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefing_app.domain.errors import UsageError
from briefing_app.store.server import is_url, parse_server_url


@pytest.mark.parametrize(
    ("text", "user", "database"),
    [
        ("postgresql://ann@db.example:5433/team", "ann", "team"),
        (
            "postgresql://ann@db.example/team?sslmode=verify-full&sslrootcert=/etc/ca.pem",
            "ann",
            "team",
        ),
        ("postgres://ann@/team?host=/run/postgresql", "ann", "team"),
        ("postgresql:///?service=desk", None, None),
        ("postgresql://[::1]:5432/team", None, "team"),
    ],
)
def test_a_url_is_passed_to_libpq_as_written(
    text: str, user: str | None, database: str | None
) -> None:
    url = parse_server_url(text)
    assert (url.text, url.user, url.database) == (text, user, database)
    assert url.migrate_command == f"briefing-app migrate --db '{text}'"


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://ann:s3cret-pw@db.example/team",
        "postgresql://ann:s3cret-pw@db.example:5432/team?sslmode=require",
        "postgresql://ann@db.example/team?password=s3cret-pw",
        "postgresql://ann:s3cret-pw@db.example:notaport/team",
        "postgresql://ann:s3cret-pw @db.example/team",
    ],
)
def test_a_password_in_the_url_is_refused_and_never_shown(text: str) -> None:
    with pytest.raises(UsageError) as refused:
        parse_server_url(text)
    message = str(refused.value)
    assert "s3cret-pw" not in message
    assert "~/.pgpass" in message or "cannot be read" in message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("postgresql://ann@db.example/team?colour=blue", "cannot be read"),
        ("postgresql://ann@db.example", "names no database"),
        ("mysql://ann@db.example/team", "A mysql:// URL is not a library"),
    ],
)
def test_a_bad_url_says_how_to_write_it(text: str, says: str) -> None:
    with pytest.raises(UsageError, match=says) as refused:
        parse_server_url(text)
    assert "\n" not in str(refused.value)
    assert "postgresql://user@host:port/dbname" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("postgresql://a@b/c", True),
        ("postgres://a@b/c", True),
        ("mysql://a@b/c", True),
        ("library.db", False),
        ("/home/ann/postgresql/library.db", False),
        ("C:\\Users\\ann\\library.db", False),
        (None, False),
    ],
)
def test_a_url_is_told_from_a_file(text: str | None, url: bool) -> None:
    assert is_url(text) is url


def test_the_command_line_loads_no_driver_until_a_server_is_used() -> None:
    code = (
        "import sys; import briefing_app.cli.main, briefing_app.store.server;"
        " print(sorted(m for m in ('psycopg', 'sqlalchemy', 'alembic') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
