"""The export formats, by name: a module of its own, so that parsing a command loads no export."""

from __future__ import annotations

# Written as a stream by briefing_app.services.export.
FORMATS = ("json", "md", "csv", "html")
# The HTML report laid out by Qt: written by the ui layer (briefing_app.ui.reports.pdf).
PDF = "pdf"
ALL_FORMATS = (*FORMATS, PDF)
