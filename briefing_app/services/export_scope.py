"""The claims an export holds (its :class:`ExportScope`), read a page at a time.

A view without words (a theme, a document, "with notes"...) is read from the
store in pages, as the whole library is. A view with words (a typed query, a
saved search) or a selection is a list of at most ``SCOPE_LIMIT`` claim ids
(as the window lists them), sorted once. Either way an export holds one page
of claims at a time, plus the ids of a search or selection.

Reports read their claims source by source, in the library's order of
documents (S1, S2...), each document in reading order, whatever order the
window lists claims in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from briefing_app.domain.errors import UsageError
from briefing_app.domain.library import Claim, ClaimFilter, DocumentInfo, ExportScope, Note
from briefing_app.services.export_pages import claim_pages, id_pages, with_notes
from briefing_app.services.library import SAVED_SEARCH_LIMIT, Library

# A search or a saved search exports as many claims as the window lists.
SCOPE_LIMIT = SAVED_SEARCH_LIMIT
UNFILED_LABEL = "Unfiled"


@dataclass(slots=True)
class DocumentTally:
    """A source document of the export: its number (S1, S2...) and what the scope holds of it."""

    info: DocumentInfo
    number: int = 0
    title: str = ""
    claims: int = 0
    notes: int = 0
    grades: Counter[str] = field(default_factory=Counter)
    # The grades of the claims graded as the outlet's own (not a speaker's, not overridden).
    outlet_grades: Counter[str] = field(default_factory=Counter)
    # Claims per report section (see ScopeSummary.sections).
    sections: Counter[str | None] = field(default_factory=Counter)


@dataclass(slots=True)
class ScopeSummary:
    """Counts over the scope's claims, read once before the report is written."""

    claims: int = 0
    notes: int = 0
    documents: dict[int, DocumentTally] = field(default_factory=dict)
    # Claims per report section: the theme a claim is shown under (None: unfiled).
    sections: Counter[str | None] = field(default_factory=Counter)
    # Claims filed under each theme, as primary or not (the JSON "themes" counts).
    filed: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class Section:
    """A part of a report: a theme (or the unfiled claims) and how many claims it shows."""

    key: str | None
    label: str
    count: int


class ScopedClaims:
    """The claims of one export scope, read a page at a time, in document order."""

    def __init__(self, library: Library, scope: ExportScope) -> None:
        self.library, self.scope = library, scope
        self.themes = library.themes()
        self._rank = {theme.key: number for number, theme in enumerate(self.themes)}
        self._by_words = scope.kind == "selection" or bool(scope.query or scope.claim_filter.query)
        self._ids: list[int] = []
        self._runs: dict[int, tuple[int, int]] = {}
        self._summary: ScopeSummary | None = None
        self._titles: dict[int, str] = {}

    def section_of(self, claim: Claim) -> str | None:
        """Return the theme a claim is shown under: its primary theme, else its first."""
        primary = claim.primary_theme
        if primary is not None:
            return primary.key
        keys = sorted((t.key for t in claim.themes), key=lambda k: self._rank.get(k, len(k)))
        return keys[0] if keys else None

    def full_title(self, document_id: int, title: str) -> str:
        """Return a document's title in full.

        A document without a headline is titled by its first sentence, cut at
        80 characters with "…": a report gives the whole sentence.
        """
        if not title.endswith("…"):
            return title
        if document_id not in self._titles:
            first = self.library.claim_id_page(ClaimFilter(document_id=document_id), None, 1)
            claims = self.library.claims(list(first))
            text = claims[0].text if claims else ""
            whole = text.rstrip(".") if text.startswith(title[:-1]) else title
            self._titles[document_id] = whole
        return self._titles[document_id]

    def summary(self) -> ScopeSummary:
        """Return the counts over the scope (read once; a search's ids are ordered then)."""
        if self._summary is None:
            self._summary = self._count()
        return self._summary

    def sections(self) -> list[Section]:
        """Return the report's sections that hold claims: themes in order, then the unfiled."""
        counts = self.summary().sections
        found = [Section(t.key, t.label, counts[t.key]) for t in self.themes if counts[t.key]]
        return found + ([Section(None, UNFILED_LABEL, counts[None])] if counts[None] else [])

    def documents(self) -> list[DocumentInfo]:
        """Return the documents the scope holds claims of, in the library's order."""
        if self.scope.kind == "library":
            return self.library.documents()
        return [tally.info for tally in self.summary().documents.values()]

    def section_claims(self, key: str | None) -> Iterator[tuple[Claim, Iterable[Note]]]:
        """Yield the claims shown under a section with their notes, by source, in reading order."""
        narrow = ClaimFilter(theme=key) if key is not None else ClaimFilter(unfiled=True)

        def pages() -> Iterator[list[Claim]]:
            for document_id, tally in self.summary().documents.items():
                if tally.sections[key]:
                    for page in self.pages(replace(narrow, document_id=document_id)):
                        yield [claim for claim in page if self.section_of(claim) == key]

        return with_notes(self.library, pages())

    def document_claims(self, document_id: int) -> Iterator[tuple[Claim, Iterable[Note]]]:
        """Yield a document's claims in the scope, each with its notes, in reading order."""
        return with_notes(self.library, self.pages(ClaimFilter(document_id=document_id)))

    def all_claims(self) -> Iterator[tuple[Claim, Iterable[Note]]]:
        """Yield every claim of the scope with its notes, document by document."""
        documents = self.documents()
        pages = (p for info in documents for p in self.pages(ClaimFilter(document_id=info.id)))
        return with_notes(self.library, pages)

    def pages(self, narrow: ClaimFilter | None = None) -> Iterator[list[Claim]]:
        """Yield the scope's claims that also pass ``narrow``, a page at a time.

        ``narrow`` may name a theme, a document, or ask for the unfiled claims.
        """
        narrow = narrow or ClaimFilter()
        if self._by_words:
            self.summary()
            ids = self._ids
            if narrow.document_id is not None:
                start, end = self._runs.get(narrow.document_id, (0, 0))
                ids = ids[start:end]
            for page in id_pages(self.library, ids):
                yield [claim for claim in page if _passes(claim, narrow)]
            return
        base = self.scope.claim_filter
        if None not in (base.document_id, narrow.document_id) and (
            base.document_id != narrow.document_id
        ):
            return
        within = replace(
            base,
            theme=base.theme or narrow.theme,
            document_id=narrow.document_id if base.document_id is None else base.document_id,
            unfiled=base.unfiled or narrow.unfiled,
        )
        for page in claim_pages(self.library, within):
            yield [claim for claim in page if _passes(claim, narrow)]

    def _listed_ids(self) -> tuple[int, ...]:
        scope = self.scope
        if scope.claim_ids is not None:
            return tuple(dict.fromkeys(scope.claim_ids))
        if scope.query:
            found = self.library.search_ids(scope.query, SCOPE_LIMIT, scope.claim_filter)
            return found.ids
        return tuple(self.library.claim_ids(scope.claim_filter))

    def _count(self) -> ScopeSummary:
        summary = ScopeSummary()
        infos = self.library.documents()
        rank = {info.id: number for number, info in enumerate(infos)}
        keys: list[tuple[int, int, int, int]] = []
        pages = id_pages(self.library, self._listed_ids()) if self._by_words else self.pages()
        for page in pages:
            for claim in page:
                if self._by_words:
                    document = claim.document_id
                    keys.append((rank.get(document, -1), claim.start, claim.id, document))
                _tally(summary, claim, self.section_of(claim))
        # A search or a selection is read source by source, each in reading order.
        keys.sort()
        self._ids = [claim_id for _, _, claim_id, _ in keys]
        for index, (_, _, _, document_id) in enumerate(keys):
            start, _end = self._runs.get(document_id, (index, index))
            self._runs[document_id] = (start, index + 1)
        # The sources in the library's order, with their full details.
        ordered: dict[int, DocumentTally] = {}
        for info in infos:
            tally = summary.documents.get(info.id)
            if tally is not None:
                tally.info, tally.number = info, len(ordered) + 1
                tally.title = self.full_title(info.id, info.title)
                ordered[info.id] = tally
        summary.documents = ordered
        return summary


def _passes(claim: Claim, narrow: ClaimFilter) -> bool:
    if narrow.theme is not None and all(t.key != narrow.theme for t in claim.themes):
        return False
    if narrow.document_id is not None and claim.document_id != narrow.document_id:
        return False
    return not (narrow.unfiled and claim.themes)


def _tally(summary: ScopeSummary, claim: Claim, section: str | None) -> None:
    summary.claims += 1
    summary.notes += claim.note_count
    summary.sections[section] += 1
    summary.filed.update(t.key for t in claim.themes)
    tally = summary.documents.get(claim.document_id)
    if tally is None:
        placeholder = DocumentInfo(claim.document_id, claim.document_title, None, None, "", "", 0)
        tally = summary.documents[claim.document_id] = DocumentTally(placeholder)
    tally.claims += 1
    tally.notes += claim.note_count
    tally.grades[claim.reliability] += 1
    if claim.graded_source in (None, claim.outlet) and not claim.reliability_overridden:
        tally.outlet_grades[claim.reliability] += 1
    tally.sections[section] += 1


def scope_from_options(
    library: Library, query: str | None, theme: str | None, document: int | None
) -> ExportScope:
    """Return the scope of ``export --query --theme --document``.

    Raises:
        UsageError: the theme or the document is not in the library.
    """
    key = None
    if theme is not None:
        wanted = theme.strip().casefold()
        themes = library.themes()
        matches = [t.key for t in themes if wanted in (t.key.casefold(), t.label.casefold())]
        if not matches:
            known = ", ".join(t.key for t in themes)
            raise UsageError(f"There is no theme {theme!r}: use one of {known}.")
        key = matches[0]
    if document is not None and all(info.id != document for info in library.documents()):
        raise UsageError(
            f"There is no document {document} in this library: "
            "'briefing-app export' lists each document's id in its JSON."
        )
    return ExportScope.view(ClaimFilter(theme=key, document_id=document), query)


def describe_scope(library: Library, scope: ExportScope) -> str:
    """Return the scope in words, e.g. "Current view (theme “The offensive”, search “homs”)"."""
    if scope.kind == "library":
        return "Whole library"
    if scope.claim_ids is not None:
        count = len(scope.claim_ids)
        return f"Selection of {count} claim{'s' if count != 1 else ''}"
    view = scope.claim_filter
    parts = []
    if view.theme is not None:
        labels = {t.key: t.label for t in library.themes()}
        parts.append(f"theme “{labels.get(view.theme, view.theme)}”")
    if view.document_id is not None:
        titles = {info.id: info.title for info in library.documents()}
        parts.append(f"document “{titles.get(view.document_id, view.document_id)}”")
    flags = [("claims with notes", view.with_notes), ("hedged claims", view.hedged)]
    flags += [("unfiled claims", view.unfiled), ("claims marked not a claim", view.dismissed)]
    parts += [name for name, on in flags if on]
    if view.query is not None:
        parts.append(f"saved search “{view.query}”")
    if scope.query:
        parts.append(f"search “{scope.query}”")
    return f"Current view ({', '.join(parts)})" if parts else "Current view"


def scope_json(library: Library, scope: ExportScope) -> dict[str, object]:
    """Return the scope as the JSON export describes it (its top-level ``"scope"``)."""
    view = scope.claim_filter
    return {
        "kind": scope.kind,
        "description": describe_scope(library, scope),
        "query": scope.query,
        "theme": view.theme,
        "document": view.document_id,
        "saved_search": view.query,
        "with_notes": view.with_notes,
        "hedged": view.hedged,
        "unfiled": view.unfiled,
        "dismissed": view.dismissed,
        "claims": list(scope.claim_ids) if scope.claim_ids is not None else None,
    }
