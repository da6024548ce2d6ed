"""Asking which claims to export: the current view, the selection or the whole library."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from briefing_app.domain.library import ClaimFilter, ExportScope
from briefing_app.services.export_scope import describe_scope
from briefing_app.services.library import Library

WHOLE_LIBRARY = "Whole library"


def scope_choices(
    library: Library, claim_filter: ClaimFilter, query: str, selected_ids: list[int]
) -> list[tuple[str, ExportScope]]:
    """Return the scopes worth offering, each with its label: view, selection, library.

    The view is offered when it is narrower than the library (a theme, a
    document, a special view or a query), the selection when claims are selected.
    """
    choices: list[tuple[str, ExportScope]] = []
    view = ExportScope.view(claim_filter, query)
    if view.kind == "view":
        choices.append((describe_scope(library, view), view))
    if selected_ids:
        selection = ExportScope.selection(selected_ids)
        choices.append((describe_scope(library, selection), selection))
    choices.append((WHOLE_LIBRARY, ExportScope()))
    return choices


def ask_export_scope(
    parent: QWidget | None,
    library: Library,
    claim_filter: ClaimFilter,
    query: str,
    selected_ids: list[int],
) -> ExportScope | None:
    """Ask which claims to export; return the scope, or None if the user cancelled.

    With nothing narrower than the library to offer, the library is returned
    without asking.
    """
    choices = scope_choices(library, claim_filter, query, selected_ids)
    if len(choices) == 1:
        return choices[0][1]
    labels = [label for label, _ in choices]
    chosen, ok = QInputDialog.getItem(parent, "Export", "Export which claims?", labels, 0, False)
    if not ok:
        return None
    return next((scope for label, scope in choices if label == chosen), None)
