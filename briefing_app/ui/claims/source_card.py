"""The source annotation card: where the selected claim comes from, and how far to trust it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.credibility import CREDIBILITY, RELIABILITY
from briefing_app.domain.library import Claim, ClaimChange, ClaimTheme
from briefing_app.ui.notes.note_list_model import local_time
from briefing_app.ui.plain_text import plain_label

OWN_ASSERTION = "reporter's own assertion"
OUTSIDE = "Outside the taxonomy: "
# English month names whatever the locale (dates are shown as documents write them).
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def published_text(published: str | None) -> str:
    """Return an ISO 8601 date of publication as a reader writes it ("6 December 2024, 15:14")."""
    if not published:
        return "Date not given"
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published
    day = f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    if "T" not in published:
        return day
    offset = moment.strftime("%z")
    zone = f" (UTC{offset[:3]}:{offset[3:]})" if offset else ""
    return f"{day}, {moment:%H:%M}{zone}"


def graded_source_text(claim: Claim) -> str:
    """Return whose reliability grade the claim shows ("Reliability of Reuters")."""
    return {
        "claim": "Reliability of this claim alone",
        "unknown": "Reliability of an unknown source",
        "quoted": f"Reliability of {claim.graded_source} (quoted)",
        "outlet": f"Reliability of {claim.graded_source}{_speaker_ungraded(claim)}",
    }[claim.grade_origin]


def _speaker_ungraded(claim: Claim) -> str:
    """Return a note that the speaker a claim quotes has no grade yet (its outlet's applies)."""
    if not claim.attribution:
        return ""
    return f", the outlet ({claim.attribution}, quoted, not graded yet)"


def origin_text(theme: ClaimTheme) -> str:
    """Return who filed the claim under ``theme`` and why, in words."""
    if theme.origin == "analyst":
        return "filed by an analyst"
    return f"rule: {theme.why}" if theme.why else "filed by a rule"


def change_text(change: ClaimChange) -> str:
    """Return a claim's latest change as the card shows it: what, who, when."""
    return f"{change.action} {change.detail} · {change.analyst} · {local_time(change.at)}"


class SourceCard(QStackedWidget):
    """Shows one claim's annotations; the Admiralty grading is editable."""

    grading_requested = Signal(int, str, int)
    # (claim id, grade or None): grade this claim's reliability on its own, or stop.
    override_requested = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._claim: Claim | None = None
        self._theme_lines: list[str] = []
        self.setAccessibleName("Source")
        self._empty = plain_label("Select a claim to see where it comes from.")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setEnabled(False)
        self.addWidget(self._empty)
        self.addWidget(self._build_card())

    def _build_card(self) -> QScrollArea:
        body = QWidget()
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setContentsMargins(10, 8, 10, 8)
        form.setVerticalSpacing(3)
        self.outlet = plain_label()
        font = QFont(self.outlet.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.outlet.setFont(font)
        self.title = plain_label()
        self.published = plain_label()
        # Why the claim's document lies outside the taxonomy (the row hides when it does not).
        self.scope = plain_label()
        self.location = plain_label()
        self.attribution = plain_label()
        self.hedges = plain_label()
        self.entities = plain_label()
        self.reliability = QComboBox()
        for grade, label in RELIABILITY.items():
            self.reliability.addItem(f"{grade}: {label}", grade)
        self.credibility = QComboBox()
        for grade_number, label in CREDIBILITY.items():
            self.credibility.addItem(f"{grade_number}: {label}", grade_number)
        for combo, name in (
            (self.reliability, "Source reliability"),
            (self.credibility, "Information credibility"),
        ):
            combo.setAccessibleName(name)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.activated.connect(self._on_grading_activated)
        self.graded_source = plain_label()
        self.graded_source.setEnabled(False)
        self.claim_only = QCheckBox("this claim only")
        self.claim_only.setToolTip(
            "Grade this claim's reliability on its own; unchecked, it follows its source"
        )
        self.claim_only.clicked.connect(self._on_claim_only_clicked)
        self.claim_id = plain_label(wrap=False)
        # Who last filed or graded the claim (the row hides when no one has).
        self.last_change = plain_label()
        self.themes = QWidget()
        self._themes_layout = QVBoxLayout(self.themes)
        self._themes_layout.setContentsMargins(0, 0, 0, 0)
        self._themes_layout.setSpacing(4)
        for label, field in (
            ("Outlet", self.outlet),
            ("Document", self.title),
            ("Published", self.published),
            ("Where", self.location),
            ("Attribution", self.attribution),
            ("Hedges", self.hedges),
            ("Entities", self.entities),
            ("Reliability", self._reliability_field()),
            ("Credibility", self.credibility),
            ("Scope", self.scope),
            ("Themes", self.themes),
            ("Changed", self.last_change),
            ("Claim", self.claim_id),
        ):
            form.addRow(self._row_label(label), field)
        self._form = form
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        return scroll

    def _reliability_field(self) -> QWidget:
        field = QWidget()
        layout = QVBoxLayout(field)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        row = QHBoxLayout()
        row.addWidget(self.reliability)
        row.addWidget(self.claim_only)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.graded_source)
        return field

    @staticmethod
    def _row_label(text: str) -> QLabel:
        label = plain_label(text, wrap=False)
        label.setEnabled(False)
        return label

    def claim(self) -> Claim | None:
        """Return the claim shown."""
        return self._claim

    def show_claim(self, claim: Claim | None) -> None:
        """Show ``claim``'s annotations (None shows what to do)."""
        self._claim = claim
        if claim is None:
            self.setCurrentIndex(0)
            return
        self.outlet.setText(claim.outlet or "Outlet not known")
        self.title.setText(claim.document_title)
        self.published.setText(published_text(claim.published))
        self.scope.setText(OUTSIDE + claim.scope_note if claim.scope_note else "")
        self._form.setRowVisible(self.scope, bool(claim.scope_note))
        self.location.setText(f"¶{claim.paragraph}, sentence {claim.sentence}")
        self.attribution.setText(claim.attribution or OWN_ASSERTION)
        self.hedges.setText(", ".join(claim.hedges) or "none")
        self.entities.setText(", ".join(claim.entities) or "none found")
        self.reliability.setCurrentIndex(max(self.reliability.findData(claim.reliability), 0))
        self.credibility.setCurrentIndex(max(self.credibility.findData(claim.credibility), 0))
        self.graded_source.setText(graded_source_text(claim))
        self.claim_only.setChecked(claim.reliability_overridden)
        self.claim_id.setText(f"Claim {claim.id}")
        change = claim.last_change
        self.last_change.setText(change_text(change) if change else "")
        self._form.setRowVisible(self.last_change, change is not None)
        self._show_themes(claim.themes)
        self.setCurrentIndex(1)

    def _show_themes(self, themes: tuple[ClaimTheme, ...]) -> None:
        while self._themes_layout.count():
            item = self._themes_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self._theme_lines = [
            f"{t.label}{' (primary)' if t.is_primary else ''}\n{origin_text(t)}" for t in themes
        ]
        if not themes:
            self._themes_layout.addWidget(plain_label("Unfiled: press 1-9 to file it"))
        for theme, line in zip(themes, self._theme_lines, strict=True):
            self._themes_layout.addWidget(self._theme_row(theme, line))

    def theme_lines(self) -> list[str]:
        """Return the theme entries shown, one text per theme."""
        return list(self._theme_lines)

    @staticmethod
    def _theme_row(theme: ClaimTheme, line: str) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        swatch = QFrame()
        swatch.setFixedSize(10, 10)
        swatch.setStyleSheet(f"background-color: {QColor(theme.colour).name()}; border-radius: 2px")
        text = plain_label(line)
        layout.addWidget(swatch, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(text, 1)
        return row

    def _on_grading_activated(self, _index: int) -> None:
        if self._claim is None:
            return
        self.grading_requested.emit(
            self._claim.id, self.reliability.currentData(), int(self.credibility.currentData())
        )

    def _on_claim_only_clicked(self, checked: bool) -> None:
        if self._claim is None:
            return
        grade = self.reliability.currentData() if checked else None
        self.override_requested.emit(self._claim.id, grade)
