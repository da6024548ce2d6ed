"""What the Markdown, HTML and PDF reports say, in the same words: labels, dates, gradings."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from briefing_app.domain.library import Claim, ClaimTheme, Note
from briefing_app.services.export_scope import DocumentTally, ScopeSummary

REPORT_TITLE = "Briefing report"
GRADING_LEGEND = (
    "Grading on the Admiralty scale: source reliability A (reliable) to E (unreliable), "
    "information credibility 1 (confirmed) to 5 (improbable); F and 6 mean cannot be judged."
)
SOURCE_HEADERS = ("Source", "Outlet", "Title", "Date", "Reliability", "Claims")


def export_time(now: datetime | None = None) -> datetime:
    """Return the time an export is stamped with: ``now``, else $SOURCE_DATE_EPOCH, else now.

    SOURCE_DATE_EPOCH is the reproducible-builds convention: set, two exports
    of the same library are byte for byte the same.
    """
    if now is not None:
        return now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def stamp(moment: datetime) -> str:
    """Return a time as a report shows it: ``2024-12-07 14:03 UTC``."""
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def iso_stamp(moment: datetime) -> str:
    """Return a time as the JSON export writes it: ``2024-12-07T14:03:00Z``."""
    return moment.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def note_label(note: Note) -> str:
    """Return the line that says whose a note is: ``Analyst note, 2024-12-07``."""
    label = f"Analyst note, {note.created:%Y-%m-%d}"
    if note.updated.date() != note.created.date():
        label += f" (edited {note.updated:%Y-%m-%d})"
    return label


def attribution(claim: Claim) -> str:
    """Return who the text says the claim comes from."""
    return claim.attribution or "reporter's own assertion"


def hedges(claim: Claim) -> str:
    """Return the claim's hedging words, or "none"."""
    return ", ".join(claim.hedges) if claim.hedges else "none"


def grading(claim: Claim) -> str:
    """Return the claim's Admiralty grading, e.g. ``F6``."""
    return f"{claim.reliability}{claim.credibility}"


def other_themes(claim: Claim, section: str | None) -> list[ClaimTheme]:
    """Return the themes a claim is filed under besides the section it is shown in."""
    return [theme for theme in claim.themes if theme.key != section]


def published(tally: DocumentTally) -> str:
    """Return a source's publication date (the day), or "undated"."""
    return (tally.info.published or "undated")[:10]


def grades(tally: DocumentTally) -> str:
    """Return the outlet's reliability grade, as its own claims carry it.

    Claims graded as a quoted speaker's, or regraded one by one, keep their own
    grading beside them; a source whose claims are all such lists their grades.
    """
    if tally.outlet_grades:
        return tally.outlet_grades.most_common(1)[0][0]
    return ", ".join(sorted(tally.grades)) or "F"


def source_cells(tally: DocumentTally) -> tuple[str, ...]:
    """Return a row of the sources table (see SOURCE_HEADERS)."""
    info = tally.info
    return (
        f"S{tally.number}",
        info.outlet or "unknown outlet",
        tally.title or info.title,
        published(tally),
        grades(tally),
        str(tally.claims),
    )


def claim_source(claim: Claim, tally: DocumentTally | None) -> str:
    """Return where a claim comes from: ``S1 Washington Examiner, ¶7``."""
    number = f"S{tally.number} " if tally is not None else ""
    return f"{number}{claim.outlet or 'unknown outlet'}, ¶{claim.paragraph}"


def contents(summary: ScopeSummary) -> str:
    """Return what a report holds in one line: ``16 claims from 1 source, 2 analyst notes``."""

    def counted(number: int, word: str) -> str:
        return f"{number} {word}{'' if number == 1 else 's'}"

    return (
        f"{counted(summary.claims, 'claim')} from {counted(len(summary.documents), 'source')}, "
        f"{counted(summary.notes, 'analyst note')}"
    )
