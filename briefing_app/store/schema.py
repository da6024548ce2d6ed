"""SQLAlchemy 2 typed models of the library (DESIGN section 4): the schema, for Alembic.

The app itself reads and writes with plain SQL (``store``); these models say what
the migrations build, and a test runs every statement against them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import (
    text as sql_text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from briefing_app.store.sql import hedged

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every table, with stable constraint names for migrations."""

    metadata = MetaData(naming_convention=NAMING)


class SourceRow(Base):
    """An outlet that published documents."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    reliability: Mapped[str] = mapped_column(String(1), default="F")


class SourceAliasRow(Base):
    """Another name of an outlet ("AP" for the Associated Press), for ``source:``."""

    __tablename__ = "source_aliases"
    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    alias: Mapped[str] = mapped_column(Text, primary_key=True)


class DocumentRow(Base):
    """An imported article, its normalised text and provenance."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    title: Mapped[str] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String)
    file_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    encoding: Mapped[str] = mapped_column(String, default="utf-8")
    text: Mapped[str] = mapped_column(Text)
    imported: Mapped[datetime] = mapped_column()
    url: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String)
    # Why the document lies outside the taxonomy's scope (NULL: it is in scope).
    scope_note: Mapped[str | None] = mapped_column(Text)
    # When the analyst first opened it (NULL: unread).
    opened: Mapped[datetime | None] = mapped_column()
    # Who imported it (NULL: before schema 0011).
    analyst: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        # The Briefings list, newest first (published, else imported).
        Index("ix_documents_newest", sql_text("coalesce(published, imported)"), "id"),
        # ``doc:`` and ``outlet:`` scan this, not the rows (which hold the whole text).
        Index("ix_documents_title", "title", "source_id"),
    )

    source: Mapped[SourceRow | None] = relationship()


class ParagraphRow(Base):
    """A numbered non-empty line of a document."""

    __tablename__ = "paragraphs"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    idx: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column()
    end: Mapped[int] = mapped_column()
    kind: Mapped[str] = mapped_column(String)
    __table_args__ = (UniqueConstraint("document_id", "idx", name="document_idx"),)


class ClaimRow(Base):
    """One sentence of reporting; ``start:end`` are code points into the document."""

    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    paragraph: Mapped[int] = mapped_column()
    sentence: Mapped[int] = mapped_column()
    start: Mapped[int] = mapped_column()
    end: Mapped[int] = mapped_column()
    text: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    attribution: Mapped[str | None] = mapped_column(Text)
    hedges: Mapped[str] = mapped_column(Text, default="[]")
    reliability: Mapped[str] = mapped_column(String(1), default="F")
    credibility: Mapped[int] = mapped_column(default=6)
    # "rule" (found by ingest) or "analyst" (made, split or merged by hand).
    origin: Mapped[str] = mapped_column(String, server_default="rule")
    # The analyst's grade for this claim alone (NULL: the source's grade applies).
    reliability_override: Mapped[str | None] = mapped_column(String(1))
    __table_args__ = (
        CheckConstraint("credibility BETWEEN 1 AND 6", name="credibility_range"),
        CheckConstraint("reliability IN ('A','B','C','D','E','F')", name="reliability_grade"),
        Index("ix_claims_document_order", "document_id", "start"),
        Index("ix_claims_hedged", "id", sqlite_where=sql_text(hedged())),
    )


class ThemeRow(Base):
    """A theme of the taxonomy (kept in step with ``resources/themes.toml``)."""

    __tablename__ = "themes"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True)
    label: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str] = mapped_column(String, default="#888888")
    ord: Mapped[int] = mapped_column(Integer, default=0)


class ClaimThemeRow(Base):
    """A claim filed under a theme, by a rule or by an analyst."""

    __tablename__ = "claim_themes"
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True
    )
    is_primary: Mapped[bool] = mapped_column(default=False)
    origin: Mapped[str] = mapped_column(String, default="rule")
    why: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (
        CheckConstraint("origin IN ('rule','analyst')", name="origin_kind"),
        Index("ix_claim_themes_theme", "theme_id", "claim_id"),
    )


class EntityRow(Base):
    """A named person, group, place or country, by its canonical name."""

    __tablename__ = "entities"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String)


class EntityAliasRow(Base):
    """Another name an entity goes by (HTS for Hayat Tahrir al Sham)."""

    __tablename__ = "entity_aliases"
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
    )
    alias: Mapped[str] = mapped_column(Text, primary_key=True)


class MentionRow(Base):
    """An entity named in a claim, with its span in the document text."""

    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column()
    end: Mapped[int] = mapped_column()
    __table_args__ = (
        Index("ix_mentions_claim", "claim_id"),
        Index("ix_mentions_entity", "entity_id", "claim_id"),
    )


class NoteRow(Base):
    """An analyst's note on a claim; deletion is soft."""

    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="RESTRICT"))
    body: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column()
    updated: Mapped[datetime] = mapped_column()
    deleted: Mapped[datetime | None] = mapped_column()
    # A note attached to a passage: its span in the document text (NULL: the whole claim).
    anchor_start: Mapped[int | None] = mapped_column()
    anchor_end: Mapped[int | None] = mapped_column()
    # Who wrote the current text (NULL: before schema 0011).
    analyst: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_notes_claim", "claim_id"), Index("ix_notes_analyst", "analyst"))


class DismissedClaimRow(Base):
    """A claim the analyst marked "not a claim": out of the claim views until shown again."""

    __tablename__ = "dismissed_claims"
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    dismissed: Mapped[datetime] = mapped_column()


class BulkIndexingRow(Base):
    """A row while an import indexes its claims at once (SQLite's trigger skips them)."""

    __tablename__ = "bulk_indexing"
    active: Mapped[int] = mapped_column(primary_key=True)


class SpeakerRow(Base):
    """A person or body quoted by claims, with its reliability grade (Admiralty A-F)."""

    __tablename__ = "speakers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    reliability: Mapped[str] = mapped_column(String(1), server_default="F")


class NoteRevisionRow(Base):
    """An earlier text of a note."""

    __tablename__ = "note_revisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="RESTRICT"))
    body: Mapped[str] = mapped_column(Text)
    saved: Mapped[datetime] = mapped_column()
    # Who wrote this text (NULL: before schema 0011).
    analyst: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_note_revisions_note", "note_id"),)


class ClaimHistoryRow(Base):
    """One analyst change of a claim's filing or grading: who, when, what (never deleted).

    The claim's current filings and grades are in their own tables, the last write
    winning; this is the record of every write.
    """

    __tablename__ = "claim_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String)
    detail: Mapped[str] = mapped_column(Text)
    analyst: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column()
    __table_args__ = (
        Index("ix_claim_history_claim", "claim_id", "id"),
        Index("ix_claim_history_analyst", "analyst", "claim_id"),
    )


class SavedSearchRow(Base):
    """A query the analyst saved under a name."""

    __tablename__ = "saved_searches"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    query: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column()
