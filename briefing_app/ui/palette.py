"""Light and dark palettes for the Fusion style, and following the system's choice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SYSTEM, LIGHT, DARK = "system", "light", "dark"
SCHEMES = (SYSTEM, LIGHT, DARK)

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

_LIGHT = {
    _Role.Window: "#eff0f1",
    _Role.WindowText: "#1d1f21",
    _Role.Base: "#ffffff",
    _Role.AlternateBase: "#f5f6f7",
    _Role.Text: "#1d1f21",
    _Role.Button: "#e4e6e8",
    _Role.ButtonText: "#1d1f21",
    _Role.Highlight: "#2f6fd0",
    _Role.HighlightedText: "#ffffff",
    _Role.ToolTipBase: "#ffffdc",
    _Role.ToolTipText: "#1d1f21",
    _Role.PlaceholderText: "#6b7075",
    _Role.Link: "#1a5fb4",
    _Role.Mid: "#b8bcc0",
    _Role.Light: "#ffffff",
    _Role.Dark: "#9da1a5",
    _Role.Midlight: "#f0f1f2",
    _Role.Shadow: "#767a7e",
    _Role.BrightText: "#ffffff",
}
_DARK = {
    _Role.Window: "#2b2d30",
    _Role.WindowText: "#dfe1e5",
    _Role.Base: "#1e1f22",
    _Role.AlternateBase: "#26282b",
    _Role.Text: "#dfe1e5",
    _Role.Button: "#3a3d41",
    _Role.ButtonText: "#dfe1e5",
    _Role.Highlight: "#3574f0",
    _Role.HighlightedText: "#ffffff",
    _Role.ToolTipBase: "#3a3d41",
    _Role.ToolTipText: "#dfe1e5",
    _Role.PlaceholderText: "#8c9096",
    _Role.Link: "#6ea2ff",
    _Role.Mid: "#4e5157",
    _Role.Light: "#4a4d52",
    _Role.Dark: "#1b1c1f",
    _Role.Midlight: "#3d4045",
    _Role.Shadow: "#111214",
    _Role.BrightText: "#ffffff",
}
_DISABLED_TEXT = {LIGHT: "#7b8086", DARK: "#80848a"}
# A selected row stays clearly marked when the list loses focus to the notes editor.
_INACTIVE_HIGHLIGHT = {LIGHT: "#5b8fdc", DARK: "#2d5cb8"}


def build_palette(scheme: str) -> QPalette:
    """Return the light or dark palette."""
    colours = _DARK if scheme == DARK else _LIGHT
    key = DARK if scheme == DARK else LIGHT
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (_Role.Text, _Role.WindowText, _Role.ButtonText):
        palette.setColor(_Group.Disabled, role, QColor(_DISABLED_TEXT[key]))
    palette.setColor(_Group.Inactive, _Role.Highlight, QColor(_INACTIVE_HIGHLIGHT[key]))
    palette.setColor(_Group.Inactive, _Role.HighlightedText, QColor("#ffffff"))
    return palette


def effective_scheme(scheme: str) -> str:
    """Return LIGHT or DARK: ``system`` follows the platform's colour scheme."""
    if scheme in (LIGHT, DARK):
        return scheme
    hints = QGuiApplication.styleHints()
    return DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def apply_scheme(scheme: str) -> str:
    """Give the application the palette for ``scheme``; return LIGHT or DARK."""
    app = QApplication.instance()
    effective = effective_scheme(scheme)
    if isinstance(app, QApplication):
        app.setPalette(build_palette(effective))
    return effective
