"""The ``briefing-app`` subcommands (no Qt here)."""
