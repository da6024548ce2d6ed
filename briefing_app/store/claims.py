"""Reading claims with their annotations, and the analyst's changes to them."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Select, delete, exists, func, select, update
from sqlalchemy.orm import Session

from briefing_app.domain.library import Claim, ClaimFilter, ClaimTheme, Theme, ThemeCount
from briefing_app.store.schema import (
    ClaimRow,
    ClaimThemeRow,
    DocumentRow,
    EntityRow,
    MentionRow,
    NoteRow,
    SourceRow,
    ThemeRow,
)


def _live_notes() -> Select[int]:
    return select(NoteRow.claim_id).where(NoteRow.deleted.is_(None))


def filtered_ids(claim_filter: ClaimFilter) -> Select[int]:
    """Return a SELECT of claim ids for ``claim_filter``, in document order."""
    query = select(ClaimRow.id)
    if claim_filter.theme is not None:
        query = query.where(
            exists()
            .where(ClaimThemeRow.claim_id == ClaimRow.id)
            .where(ClaimThemeRow.theme_id == ThemeRow.id)
            .where(ThemeRow.key == claim_filter.theme)
        )
    if claim_filter.document_id is not None:
        query = query.where(ClaimRow.document_id == claim_filter.document_id)
    if claim_filter.with_notes:
        query = query.where(ClaimRow.id.in_(_live_notes()))
    if claim_filter.hedged:
        query = query.where(ClaimRow.hedges != "[]")
    if claim_filter.unfiled:
        query = query.where(~exists().where(ClaimThemeRow.claim_id == ClaimRow.id))
    return query.order_by(ClaimRow.document_id, ClaimRow.start)


def claim_ids(session: Session, claim_filter: ClaimFilter) -> list[int]:
    """Return the ids of the claims that pass ``claim_filter``, in document order.

    A million ids go through the driver's cursor directly: SQLAlchemy's row
    processing would triple the time the window waits for its first page.
    """
    compiled = filtered_ids(claim_filter).compile(session.get_bind())
    params = tuple(compiled.params[name] for name in compiled.positiontup or ())
    cursor = session.connection().exec_driver_sql(str(compiled), params)
    return [row[0] for row in cursor.cursor.fetchall()]


def themes(session: Session) -> list[Theme]:
    """Return the taxonomy in its order."""
    rows = session.scalars(select(ThemeRow).order_by(ThemeRow.order, ThemeRow.id))
    return [Theme(r.key, r.label, r.description, r.colour, r.order) for r in rows]


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


def theme_counts(session: Session) -> list[ThemeCount]:
    """Return each theme with the number of claims filed under it."""
    counts: dict[int, int] = {
        theme_id: n
        for theme_id, n in session.execute(
            select(ClaimThemeRow.theme_id, func.count()).group_by(ClaimThemeRow.theme_id)
        )
    }
    rows = session.scalars(select(ThemeRow).order_by(ThemeRow.order, ThemeRow.id))
    return [
        ThemeCount(Theme(r.key, r.label, r.description, r.colour, r.order), counts.get(r.id, 0))
        for r in rows
    ]


def count(session: Session, claim_filter: ClaimFilter) -> int:
    """Return how many claims pass ``claim_filter``.

    The navigator's special views are counted from their own small tables or
    indexes rather than by scanning every claim.
    """
    if claim_filter == ClaimFilter(with_notes=True):
        return (
            session.scalar(
                select(func.count(func.distinct(NoteRow.claim_id))).where(NoteRow.deleted.is_(None))
            )
            or 0
        )
    subquery = filtered_ids(claim_filter).order_by(None).subquery()
    return session.scalar(select(func.count()).select_from(subquery)) or 0


def load_claims(session: Session, ids: Sequence[int]) -> list[Claim]:
    """Return the claims with these ids, in the order of ``ids`` (unknown ids skipped)."""
    if not ids:
        return []
    rows = session.execute(
        select(ClaimRow, DocumentRow.title, DocumentRow.published, SourceRow.name)
        .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
        .outerjoin(SourceRow, SourceRow.id == DocumentRow.source_id)
        .where(ClaimRow.id.in_(ids))
    )
    filings: dict[int, list[ClaimTheme]] = defaultdict(list)
    for link, theme in session.execute(
        select(ClaimThemeRow, ThemeRow)
        .join(ThemeRow, ThemeRow.id == ClaimThemeRow.theme_id)
        .where(ClaimThemeRow.claim_id.in_(ids))
        .order_by(ClaimThemeRow.is_primary.desc(), ThemeRow.order)
    ):
        filings[link.claim_id].append(
            ClaimTheme(theme.key, theme.label, theme.colour, link.is_primary, link.origin, link.why)
        )
    names: dict[int, list[str]] = defaultdict(list)
    for claim_id, name in session.execute(
        select(MentionRow.claim_id, EntityRow.name)
        .join(EntityRow, EntityRow.id == MentionRow.entity_id)
        .where(MentionRow.claim_id.in_(ids))
        .order_by(MentionRow.claim_id, MentionRow.start)
    ):
        if name not in names[claim_id]:
            names[claim_id].append(name)
    notes: dict[int, int] = {
        claim_id: n
        for claim_id, n in session.execute(
            select(NoteRow.claim_id, func.count())
            .where(NoteRow.claim_id.in_(ids), NoteRow.deleted.is_(None))
            .group_by(NoteRow.claim_id)
        )
    }
    by_id = {
        row.id: Claim(
            id=row.id,
            document_id=row.document_id,
            text=row.text,
            paragraph=row.paragraph,
            sentence=row.sentence,
            start=row.start,
            end=row.end,
            prefix=row.prefix,
            suffix=row.suffix,
            attribution=row.attribution,
            hedges=tuple(json.loads(row.hedges)),
            entities=tuple(names.get(row.id, ())),
            themes=tuple(filings.get(row.id, ())),
            reliability=row.reliability,
            credibility=row.credibility,
            note_count=notes.get(row.id, 0),
            outlet=outlet,
            document_title=title,
            published=published,
        )
        for row, title, published, outlet in rows
    }
    return [by_id[i] for i in ids if i in by_id]


def claim_exists(session: Session, claim_id: int) -> bool:
    """Return True if the library holds a claim with this id."""
    return session.get(ClaimRow, claim_id) is not None


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
