"""The analyst's edits to a claim, each pushed on the undo stack: themes and grading."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from briefing_app.domain.library import Claim, Theme
from briefing_app.services.library import Library
from briefing_app.ui.claims.commands import (
    FilingChange,
    FilingCommand,
    GradingCommand,
    Listeners,
    OverrideCommand,
)


class AnalystEdits:
    """Files claims under themes and grades them; Ctrl+Z undoes each step."""

    def __init__(self, library: Library, undo_stack: QUndoStack, listeners: Listeners) -> None:
        self._library, self._undo_stack, self._listeners = library, undo_stack, listeners

    def file_under(self, claim: Claim, theme: Theme) -> None:
        """Make ``theme`` the claim's primary theme (others stay as secondary)."""
        self._push_filing(
            claim,
            f"file under {theme.label}",
            lambda library: library.file_under(claim.id, theme.key, primary=True),
        )

    def move_to_theme(self, claim: Claim, theme: Theme) -> None:
        """Make ``theme`` the claim's only theme."""
        self._push_filing(
            claim,
            f"move to {theme.label}",
            lambda library: library.move_to_theme(claim.id, theme.key),
        )

    def also_file_under(self, claim: Claim, theme: Theme) -> None:
        """File the claim under ``theme`` too (primary only if it had no theme)."""
        primary = claim.primary_theme is None
        self._push_filing(
            claim,
            f"also file under {theme.label}",
            lambda library: library.file_under(claim.id, theme.key, primary=primary),
        )

    def remove_from_theme(self, claim: Claim, theme: Theme) -> None:
        """Take the claim out of ``theme``."""
        self._push_filing(
            claim, f"remove from {theme.label}", lambda library: library.unfile(claim.id, theme.key)
        )

    def grade(self, claim: Claim, reliability: str, credibility: int) -> None:
        """Grade the claim on the Admiralty scale (nothing happens if unchanged)."""
        before = (claim.reliability, claim.credibility)
        if before != (reliability, credibility):
            self._undo_stack.push(
                GradingCommand(
                    self._library, claim.id, before, (reliability, credibility), self._listeners
                )
            )

    def override_reliability(self, claim: Claim, reliability: str | None) -> None:
        """Grade the claim's reliability on its own (None: its source's grade applies again)."""
        before = claim.reliability if claim.reliability_overridden else None
        if before != reliability:
            self._undo_stack.push(
                OverrideCommand(self._library, claim.id, before, reliability, self._listeners)
            )

    def _push_filing(self, claim: Claim, text: str, change: FilingChange) -> None:
        self._undo_stack.push(
            FilingCommand(self._library, claim.id, text, change, self._listeners, claim.themes)
        )
