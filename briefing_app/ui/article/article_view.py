"""The article view: the whole document as plain text, the selected claim marked.

Offsets in the store are code points, QTextDocument positions are UTF-16
units; ``OffsetMap`` converts at this edge. The text goes in with
``setPlainText`` and links are never followed, so an article holding HTML shows
its characters.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QMouseEvent,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QWidget

from briefing_app.domain.library import Claim, DocumentText
from briefing_app.typing_compat import override
from briefing_app.ui.article.text_offsets import OffsetMap

CLAIM_ALPHA = 85
# Search words in the article: the same warm yellow as in the claims list.
TERM_COLOUR = "#ffe08a"


class ArticleView(QTextBrowser):
    """Read-only document view; emits ``claim_clicked(id)`` when a sentence is clicked."""

    claim_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAccessibleName("Article")
        self.setPlaceholderText("The article of the selected claim appears here.")
        self._document: DocumentText | None = None
        self._offsets = OffsetMap("")
        self._claims: list[Claim] = []
        self._claim: Claim | None = None
        self._term_spans: list[tuple[int, int]] = []
        # Adds entries to the context menu, given the code point offset clicked.
        self.menu_extender: Callable[[QMenu, int], None] | None = None

    def document_text(self) -> str:
        """Return the text of the document shown ("" for none)."""
        return self._document.text if self._document else ""

    def mark_terms(self, spans: list[tuple[int, int]]) -> None:
        """Mark the search's words at these code-point spans (over the claim mark)."""
        self._term_spans = list(spans)
        self.highlight_claim(self._claim, scroll=False)

    def term_ranges(self) -> list[tuple[int, int]]:
        """Return the UTF-16 ranges marked as search words."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd())
            for s in self.extraSelections()[1 if self._claim_marked() else 0 :]
        ]

    def _claim_marked(self) -> bool:
        return self._claim is not None and self._claim.document_id == self.document_id()

    def document_id(self) -> int | None:
        """Return the id of the document shown."""
        return self._document.info.id if self._document else None

    def show_document(self, document: DocumentText | None, claims: list[Claim]) -> None:
        """Show ``document`` (its ``claims`` make sentences clickable)."""
        self._document, self._claims, self._claim = document, list(claims), None
        self._term_spans = []
        self.setExtraSelections([])
        if document is None:
            self._offsets = OffsetMap("")
            self.clear()
            return
        self._offsets = OffsetMap(document.text)
        self.setPlainText(document.text)
        self._format_paragraphs(document)

    def refresh_formats(self) -> None:
        """Lay the document out again in the current palette, keeping the marked claim."""
        claim = self._claim
        if self._document is not None:
            self.show_document(self._document, self._claims)
            self.highlight_claim(claim)

    def _format_paragraphs(self, document: DocumentText) -> None:
        muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        spacing = QTextBlockFormat()
        spacing.setBottomMargin(6)
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(spacing)
        for paragraph in document.paragraphs:
            char_format = QTextCharFormat()
            if paragraph.kind == "boilerplate":
                char_format.setForeground(muted)
                char_format.setFontItalic(True)
            elif paragraph.kind == "title":
                char_format.setFontWeight(QFont.Weight.Bold)
                char_format.setFontPointSize(self.font().pointSizeF() * 1.25)
            elif paragraph.kind == "byline":
                char_format.setForeground(muted)
            else:
                continue
            cursor.setPosition(self._offsets.to_utf16(paragraph.start))
            end = self._offsets.to_utf16(paragraph.end)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(char_format)

    def highlight_claim(self, claim: Claim | None, *, scroll: bool = True) -> None:
        """Mark ``claim`` in the text (and the search's words) and scroll it into view."""
        self._claim = claim
        terms = self._term_selections()
        if claim is None or self._document is None or claim.document_id != self.document_id():
            self.setExtraSelections(terms)
            return
        start, end = self._offsets.to_utf16(claim.start), self._offsets.to_utf16(claim.end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        primary = claim.primary_theme
        palette = self.palette()
        colour = QColor(primary.colour) if primary else palette.color(QPalette.ColorRole.Highlight)
        colour.setAlpha(CLAIM_ALPHA)
        char_format = QTextCharFormat()
        char_format.setBackground(colour)
        marked = QTextEdit.ExtraSelection()
        marked.cursor = cursor
        marked.format = char_format
        self.setExtraSelections([marked, *terms])
        if scroll:
            self._scroll_to(start, end)

    def _term_selections(self) -> list[QTextEdit.ExtraSelection]:
        char_format = QTextCharFormat()
        char_format.setBackground(QColor(TERM_COLOUR))
        char_format.setForeground(QColor("black"))
        selections = []
        for start, end in self._term_spans:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._offsets.to_utf16(start))
            cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = char_format
            selections.append(selection)
        return selections

    def highlighted_range(self) -> tuple[int, int] | None:
        """Return the UTF-16 range marked as the selected claim."""
        selections = self.extraSelections()
        if not selections or not self._claim_marked():
            return None
        cursor = selections[0].cursor
        return cursor.selectionStart(), cursor.selectionEnd()

    def _scroll_to(self, start: int, end: int) -> None:
        """Bring the claim into view a quarter down the viewport, with context above it."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        self.setTextCursor(cursor)
        top = self.cursorRect(cursor).top()
        cursor.setPosition(end)
        bottom = self.cursorRect(cursor).bottom()
        height = self.viewport().height()
        margin = height // 4 if bottom - top < height * 3 // 4 else 0
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + top - margin)

    def claim_at_position(self, utf16: int) -> Claim | None:
        """Return the claim whose sentence covers document position ``utf16``."""
        return self.claim_at_offset(self._offsets.to_code_points(utf16))

    def claim_at_offset(self, offset: int) -> Claim | None:
        """Return the claim whose sentence covers code point ``offset``."""
        return next((c for c in self._claims if c.start <= offset < c.end), None)

    def selected_span(self) -> tuple[int, int]:
        """Return the selection as code point offsets (start == end: nothing selected)."""
        cursor = self.textCursor()
        to_code_points = self._offsets.to_code_points
        return to_code_points(cursor.selectionStart()), to_code_points(cursor.selectionEnd())

    def select_span(self, start: int, end: int) -> None:
        """Select code points ``start`` to ``end`` (as a mouse drag would)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def forget_document(self) -> None:
        """Show nothing until the next ``show_document`` (its claims changed)."""
        self.show_document(None, [])

    def context_menu(self, utf16: int) -> QMenu:
        """Return the context menu for document position ``utf16`` (copy, then corrections)."""
        menu = self.createStandardContextMenu()
        if self.menu_extender is not None and self._document is not None:
            self.menu_extender(menu, self._offsets.to_code_points(utf16))
        return menu

    @override
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        position = self.cursorForPosition(event.pos()).position()
        menu = self.context_menu(position)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    @override
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        claim = self.claim_at_position(position)
        if claim is not None and (self._claim is None or claim.id != self._claim.id):
            self.claim_clicked.emit(claim.id)
