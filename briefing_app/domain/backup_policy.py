"""Which backups to keep: daily for a week, weekly for a month, monthly after.

The copy a restore takes of the library as it was is kept for a month whatever
else is taken that day: it may hold the only copy of notes written before it.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

DAILY_FOR = timedelta(days=7)
WEEKLY_FOR = timedelta(days=30)
PINNED_FOR = timedelta(days=30)
# Reasons whose copies thinning leaves alone for PINNED_FOR.
PINNED_REASONS = frozenset({"before-restore", "before-repair"})


@dataclass(frozen=True, slots=True)
class Backup:
    """A backup file and when it was taken (UTC)."""

    taken: datetime
    path: Path
    reason: str = ""


def _bucket(backup: Backup, now: datetime) -> Hashable:
    age = now - backup.taken
    if age < DAILY_FOR:
        return ("day", backup.taken.date())
    if age < WEEKLY_FOR:
        return ("week", *backup.taken.isocalendar()[:2])
    return ("month", backup.taken.year, backup.taken.month)


def to_delete(backups: Sequence[Backup], now: datetime) -> list[Backup]:
    """Return the backups that thinning removes: all but the newest of each bucket.

    A pinned copy (see PINNED_REASONS) younger than PINNED_FOR is never removed,
    and does not count as its bucket's newest either.
    """
    pinned = {id(b) for b in backups if b.reason in PINNED_REASONS and now - b.taken < PINNED_FOR}
    kept: dict[Hashable, Backup] = {}
    for backup in sorted(backups, key=lambda b: b.taken, reverse=True):
        if id(backup) not in pinned:
            kept.setdefault(_bucket(backup, now), backup)
    keep = pinned | {id(b) for b in kept.values()}
    return [b for b in backups if id(b) not in keep]


def needs_daily(backups: Sequence[Backup], now: datetime) -> bool:
    """Return True when no backup was taken on ``now``'s day."""
    return not any(b.taken.date() == now.date() for b in backups)
