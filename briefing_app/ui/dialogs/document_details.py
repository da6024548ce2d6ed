"""The briefing details dialog: title, outlet, date, author, URL and language.

OK checks what was typed (through the ``check`` it is given, the library's);
a detail that cannot be stored is said under the form, its field is focused
and the dialog stays open with everything typed kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from briefing_app.domain.errors import BriefingError
from briefing_app.domain.library import DOCUMENT_FIELDS, DocumentEdit
from briefing_app.services.document_details import DATE_FORMS, DetailsError
from briefing_app.typing_compat import override
from briefing_app.ui.plain_text import plain_label

Check = Callable[[DocumentEdit], DocumentEdit]

# Each field: its label and what its empty line suggests.
FIELDS = {
    "title": ("&Title", "Needed"),
    "outlet": ("&Outlet", "Empty: outlet not known"),
    "published": ("&Date", f"{DATE_FORMS}; empty: not given"),
    "byline": ("&Author", "Empty: not given"),
    "url": ("&URL", "https://…; empty: not given"),
    "language": ("&Language", "en, ar, en-GB; empty: not given"),
}
MIN_WIDTH = 520


class DocumentDetailsDialog(QDialog):
    """Edit one briefing's details; ``checked()`` holds them, as they will be stored, after OK."""

    def __init__(
        self,
        details: DocumentEdit,
        check: Check,
        outlets: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Briefing details")
        self.setMinimumWidth(MIN_WIDTH)
        self._check = check
        self._checked: DocumentEdit | None = None
        self.message = plain_label()
        self.message.setAccessibleName("Problem")
        self.message.hide()
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for name in DOCUMENT_FIELDS:
            label, hint = FIELDS[name]
            edit = QLineEdit(getattr(details, name) or "")
            edit.setPlaceholderText(hint)
            edit.setAccessibleName(label.replace("&", ""))
            edit.textEdited.connect(lambda _text: self.message.hide())
            form.addRow(label, edit)
            self.fields[name] = edit
        completer = QCompleter(list(outlets), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.fields["outlet"].setCompleter(completer)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.fields["title"].setFocus(Qt.FocusReason.OtherFocusReason)

    def typed(self) -> DocumentEdit:
        """Return the details as typed."""
        return DocumentEdit(**{name: edit.text() for name, edit in self.fields.items()})

    def checked(self) -> DocumentEdit | None:
        """Return the details as they will be stored (None until OK found them right)."""
        return self._checked

    def problem(self) -> str | None:
        """Return what is wrong with the details typed, as shown (None: nothing shown)."""
        return self.message.text() if self.message.isVisibleTo(self) else None

    @override
    def accept(self) -> None:
        """Close only if every detail can be stored; else say what is wrong and stay."""
        try:
            self._checked = self._check(self.typed())
        except BriefingError as error:
            self._show_problem(error)
            return
        super().accept()

    def _show_problem(self, error: BriefingError) -> None:
        self._checked = None
        self.message.setText(f"⚠ {error}")
        self.message.show()
        field = self.fields.get(error.field) if isinstance(error, DetailsError) else None
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            field.selectAll()
