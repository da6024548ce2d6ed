"""Painting the Briefings list: an unread dot, the title on two lines, outlet and date."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from briefing_app.domain.library import DocumentListing
from briefing_app.typing_compat import override
from briefing_app.ui.article.text_offsets import OffsetMap
from briefing_app.ui.navigator.briefings_model import ALL_LABEL, BriefingsModel, plural

UNREAD_MARK = "●"
TITLE_LINES = 2
TITLE_INDENT = 14  # room for the unread mark, so that every title starts at the same place
ROW_PADDING = 4

AnyIndex = QModelIndex | QPersistentModelIndex


def title_lines(title: str, font: QFont, width: int, lines: int = TITLE_LINES) -> list[str]:
    """Return ``title`` broken at word boundaries into at most ``lines`` lines, the last elided."""
    title = " ".join(title.split())
    offsets = OffsetMap(title)
    layout = QTextLayout(title, font)
    layout.beginLayout()
    broken: list[str] = []
    start = 0
    while len(broken) < lines - 1:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        end = offsets.to_code_points(line.textStart() + line.textLength())
        broken.append(title[start:end].rstrip())
        start = end
    layout.endLayout()
    rest = title[start:]
    if rest:
        elided = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
        broken.append(elided)
    return [line for line in broken if line]


def shown_date(listing: DocumentListing) -> str:
    """Return the date a row shows: the publication's, else the import's, said as such."""
    return listing.date if listing.published else f"added {listing.date}"


class BriefingDelegate(QStyledItemDelegate):
    """Paints a row: unread dot, title on up to two lines, claim count; outlet and date."""

    @override
    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        line = option.fontMetrics.lineSpacing()
        return QSize(160, line * TITLE_LINES + int(line * 0.9) + 2 * ROW_PADDING + 2)

    @override
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        # Rows are read from the model in Python, as in the theme navigator's delegate.
        model = index.model()
        if not isinstance(model, BriefingsModel):
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        listing = model.listing(index.row())
        if listing is None:
            title, outlet, date = ALL_LABEL, plural(model.total(), "briefing"), ""
            count, unread = "", False
        else:
            title, outlet, date = listing.title, listing.outlet or "", shown_date(listing)
            count, unread = str(listing.claim_count), listing.unread
        palette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_colour = palette.color(
            palette.ColorRole.HighlightedText if selected else palette.ColorRole.Text
        )
        muted = text_colour if selected else palette.color(palette.ColorRole.PlaceholderText)
        painter.save()
        rect = opt.rect.adjusted(4, ROW_PADDING, -8, -ROW_PADDING)
        font = QFont(opt.font)
        font.setBold(unread or listing is None)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        line = metrics.lineSpacing()
        first = QRect(rect.left(), rect.top(), rect.width(), line)
        if unread:
            painter.setPen(text_colour if selected else palette.color(palette.ColorRole.Link))
            painter.drawText(first, Qt.AlignmentFlag.AlignLeft, UNREAD_MARK)
        painter.setPen(muted)
        painter.drawText(first, Qt.AlignmentFlag.AlignRight, count)
        width = rect.width() - TITLE_INDENT - metrics.horizontalAdvance(count) - 8
        painter.setPen(text_colour)
        top = rect.top()
        for text in title_lines(title, font, width):
            painter.drawText(QRect(rect.left() + TITLE_INDENT, top, width, line), 0, text)
            top += line
        small = QFont(opt.font)
        small.setPointSizeF(opt.font.pointSizeF() * 0.9)
        small.setItalic(listing is not None and not listing.published)
        painter.setFont(small)
        painter.setPen(muted)
        second = QRect(rect.left() + TITLE_INDENT, top, rect.width() - TITLE_INDENT, line)
        painter.drawText(second, Qt.AlignmentFlag.AlignRight, date)
        room = second.width() - painter.fontMetrics().horizontalAdvance(date) - 8
        outlet = painter.fontMetrics().elidedText(outlet, Qt.TextElideMode.ElideRight, room)
        painter.drawText(second, Qt.AlignmentFlag.AlignLeft, outlet)
        painter.restore()
