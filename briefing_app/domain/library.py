"""What the library hands to its callers: plain, detached values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Theme:
    """One theme of the taxonomy."""

    key: str
    label: str
    description: str
    colour: str
    order: int


@dataclass(frozen=True, slots=True)
class ThemeCount:
    """A theme with the number of claims filed under it."""

    theme: Theme
    count: int


@dataclass(frozen=True, slots=True)
class ClaimTheme:
    """A claim's filing under one theme."""

    key: str
    label: str
    colour: str
    is_primary: bool
    origin: str
    why: str


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A stored document without its text."""

    id: int
    title: str
    outlet: str | None
    published: str | None
    sha256: str
    file_name: str
    claim_count: int
    byline: str | None = None
    url: str | None = None
    language: str | None = None
    # Why the document lies outside the taxonomy's scope (None: it is in scope).
    scope_note: str | None = None


# The details of a document the analyst can edit, in the order the dialog shows them.
DOCUMENT_FIELDS = ("title", "outlet", "published", "byline", "url", "language")


@dataclass(frozen=True, slots=True)
class DocumentEdit:
    """A document's editable details: as typed (blank: not given), or as stored (None).

    ``outlet`` names the source; ``byline`` is the author; ``published`` an ISO 8601 date.
    """

    title: str
    outlet: str | None = None
    published: str | None = None
    byline: str | None = None
    url: str | None = None
    language: str | None = None

    @classmethod
    def of(cls, info: DocumentInfo) -> DocumentEdit:
        """Return a stored document's details."""
        return cls(info.title, info.outlet, info.published, info.byline, info.url, info.language)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A numbered line of a stored document."""

    index: int
    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class DocumentText:
    """A stored document with its full text and structure."""

    info: DocumentInfo
    text: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim with its source annotations."""

    id: int
    document_id: int
    text: str
    paragraph: int
    sentence: int
    start: int
    end: int
    prefix: str
    suffix: str
    attribution: str | None
    hedges: tuple[str, ...]
    entities: tuple[str, ...]
    themes: tuple[ClaimTheme, ...]
    reliability: str
    credibility: int
    note_count: int
    outlet: str | None
    document_title: str
    published: str | None
    # Why the claim's document lies outside the taxonomy (None: in scope).
    scope_note: str | None = None
    # Whose reliability grade applies: the quoted speaker, else the outlet (None: unknown).
    graded_source: str | None = None
    # True when the analyst graded this claim's reliability on its own.
    reliability_overridden: bool = False
    # "rule" (found by ingest) or "analyst" (made, split or merged by hand).
    origin: str = "rule"
    # The latest filing or grading change an analyst made (None: none recorded).
    last_change: ClaimChange | None = None

    @property
    def grade_origin(self) -> str:
        """Return whose reliability grade the claim carries.

        "claim" (graded on its own), "quoted" (the speaker it quotes), "outlet" (its
        document's outlet) or "unknown" (no source is known).
        """
        if self.reliability_overridden:
            return "claim"
        if self.graded_source is None:
            return "unknown"
        return "quoted" if self.attribution == self.graded_source else "outlet"

    @property
    def primary_theme(self) -> ClaimTheme | None:
        """Return the theme the claim is filed under first, if any."""
        return next((t for t in self.themes if t.is_primary), None)

    @property
    def is_hedged(self) -> bool:
        """Return True when the claim's wording signals uncertainty."""
        return bool(self.hedges)


@dataclass(frozen=True, slots=True)
class Note:
    """An analyst's note on a claim."""

    id: int
    claim_id: int
    body: str
    created: datetime
    updated: datetime
    deleted: datetime | None
    analyst: str | None = None  # who wrote the current text (None: not recorded)


@dataclass(frozen=True, slots=True)
class NoteEdit:
    """A note as an edit saved it, and a colleague's text the edit overtook, if any.

    ``overtaken`` is the text someone else saved after the editor last loaded or
    saved the note: it is kept as the note's previous revision, and its author
    should be told.
    """

    note: Note
    overtaken: str | None = None


@dataclass(frozen=True, slots=True)
class NoteRevision:
    """An earlier text of a note, kept when the note was changed."""

    id: int
    note_id: int
    body: str
    saved: datetime
    analyst: str | None = None  # who wrote this text (None: not recorded)


@dataclass(frozen=True, slots=True)
class ClaimChange:
    """One analyst change of a claim's filing or grading, as the claim's history keeps it."""

    action: str  # "filed", "moved", "unfiled", "filings restored", "graded"
    detail: str
    analyst: str
    at: datetime


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What importing one file did."""

    file_name: str
    document_id: int
    title: str
    claims: int
    already_present: bool
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A claim matched by a search, with a snippet and how it matched."""

    claim: Claim
    snippet: str
    via_note: bool


@dataclass(frozen=True, slots=True)
class SearchMatches:
    """The ids a query found, best first, without loading the claims."""

    query: str
    ids: tuple[int, ...]
    via_note: frozenset[int]
    total: int
    hints: tuple[str, ...]
    ranked: bool = False  # the ids come most relevant first (else in list order)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The claims a query found, plus hints about parts it could not use."""

    query: str
    hits: tuple[SearchHit, ...]
    total: int
    hints: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims a list shows: a theme key and/or one of the special views."""

    theme: str | None = None
    document_id: int | None = None
    # A saved search's query: only claims it matches.
    query: str | None = None
    with_notes: bool = False
    hedged: bool = False
    unfiled: bool = False
    # The claims the analyst marked "not a claim" (every other view leaves them out).
    dismissed: bool = False


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A query the analyst saved under a name."""

    id: int
    name: str
    query: str


@dataclass(frozen=True, slots=True)
class ExportScope:
    """Which claims an export holds: the whole library, a view, or a selection.

    A view is the navigator's filter plus the query typed in the search box; a
    selection is a list of claim ids (it wins over the filter and the query).
    The default is the whole library.
    """

    claim_filter: ClaimFilter = ClaimFilter()
    query: str | None = None
    claim_ids: tuple[int, ...] | None = None

    @classmethod
    def view(cls, claim_filter: ClaimFilter, query: str | None = None) -> ExportScope:
        """Return the scope of what a list shows: a filter and a query (blank: none)."""
        return cls(claim_filter=claim_filter, query=query if query and query.strip() else None)

    @classmethod
    def selection(cls, claim_ids: list[int] | tuple[int, ...]) -> ExportScope:
        """Return the scope of these claims (each once, in the order given)."""
        return cls(claim_ids=tuple(dict.fromkeys(claim_ids)))

    @property
    def kind(self) -> str:
        """Return "selection", "view" or "library" (a view with no filter and no query)."""
        if self.claim_ids is not None:
            return "selection"
        if self.claim_filter == ClaimFilter() and not self.query:
            return "library"
        return "view"


# How the Briefings list is sorted: newest first (published, else imported), or by outlet.
NEWEST_FIRST, BY_OUTLET = "date", "outlet"


@dataclass(frozen=True, slots=True)
class DocumentListing:
    """A document as the Briefings list shows it: one row, without its text."""

    id: int
    title: str
    outlet: str | None
    published: str | None  # as the document gives it (ISO 8601)
    imported: str  # when it was imported (UTC, ``YYYY-MM-DD HH:MM:SS``)
    claim_count: int
    unread: bool  # never opened in the window
    analyst: str | None = None  # who imported it (None: not recorded)

    @property
    def date(self) -> str:
        """Return the day the list shows and sorts by: published, else imported."""
        return (self.published or self.imported)[:10]
