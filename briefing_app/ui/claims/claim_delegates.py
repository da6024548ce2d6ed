"""Painting the claims list: claim text on two elided lines with matches marked, theme chips."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from briefing_app.domain.library import Claim, ClaimTheme
from briefing_app.search.highlight import Marks
from briefing_app.typing_compat import override
from briefing_app.ui.article.text_offsets import OffsetMap
from briefing_app.ui.claims.claim_table_model import ClaimTableModel

AnyIndex = QModelIndex | QPersistentModelIndex

TEXT_LINES = 2
# A claim whose first search match lies past its two lines is shown from a few words
# before the match ("… words before **match** …"), so that the match is seen.
MATCH_LEAD_CHARS = 40
ELLIPSIS = "…"
PADDING = 6
MATCH_COLOUR = QColor(255, 200, 0, 110)


def _draw_background(
    option: QStyleOptionViewItem, index: AnyIndex, painter: QPainter, delegate: QStyledItemDelegate
) -> QStyleOptionViewItem:
    """Draw the row's panel (selection, hover, focus) without text; return the option used."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.text = ""
    style = opt.widget.style() if opt.widget else None
    if style is not None:
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
    return opt


def claim_of(index: AnyIndex) -> Claim | None:
    """Return the claim of a row straight from the model.

    Not through ``index.data()``: PySide6 6.12 on Python 3.11 drops a reference to
    None each time that returns an empty value, and delegates ask on every paint.
    """
    model = index.model()
    return model.claim_at(index.row()) if isinstance(model, ClaimTableModel) else None


def _text_colour(opt: QStyleOptionViewItem) -> QColor:
    selected = bool(opt.state & QStyle.StateFlag.State_Selected)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    return opt.palette.color(role)


class ClaimTextDelegate(QStyledItemDelegate):
    """Draws the claim on up to two lines, elided at the end, with search matches marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._marks = Marks()

    def set_query(self, query: str) -> None:
        """Mark the words this query matches (the same marks as the article's)."""
        self._marks = Marks(query)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Return the code-point spans of ``text`` that are marked."""
        return self._marks.spans(text)

    @override
    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(320, metrics.lineSpacing() * TEXT_LINES + 2 * PADDING)

    @override
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        claim = claim_of(index)
        text = claim.text if claim is not None else ""
        painter.save()
        opt = _draw_background(option, index, painter, self)
        rect = QRectF(opt.rect.adjusted(PADDING, PADDING // 2, -PADDING, -(PADDING // 2)))
        painter.setPen(_text_colour(opt))
        painter.setClipRect(opt.rect)
        self._draw_text(painter, text, opt.font, rect)
        painter.restore()

    def _formats(self, text: str, shift: int = 0) -> list[QTextLayout.FormatRange]:
        offsets = OffsetMap(text)
        ranges = []
        for start, end in self._marks.spans(text):
            match = QTextLayout.FormatRange()
            match.start = offsets.to_utf16(start) - shift
            match.length = offsets.to_utf16(end) - offsets.to_utf16(start)
            char_format = QTextCharFormat()
            char_format.setBackground(MATCH_COLOUR)
            char_format.setFontWeight(QFont.Weight.Bold)
            match.format = char_format
            ranges.append(match)
        return ranges

    def shown_text(self, text: str, font: QFont, width: float) -> str:
        """Return the text as drawn, spaces and line ends folded.

        A text whose first match lies past the lines shown starts a little before it.
        """
        text = " ".join(text.split())
        lines_end = self._visible_end(text, font, width)
        spans = self._marks.spans(text)
        if spans and lines_end is not None and spans[0][0] >= lines_end:
            return ELLIPSIS + from_before(text, spans[0][0])
        return text

    def _draw_text(self, painter: QPainter, text: str, font: QFont, rect: QRectF) -> None:
        text = self.shown_text(text, font, rect.width())
        layout = QTextLayout(text, font)
        layout.setTextOption(QTextOption(Qt.AlignmentFlag.AlignLeft))
        option = layout.textOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.setFormats(self._formats(text))
        layout.beginLayout()
        lines: list[QTextLine] = []
        while len(lines) < TEXT_LINES:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(rect.width())
            lines.append(line)
        layout.endLayout()
        height = sum(line.height() for line in lines)
        top = rect.top() + max(0.0, (rect.height() - height) / 2)
        last = lines[-1] if lines else None
        overflow = (
            last is not None
            and last.textStart() + last.textLength() < len(text.encode("utf-16-le")) // 2
        )
        for line in lines:
            if line is last and overflow:
                self._draw_elided_line(painter, text, line.textStart(), font, rect, top)
            else:
                line.draw(painter, QPointF(rect.left(), top))
            top += line.height()

    @staticmethod
    def _visible_end(text: str, font: QFont, width: float) -> int | None:
        """Return where the text shown on the delegate's lines ends (None: it all shows)."""
        layout = QTextLayout(text, font)
        option = layout.textOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        end = 0
        for _ in range(TEXT_LINES):
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            end = line.textStart() + line.textLength()
        layout.endLayout()
        shown = OffsetMap(text).to_code_points(end)
        return None if shown >= len(text) else max(0, shown - 3)  # the ellipsis takes room

    def _draw_elided_line(
        self, painter: QPainter, text: str, utf16_start: int, font: QFont, rect: QRectF, top: float
    ) -> None:
        start = OffsetMap(text).to_code_points(utf16_start)
        elided = QFontMetrics(font).elidedText(
            text[start:], Qt.TextElideMode.ElideRight, int(rect.width())
        )
        tail = QTextLayout(elided, font)
        visible = len(elided.encode("utf-16-le")) // 2 - (1 if elided.endswith(ELLIPSIS) else 0)
        formats = []
        for mark in self._formats(text[start:]):  # marks stop where the ellipsis starts
            if mark.start < visible:
                mark.length = min(mark.length, visible - mark.start)
                formats.append(mark)
        tail.setFormats(formats)
        tail.beginLayout()
        line = tail.createLine()
        line.setLineWidth(rect.width() + 50)
        tail.endLayout()
        line.draw(painter, QPointF(rect.left(), top))


def from_before(text: str, position: int) -> str:
    """Return ``text`` from the start of a word about MATCH_LEAD_CHARS before ``position``."""
    lead = max(0, position - MATCH_LEAD_CHARS)
    space = text.find(" ", lead, position)
    return text[space + 1 if space >= 0 else lead :]


class DocumentTitleDelegate(ClaimTextDelegate):
    """Draws the title of the claim's document on up to two lines, a little smaller."""

    @override
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        claim = claim_of(index)
        painter.save()
        opt = _draw_background(option, index, painter, self)
        rect = QRectF(opt.rect.adjusted(PADDING, PADDING // 2, -(PADDING // 2), -(PADDING // 2)))
        font = QFont(opt.font)
        font.setPointSizeF(opt.font.pointSizeF() * 0.9)
        painter.setPen(_text_colour(opt))
        painter.setClipRect(opt.rect)
        self._draw_text(painter, claim.document_title if claim else "", font, rect)
        painter.restore()


class ThemeChipDelegate(QStyledItemDelegate):
    """Draws a claim's themes as coloured chips: the primary filled, the others outlined."""

    @override
    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        claim = claim_of(index)
        metrics = QFontMetrics(option.font)
        themes = claim.themes if isinstance(claim, Claim) else ()
        width = sum(self._chip_width(option.font, t) + 4 for t in themes) + 2 * PADDING
        return QSize(max(width, 90), metrics.height() + 2 * PADDING)

    @staticmethod
    def _chip_font(font: QFont, theme: ClaimTheme) -> QFont:
        chip_font = QFont(font)
        chip_font.setBold(theme.is_primary)
        return chip_font

    def _chip_width(self, font: QFont, theme: ClaimTheme) -> int:
        return QFontMetrics(self._chip_font(font, theme)).horizontalAdvance(theme.label) + 16

    @override
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        claim = claim_of(index)
        painter.save()
        opt = _draw_background(option, index, painter, self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(opt.rect)
        rect: QRect = opt.rect.adjusted(PADDING, 0, -PADDING, 0)
        if not isinstance(claim, Claim) or not claim.themes:
            font = QFont(opt.font)
            font.setItalic(True)
            painter.setFont(font)
            painter.setPen(_text_colour(opt))
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, "Unfiled")
            painter.restore()
            return
        self._draw_chips(painter, opt, claim.themes, rect)
        painter.restore()

    def _draw_chips(
        self,
        painter: QPainter,
        opt: QStyleOptionViewItem,
        themes: tuple[ClaimTheme, ...],
        rect: QRect,
    ) -> None:
        metrics = QFontMetrics(opt.font)
        chip_height = metrics.height() + 6
        top = rect.top() + (rect.height() - chip_height) / 2
        x = float(rect.left())
        for number, theme in enumerate(themes):
            width = self._chip_width(opt.font, theme)
            remaining = len(themes) - number
            if x + width > rect.right() and remaining:
                painter.setPen(_text_colour(opt))
                painter.drawText(
                    QRectF(x, top, rect.right() - x, chip_height),
                    Qt.AlignmentFlag.AlignVCenter,
                    f"+{remaining}",
                )
                return
            chip = QRectF(x, top, width, chip_height)
            colour = QColor(theme.colour)
            font = self._chip_font(opt.font, theme)
            if theme.is_primary:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                text_colour = QColor("white")
            else:
                painter.setPen(QPen(colour, 1.5))
                fill = QColor(colour)
                fill.setAlpha(40)
                painter.setBrush(fill)
                text_colour = _text_colour(opt)
            painter.drawRoundedRect(chip.adjusted(0.5, 0.5, -0.5, -0.5), 7, 7)
            painter.setFont(font)
            painter.setPen(text_colour)
            label = QFontMetrics(font).elidedText(
                theme.label, Qt.TextElideMode.ElideRight, int(width) - 10
            )
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
            x += width + 4
