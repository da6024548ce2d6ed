"""Window geometry, splitter sizes, the last claim and the colour scheme in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

from briefing_app.ui.palette import SCHEMES, SYSTEM

GEOMETRY = "window/geometry"
STATE = "window/state"
SPLITTER = "window/splitter/{name}"
HEADER = "window/header/{name}"
LAST_CLAIM = "window/last_claim"
SCHEME = "view/colour_scheme"


def save_window_state(
    settings: QSettings,
    window: QMainWindow,
    splitters: dict[str, QSplitter],
    headers: dict[str, QHeaderView],
    claim_id: int | None,
) -> None:
    """Remember the window's layout (splitters, column widths) and the selected claim."""
    settings.setValue(GEOMETRY, window.saveGeometry())
    settings.setValue(STATE, window.saveState())
    for name, splitter in splitters.items():
        settings.setValue(SPLITTER.format(name=name), splitter.saveState())
    for name, header in headers.items():
        settings.setValue(HEADER.format(name=name), header.saveState())
    if claim_id is None:
        settings.remove(LAST_CLAIM)
    else:
        settings.setValue(LAST_CLAIM, claim_id)
    settings.sync()


def restore_window_state(
    settings: QSettings,
    window: QMainWindow,
    splitters: dict[str, QSplitter],
    headers: dict[str, QHeaderView],
) -> bool:
    """Restore the layout saved before; return False when there was none."""
    geometry = settings.value(GEOMETRY)
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    state = settings.value(STATE)
    if isinstance(state, QByteArray):
        window.restoreState(state)
    for name, splitter in splitters.items():
        saved = settings.value(SPLITTER.format(name=name))
        if isinstance(saved, QByteArray):
            splitter.restoreState(saved)
    for name, header in headers.items():
        saved = settings.value(HEADER.format(name=name))
        if isinstance(saved, QByteArray):
            header.restoreState(saved)
    return isinstance(geometry, QByteArray)


def last_claim(settings: QSettings) -> int | None:
    """Return the claim selected when the window last closed."""
    value = settings.value(LAST_CLAIM)
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def colour_scheme(settings: QSettings) -> str:
    """Return the saved colour scheme (system by default)."""
    value = str(settings.value(SCHEME, SYSTEM))
    return value if value in SCHEMES else SYSTEM


def save_colour_scheme(settings: QSettings, scheme: str) -> None:
    """Remember the colour scheme."""
    settings.setValue(SCHEME, scheme)
