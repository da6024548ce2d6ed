"""Entry point: no subcommand opens the window, otherwise the command line runs.

The only module that knows both faces of the app: ``export --format pdf``
runs as any other export, but the PDF writer comes from the ui layer (Qt lays
the report out), handed to the command line here. The command line is loaded
only for a command, so the window's first paint does not wait for it.
"""

from __future__ import annotations

import sys

from briefing_app.domain.errors import UsageError


def window_only(argv: list[str]) -> tuple[bool, str | None]:
    """Return (True, the --db value) when ``argv`` only opens the window, else (False, None).

    The common launch skips building the parser of every subcommand.
    """
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > len("--db="):
        return True, argv[0].removeprefix("--db=")
    return False, None


def main(argv: list[str] | None = None) -> int:
    """Run ``briefing-app`` with ``argv`` and return the exit status."""
    arguments = sys.argv[1:] if argv is None else argv
    only_window, db = window_only(arguments)
    if only_window:
        # The app's own modules first: once QtCore is loaded, every import statement
        # goes through PySide6's import hook (about 7 ms more over the start-up imports).
        import briefing_app.services.library  # noqa: F401
        from briefing_app.ui.app import run_window

        return run_window(db)
    from briefing_app.cli.parser import build_parser
    from briefing_app.services.export_formats import PDF

    try:
        args = build_parser().parse_args(arguments)
    except UsageError as error:
        from briefing_app.cli.main import fail

        return fail(str(error))
    if args.command is None:
        from briefing_app.ui.app import run_window

        return run_window(args.db)
    from briefing_app.cli.main import fail, run

    if args.command == "export" and args.format == PDF:
        if args.output is None:
            return fail("A PDF cannot be written to the terminal: give a file with -o FILE.")
        from briefing_app.ui.reports.pdf import write_pdf  # Qt is loaded for a PDF only

        args.write_pdf = write_pdf
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
