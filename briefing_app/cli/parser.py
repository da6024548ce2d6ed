"""The command-line grammar of ``briefing-app`` (DESIGN section 7)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn

from briefing_app import __version__
from briefing_app.domain.errors import UsageError
from briefing_app.services.export_formats import ALL_FORMATS


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, raised as UsageError."""

    def error(self, message: str) -> NoReturn:
        """Raise the problem instead of printing usage and exiting."""
        raise UsageError(f"{message} (see '{self.prog} --help')")

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: None = None
    ) -> argparse.Namespace:
        """Parse ``args``; a search query may begin with "-" (``search -russian``)."""
        return super().parse_args(None if args is None else _dash_queries(list(args)), namespace)


SEARCH_OPTIONS = ("--json", "-h", "--help")


def _dash_queries(args: list[str]) -> list[str]:
    """Return ``args`` with "--" before a search query that begins with "-".

    ``-word`` excludes a word (the grammar in the README), so ``search -russian``
    means a query, never an option; only the search command's own options stay options.
    """
    at = 0
    while at < len(args) and args[at].startswith("-"):  # the options before the command
        at += 2 if args[at] in ("--db", "--analyst") else 1
    if at >= len(args) or args[at] != "search" or "--" in args:
        return args
    rest = args[at + 1 :]
    options = [a for a in rest if a in SEARCH_OPTIONS]
    words = [a for a in rest if a not in SEARCH_OPTIONS]
    if not words or not words[0].startswith("-"):
        return args
    return [*args[: at + 1], *options, "--", *words]


MAX_ID = 2**63 - 1  # SQLite's largest integer


def claim_number(text: str) -> int:
    """Parse a claim id: a whole number from 1 to SQLite's largest integer."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"{text!r} is not a claim id (a whole number from 1)")
    return value


def document_number(text: str) -> int:
    """Parse a document id: a whole number from 1 to SQLite's largest integer."""
    try:
        return claim_number(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a document id (a whole number from 1)"
        ) from None


def build_parser() -> OneLineParser:
    """Return the parser for every subcommand."""
    parser = OneLineParser(
        prog="briefing-app",
        description="Read briefings as claims filed by theme; with no command, open the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="library file (default: $BRIEFING_APP_DB, then the user data folder), or a team "
        "library on PostgreSQL, postgresql://user@host:port/dbname (the password comes from "
        "~/.pgpass, PGPASSWORD or the service file)",
    )
    parser.add_argument(
        "--analyst",
        metavar="NAME",
        help="the name notes, filings, grades and imports are recorded under (default: "
        "$BRIEFING_APP_ANALYST, then the database role on a server, then your login name)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)

    importing = commands.add_parser("import", help="import briefing files")
    importing.add_argument("files", nargs="+", metavar="FILE")

    exporting = commands.add_parser(
        "export", help="export the library, or the claims of a theme, document or search"
    )
    exporting.add_argument("--format", choices=ALL_FORMATS, default="json")
    exporting.add_argument(
        "-o", "--output", metavar="FILE", help="write here instead of stdout (needed for pdf)"
    )
    exporting.add_argument("--query", metavar="Q", help="only the claims this search finds")
    exporting.add_argument("--theme", metavar="KEY", help="only the claims filed under a theme")
    exporting.add_argument(
        "--document", type=document_number, metavar="ID", help="only the claims of one document"
    )

    searching = commands.add_parser("search", help="search claims and notes")
    searching.add_argument(
        "query", metavar="QUERY", nargs="+", help="words, quoted or not, are one query"
    )
    searching.add_argument("--json", action="store_true", help="print JSON")

    noting = commands.add_parser("note", help="add a note to a claim")
    noting.add_argument("claim_id", type=claim_number, metavar="CLAIM_ID")
    noting.add_argument("text", metavar="TEXT")
    commands.add_parser("backup", help="take a verified backup of the library now")
    commands.add_parser("backups", help="list the library's backups, newest first")
    restoring = commands.add_parser("restore", help="replace the library with a backup")
    restoring.add_argument("backup", metavar="BACKUP", help="a file listed by 'backups'")
    restoring.add_argument(
        "--other-library",
        action="store_true",
        help="restore even a backup that was taken of another library",
    )
    commands.add_parser(
        "migrate",
        help="bring the library's schema up to date (a file, or a team library on PostgreSQL, "
        "where an empty database becomes a new library)",
    )
    copying = commands.add_parser(
        "copy",
        help="copy a whole library into an empty one (a file or a team library, either way), "
        "or add what it lacks with --merge",
    )
    copying.add_argument(
        "--from", dest="source", required=True, metavar="PATH_OR_URL", help="the library to copy"
    )
    copying.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar="PATH_OR_URL",
        help="an empty library (a missing file is created; a server's is made by migrate)",
    )
    copying.add_argument(
        "--merge",
        action="store_true",
        help="add to a library that is not empty the documents it lacks (by sha256) and the "
        "saved searches it lacks (by name)",
    )
    checking = commands.add_parser(
        "check", help="check the library and its search indexes (exit 2 if damaged)"
    )
    checking.add_argument(
        "--repair", action="store_true", help="rebuild damaged search indexes, after a backup"
    )
    return parser
