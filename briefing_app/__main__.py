"""Entry point: no subcommand opens the window, otherwise the command line runs.

The only module that knows both faces of the app.
"""

from __future__ import annotations

import sys

from briefing_app.cli.main import fail, run
from briefing_app.cli.parser import build_parser
from briefing_app.domain.errors import UsageError


def main(argv: list[str] | None = None) -> int:
    """Run ``briefing-app`` with ``argv`` and return the exit status."""
    try:
        args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    except UsageError as error:
        return fail(str(error))
    if args.command is None:
        from briefing_app.ui.app import run_window

        return run_window(args.db)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
