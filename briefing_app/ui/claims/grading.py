"""A claim's Admiralty grade in words: "B2", and whose reliability and what credibility it is."""

from __future__ import annotations

from briefing_app.domain.credibility import (
    CREDIBILITY,
    DEFAULT_CREDIBILITY,
    DEFAULT_RELIABILITY,
    RELIABILITY,
)
from briefing_app.domain.library import Claim

NOT_GRADED = "—"


def is_graded(claim: Claim) -> bool:
    """Return False while the claim has the grade every claim starts with (F6: cannot judge)."""
    return (claim.reliability, claim.credibility) != (DEFAULT_RELIABILITY, DEFAULT_CREDIBILITY)


def is_assessed(claim: Claim) -> bool:
    """Return True once the claim itself has a credibility (its source's grade is inherited)."""
    return claim.credibility != DEFAULT_CREDIBILITY


def grade_text(claim: Claim) -> str:
    """Return the grade as the list shows it: "B2", or "—" when not graded."""
    return f"{claim.reliability}{claim.credibility}" if is_graded(claim) else NOT_GRADED


def grade_tooltip(claim: Claim) -> str:
    """Return the grade in words, saying whose reliability it is.

    e.g. "Reliability B (usually reliable) from the outlet, Reuters; credibility 2
    (probably true)".
    """
    if not is_graded(claim):
        return (
            "Not graded: reliability F (cannot be judged), credibility 6 (cannot be judged)."
            " Grade it on the source card."
        )
    reliability = f"Reliability {claim.reliability} ({RELIABILITY[claim.reliability].lower()})"
    credibility = f"credibility {claim.credibility} ({CREDIBILITY[claim.credibility].lower()})"
    return f"{reliability}{_whose(claim)}; {credibility}"


def _speaker_ungraded(claim: Claim) -> str:
    if not claim.attribution:
        return ""
    return f" ({claim.attribution}, whom the claim quotes, is not graded yet)"


def _whose(claim: Claim) -> str:
    """Return where the reliability comes from, as the end of a phrase."""
    return {
        "claim": ", graded for this claim only",
        "unknown": " (no source is known)",
        "quoted": f" from {claim.graded_source}, whom the claim quotes",
        "outlet": f" from the outlet, {claim.graded_source}{_speaker_ungraded(claim)}",
    }[claim.grade_origin]
