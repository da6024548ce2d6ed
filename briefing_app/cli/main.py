"""Run one ``briefing-app`` subcommand: output on stdout, one error line on stderr."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefing_app.domain.errors import BriefingError, LibraryError, UsageError
from briefing_app.services.backups import (
    check_library,
    list_backups,
    make_backup,
    restore_backup,
)
from briefing_app.services.checks import readable
from briefing_app.services.export import PDF, claim_json, export_to_file, export_to_stream
from briefing_app.services.export_scope import scope_from_options
from briefing_app.services.library import Library
from briefing_app.services.paths import ENV_VAR, resolve_library_path
from briefing_app.store.database import HEAD_REVISION, inspect_file
from briefing_app.store.server import ServerUrl, is_url

if TYPE_CHECKING:
    from briefing_app.store.library_copy import TableCopy

EXIT_ERROR = 2


def fail(message: str) -> int:
    """Print one error line on stderr and return the error exit status."""
    print(f"briefing-app: error: {readable(' '.join(message.split()))}", file=sys.stderr)
    return EXIT_ERROR


def warn(message: str) -> None:
    """Print one warning line on stderr (the command still succeeds)."""
    print(f"briefing-app: warning: {readable(' '.join(message.split()))}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Run the parsed subcommand; return the exit status."""
    try:
        if args.command == "copy":
            return _copy(args)
        named = args.db or os.environ.get(ENV_VAR)
        if is_url(named):
            return _on_server(str(named), args)
        path, is_default = resolve_library_path(args.db)
        if args.command in _FILE_COMMANDS:
            return _FILE_COMMANDS[args.command](path, args)
        library = Library.open(path, create_folder=is_default, analyst=args.analyst)
        try:
            for warning in library.warnings:
                warn(warning)
            return _COMMANDS[args.command](library, args)
        finally:
            library.close()
    except BriefingError as error:
        return fail(str(error))
    except BrokenPipeError:
        return 0


def _import(library: Library, args: argparse.Namespace) -> int:
    for result in library.import_files([Path(f) for f in args.files]):
        state = "already in the library" if result.already_present else "imported"
        print(
            f"{result.file_name}: {state}, {result.claims} claims (document {result.document_id})"
        )
        for warning in result.warnings:
            print(f"  note: {warning}")
    return 0


def _export(library: Library, args: argparse.Namespace) -> int:
    scope = scope_from_options(library, args.query, args.theme, args.document)
    if args.format == PDF:
        # Qt lays a PDF out: the entry point (briefing_app.__main__) hands the writer over.
        write_pdf = getattr(args, "write_pdf", None)
        if write_pdf is None or args.output is None:
            raise UsageError("A PDF is written by 'briefing-app export --format pdf -o FILE'.")
        write_pdf(library, Path(args.output), library.file, scope)
        return 0
    if args.output is None:
        export_to_stream(library, args.format, sys.stdout, scope)
        return 0
    export_to_file(library, args.format, Path(args.output), library.file, scope)
    return 0


def _search(library: Library, args: argparse.Namespace) -> int:
    query = " ".join(args.query)  # unquoted words are one query, as in the window
    result = library.search(query)
    if args.json:
        notes = library.notes_for_many([hit.claim.id for hit in result.hits])
        payload = [
            {
                **claim_json(hit.claim, notes.get(hit.claim.id, [])),
                "snippet": hit.snippet,
                "document": {
                    "id": hit.claim.document_id,
                    "title": hit.claim.document_title,
                    "outlet": hit.claim.outlet,
                    "published": hit.claim.published,
                },
            }
            for hit in result.hits
        ]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    for hint in result.hints:
        print(f"hint: {hint}", file=sys.stderr)
    for hit in result.hits:
        primary = hit.claim.primary_theme
        theme = primary.label if primary else "Unfiled"
        print(f"{hit.claim.id}\t¶{hit.claim.paragraph}\t{theme}\t{hit.claim.text}")
    if not result.hits:
        print(f"No claims match {query!r}.", file=sys.stderr)
    return 0


def _note(library: Library, args: argparse.Namespace) -> int:
    note = library.add_note(args.claim_id, args.text)
    print(f"Added note {note.id} to claim {note.claim_id}.")
    return 0


def _backup(library: Library, _args: argparse.Namespace) -> int:
    print(readable(str(make_backup(library.path))))
    return 0


def _backups(library: Library, _args: argparse.Namespace) -> int:
    for backup in list_backups(library.path):
        print(readable(f"{backup.taken:%Y-%m-%d %H:%M:%S} UTC\t{backup.path}"))
    return 0


def _restore(path: Path, args: argparse.Namespace) -> int:
    backup = Path(args.backup)
    if not backup.is_file():
        raise UsageError(f"{backup} is not a backup file: see 'briefing-app backups'.")
    safety = restore_backup(path, backup, other_library=args.other_library)
    print(readable(f"Restored {path} from {backup}; the library as it was is kept in {safety}."))
    return 0


def _check(path: Path, args: argparse.Namespace) -> int:
    if not path.exists():
        raise UsageError(f"{path} does not exist: there is no library to check.")
    report = check_library(path, repair=args.repair)
    if report.repaired:
        print(readable(f"Repaired: search indexes rebuilt; backup first: {report.backup}."))
        return 0
    if report.sound:
        print("ok")
        return 0
    for problem in report.problems:
        print(readable(problem))
    raise LibraryError(
        f"{path} is damaged ({len(report.problems)} problems). If only its search index is, "
        "'briefing-app check --repair' rebuilds it; otherwise restore a backup."
    )


def _migrate(path: Path, _args: argparse.Namespace) -> int:
    if not path.exists():
        raise UsageError(
            f"{path} does not exist: there is no library to migrate (a new one is made at "
            "the head schema when first opened)."
        )
    before = inspect_file(path)
    if before == HEAD_REVISION:
        print(readable(f"{path}: already at schema {HEAD_REVISION}, nothing to do."))
        return 0
    Library.open(path, backup=False).close()  # backs the file up, then upgrades it
    print(
        readable(
            f"{path}: upgraded from schema {before} to {HEAD_REVISION}; the library as it "
            "was is kept in its backups ('briefing-app backups')."
        )
    )
    return 0


def _copy(args: argparse.Namespace) -> int:
    """Copy a library (file or server) into another; progress on stderr at a terminal."""
    from briefing_app.services.copying import copy_library  # loads the schema's models

    if args.db:
        raise UsageError(
            "'briefing-app copy' takes its two libraries from --from and --to, not --db."
        )
    progress = _copy_progress if sys.stderr.isatty() else None
    outcome = copy_library(args.source, args.target, merge=args.merge, progress=progress)
    for warning in outcome.warnings:
        warn(warning)
    counts = ", ".join(
        f"{outcome.copied(table):,} {table}" for table in ("documents", "claims", "notes")
    )
    print(readable(f"Copied {outcome.source} to {outcome.target}: {counts}."))
    skipped = outcome.already("documents")
    if skipped:
        were = "document was" if skipped == 1 else "documents were"
        print(f"{skipped:,} {were} in it already (same sha256): skipped.")
    return 0


def _copy_progress(table: TableCopy) -> None:
    print(f"copied {table.copied:,} {table.label}", file=sys.stderr, flush=True)


def _on_server(text: str, args: argparse.Namespace) -> int:
    """Run a command on a team library (PostgreSQL).

    ``migrate`` brings its schema up to date; ``import``, ``note``, ``export`` and
    ``search`` (by fields, so far) run as on a file; the file's own commands
    (backups, restore, check) are refused: the server's administrator has them.
    """
    from briefing_app.store.server import files_only, parse_server_url

    url = parse_server_url(text)  # refuses a password before anything else is done
    if args.command == "migrate":
        return _migrate_server(url)
    if args.command in _FILE_COMMANDS or args.command in _FILE_ONLY:
        raise files_only(f"'briefing-app {args.command}'", url.display)
    library = Library.open(url.text, analyst=args.analyst)
    try:
        return _COMMANDS[args.command](library, args)
    finally:
        library.close()


def _migrate_server(url: ServerUrl) -> int:
    from briefing_app.store.migrate import upgrade_server

    before, after = upgrade_server(url)
    if before == after:
        print(f"{url.display}: already at schema {after}, nothing to do.")
    elif before is None:
        print(f"{url.display}: a new library, created at schema {after}.")
    else:
        print(f"{url.display}: upgraded from schema {before} to {after}.")
    return 0


_FILE_COMMANDS = {"restore": _restore, "check": _check, "migrate": _migrate}
# Commands on a library's file and its folder: none on a team library.
_FILE_ONLY = ("backup", "backups")
_COMMANDS = {
    "import": _import,
    "export": _export,
    "search": _search,
    "note": _note,
    "backup": _backup,
    "backups": _backups,
}
