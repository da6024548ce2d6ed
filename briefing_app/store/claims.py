"""Reading claims with their annotations, and the analyst's changes to them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from briefing_app.domain.library import ClaimTheme, Theme
from briefing_app.store.schema import (
    ClaimRow,
    ClaimThemeRow,
    ThemeRow,
)


def sync_themes(session: Session, taxonomy: Sequence[Theme]) -> None:
    """Insert or update the themes of the taxonomy; themes no longer listed are kept."""
    existing = {row.key: row for row in session.scalars(select(ThemeRow))}
    for theme in taxonomy:
        row = existing.get(theme.key)
        if row is None:
            session.add(
                ThemeRow(
                    key=theme.key,
                    label=theme.label,
                    description=theme.description,
                    colour=theme.colour,
                    order=theme.order,
                )
            )
        elif (row.label, row.description, row.colour, row.order) != (
            theme.label,
            theme.description,
            theme.colour,
            theme.order,
        ):
            row.label, row.description = theme.label, theme.description
            row.colour, row.order = theme.colour, theme.order
    session.flush()






def file_under(session: Session, claim_id: int, theme_key: str, *, primary: bool, why: str) -> None:
    """File a claim under a theme as the analyst's choice (primary moves there)."""
    theme_id = session.scalar(select(ThemeRow.id).where(ThemeRow.key == theme_key))
    if theme_id is None:
        raise KeyError(theme_key)
    if primary:
        session.execute(
            update(ClaimThemeRow).where(ClaimThemeRow.claim_id == claim_id).values(is_primary=False)
        )
    link = session.get(ClaimThemeRow, (claim_id, theme_id))
    if link is None:
        session.add(
            ClaimThemeRow(
                claim_id=claim_id, theme_id=theme_id, is_primary=primary, origin="analyst", why=why
            )
        )
    else:
        link.is_primary = primary or link.is_primary
        link.origin, link.why = "analyst", why
    session.flush()


def move_to(session: Session, claim_id: int, theme_key: str, why: str) -> None:
    """Make a theme the claim's only theme, as the analyst's choice."""
    file_under(session, claim_id, theme_key, primary=True, why=why)
    theme_id = session.scalar(select(ThemeRow.id).where(ThemeRow.key == theme_key))
    session.execute(
        delete(ClaimThemeRow).where(
            ClaimThemeRow.claim_id == claim_id, ClaimThemeRow.theme_id != theme_id
        )
    )


def unfile(session: Session, claim_id: int, theme_key: str) -> None:
    """Remove a claim from a theme."""
    theme_id = session.scalar(select(ThemeRow.id).where(ThemeRow.key == theme_key))
    session.execute(
        delete(ClaimThemeRow).where(
            ClaimThemeRow.claim_id == claim_id, ClaimThemeRow.theme_id == theme_id
        )
    )


def restore_filings(session: Session, claim_id: int, filings: Sequence[ClaimTheme]) -> None:
    """Put back exactly these filings of a claim (used by undo)."""
    session.execute(delete(ClaimThemeRow).where(ClaimThemeRow.claim_id == claim_id))
    ids = {key: theme_id for key, theme_id in session.execute(select(ThemeRow.key, ThemeRow.id))}
    session.add_all(
        ClaimThemeRow(
            claim_id=claim_id,
            theme_id=ids[f.key],
            is_primary=f.is_primary,
            origin=f.origin,
            why=f.why,
        )
        for f in filings
        if f.key in ids
    )
    session.flush()


def set_grading(session: Session, claim_id: int, reliability: str, credibility: int) -> None:
    """Store the analyst's Admiralty grading of a claim."""
    session.execute(
        update(ClaimRow)
        .where(ClaimRow.id == claim_id)
        .values(reliability=reliability, credibility=credibility)
    )
