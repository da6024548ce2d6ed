"""A claim as a quote with its source, for the clipboard: plain text and HTML."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QMimeData

from briefing_app.domain.library import Claim
from briefing_app.ui.claims.source_card import published_text


def source_line(claim: Claim) -> str:
    """Return where the claim comes from: outlet, title, date, paragraph and claim id."""
    outlet = claim.outlet or "Outlet not known"
    date = published_text(claim.published)
    return f"{outlet}, “{claim.document_title}”, {date}, ¶{claim.paragraph} (claim {claim.id})"


def citation_text(claim: Claim) -> str:
    """Return the claim quoted, with its source on the next line (plain text)."""
    return f"“{claim.text}”\n— {source_line(claim)}"


def citation_html(claim: Claim) -> str:
    """Return the claim as a block quote followed by its source (HTML, text escaped)."""
    outlet = escape(claim.outlet or "Outlet not known")
    title, date = escape(claim.document_title), escape(published_text(claim.published))
    return (
        f"<blockquote>{escape(claim.text)}</blockquote>"
        f"<p>— {outlet}, <cite>{title}</cite>, {date}, ¶{claim.paragraph}"
        f" (claim {claim.id})</p>"
    )


def citation_mime(claim: Claim) -> QMimeData:
    """Return the clipboard data of a claim's citation, as plain text and as HTML."""
    data = QMimeData()
    data.setText(citation_text(claim))
    data.setHtml(citation_html(claim))
    return data
