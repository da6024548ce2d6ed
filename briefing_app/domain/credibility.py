"""The Admiralty grading: source reliability A-F and information credibility 1-6."""

from __future__ import annotations

RELIABILITY: dict[str, str] = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}

CREDIBILITY: dict[int, str] = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}

DEFAULT_RELIABILITY = "F"
DEFAULT_CREDIBILITY = 6


def check_reliability(grade: str) -> str:
    """Return ``grade`` upper-cased, or raise ValueError if it is not A-F."""
    value = grade.strip().upper()
    if value not in RELIABILITY:
        raise ValueError(f"reliability must be one of A-F, not {grade!r}")
    return value


def check_credibility(grade: int) -> int:
    """Return ``grade``, or raise ValueError if it is not 1-6."""
    if grade not in CREDIBILITY:
        raise ValueError(f"credibility must be 1-6, not {grade!r}")
    return grade
