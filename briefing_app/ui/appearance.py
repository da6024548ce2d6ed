"""View ▸ Colours: the system, light or dark palette, remembered and followed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QGuiApplication

from briefing_app.ui.palette import DARK, LIGHT, SYSTEM, apply_scheme
from briefing_app.ui.window_state import colour_scheme, save_colour_scheme

SCHEMES = (SYSTEM, LIGHT, DARK)


class ColourSchemes(QObject):
    """Applies the chosen colour scheme and follows the system's while it is chosen."""

    def __init__(
        self,
        settings: QSettings,
        actions: dict[str, QAction],
        refreshed: Callable[[], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._settings, self._actions, self._refreshed = settings, actions, refreshed
        self.scheme = SYSTEM
        for scheme in SCHEMES:
            actions[scheme].triggered.connect(lambda _checked=False, s=scheme: self.set(s))
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_changed)
        self.set(colour_scheme(settings), save=False)

    def set(self, scheme: str, *, save: bool = True) -> None:
        """Use the system, light or dark palette."""
        self.scheme = scheme
        apply_scheme(scheme)
        self._actions[scheme].setChecked(True)
        if save:
            save_colour_scheme(self._settings, scheme)
        self._refreshed()

    def _on_system_changed(self) -> None:
        if self.scheme == SYSTEM:
            self.set(SYSTEM, save=False)
