"""The status bar's messages, each about the present: a hint goes when what it was about goes.

A message may belong to a topic (the search, the last edit). Saying something new
about the topic replaces it; ``withdraw`` takes it away when its topic moved on (a
new query, another undo step), unless another message has replaced it since.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStatusBar

from briefing_app.ui.claims.commands import UndoStack

STATUS_MS = 8000
# The search box's hints: parts of the query that could not be used.
SEARCH = "search"
# What the last edit did ("Filed under …"): stale once the undo stack moves.
EDIT = "edit"


class StatusLine(QObject):
    """Shows messages, warnings and topic hints in one status bar."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self._bar = bar
        self._topics: dict[str, str] = {}
        self._warnings = 0  # warnings shown so far
        self._before_step = 0

    def say(self, text: str, topic: str | None = None) -> None:
        """Say ``text`` for a while; with ``topic``, until the topic moves on."""
        self._bar.showMessage(text, STATUS_MS)
        if topic is not None:
            self._topics[topic] = text

    def warn(self, text: str) -> None:
        """Say what went wrong, for longer than other messages."""
        self._warnings += 1
        self._bar.showMessage(f"⚠ {text}", STATUS_MS * 2)

    def hint(self, topic: str, text: str) -> None:
        """Say ``text`` about the topic until it moves on ("": withdraw what was said)."""
        if text:
            self.say(text, topic)
        else:
            self.withdraw(topic)

    def withdraw(self, topic: str) -> None:
        """Take away the topic's message if it is still the one shown."""
        text = self._topics.pop(topic, None)
        if text is not None and self._bar.currentMessage() == text:
            self._bar.clearMessage()

    def follow(self, stack: UndoStack) -> None:
        """Say what each undo and redo did; an edit's message goes when the stack moves."""
        stack.moving.connect(self._on_moving)
        stack.stepped.connect(self._on_stepped)

    def _on_moving(self) -> None:
        self.withdraw(EDIT)
        self._before_step = self._warnings

    def _on_stepped(self, text: str) -> None:
        if self._warnings == self._before_step:  # a step that failed has said so instead
            self.say(text, EDIT)
