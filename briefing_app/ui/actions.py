"""Every command of the window, with its keys, in one registry.

Menus, key handling and the shortcut sheet (``?``) are all built from
``ACTIONS``, so the sheet cannot drift from what the keys really do.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

WINDOW, LIST = "window", "list"


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One command: its name, menu text, keys, where the keys work, and what it does."""

    name: str
    text: str
    keys: tuple[str, ...]
    section: str
    help: str
    scope: str = WINDOW
    also: str = ""
    in_sheet: bool = True
    sheet_keys: str = ""
    checkable: bool = False


def _file_under(position: int) -> ActionSpec:
    return ActionSpec(
        f"file_under_{position}",
        f"File under theme {position}",
        (str(position),),
        "Themes",
        "File the claim under the theme at that position in the navigator (primary)",
        scope=LIST,
        in_sheet=position == 1,
        sheet_keys="1 … 9",
    )


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("search", "&Find…", ("/", "Ctrl+F"), "Search", "Search claims and notes"),
    ActionSpec(
        "save_search",
        "&Save search…",
        ("Ctrl+S",),
        "Search",
        "Save the search under a name; it stays in the navigator with its count",
    ),
    ActionSpec(
        "briefings",
        "Filter &briefings",
        ("Ctrl+B",),
        "Navigate",
        "Filter the briefings by title or outlet; Enter picks the first, Enter again "
        "goes to its claims",
    ),
    ActionSpec(
        "escape",
        "Back to the list",
        ("Esc",),
        "Navigate",
        "Back to the claims list; in the search box, clear the search",
    ),
    ActionSpec("next_claim", "&Next claim", ("J",), "Navigate", "Next claim", also="Down"),
    ActionSpec(
        "previous_claim", "&Previous claim", ("K",), "Navigate", "Previous claim", also="Up"
    ),
    ActionSpec(
        "focus_notes",
        "Write notes",
        ("Return",),
        "Navigate",
        "From the list, go to the note editor",
        scope=LIST,
        also="Enter",
    ),
    ActionSpec("new_note", "&New note", ("N",), "Notes", "Start a new note on the claim"),
    ActionSpec(
        "delete_note",
        "&Delete note",
        ("Ctrl+Del",),
        "Notes",
        "Delete the note being edited (Ctrl+Z brings it back)",
    ),
    *(_file_under(position) for position in range(1, 10)),
    ActionSpec(
        "copy_claim", "&Copy claim text", ("Ctrl+C",), "Themes", "Copy the claim's text", scope=LIST
    ),
    ActionSpec(
        "copy_citation",
        "Copy with c&itation",
        ("Ctrl+Shift+C",),
        "Themes",
        "Copy the claim as a quote with its outlet, title, date and paragraph",
        scope=LIST,
    ),
    ActionSpec(
        "not_a_claim",
        "&Not a claim",
        ("Shift+Del",),
        "Corrections",
        'Mark the claim "not a claim": it leaves every view but Not claims',
        scope=LIST,
    ),
    ActionSpec(
        "this_is_a_claim",
        "&This is a claim",
        (),
        "Corrections",
        'Show a claim marked "not a claim" again (from the Not claims view)',
        scope=LIST,
    ),
    ActionSpec(
        "merge_with_next",
        "&Merge with next claim",
        ("Ctrl+J",),
        "Corrections",
        "Join the claim with the next one of its document (notes of both are kept)",
        scope=LIST,
    ),
    ActionSpec(
        "edit_briefing",
        "Edit briefing &details…",
        ("F2",),
        "Corrections",
        "Edit the briefing's title, outlet, date, author, URL and language",
    ),
    ActionSpec(
        "undo",
        "&Undo",
        ("Ctrl+Z",),
        "Edit",
        "Undo the last theme change, grading, correction or note deletion",
    ),
    ActionSpec("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Edit", "Redo what was undone"),
    ActionSpec(
        "import",
        "&Import briefings…",
        ("Ctrl+O",),
        "File",
        "Import briefings: text, web pages, PDF, Word, e-mail (or drop the files here)",
    ),
    ActionSpec(
        "import_clipboard",
        "New briefing from &clipboard",
        ("Ctrl+Shift+V",),
        "File",
        "Import the copied page or text as a new briefing",
    ),
    ActionSpec(
        "export",
        "&Export…",
        ("Ctrl+E",),
        "File",
        "Export the library as JSON, Markdown, CSV or HTML",
    ),
    ActionSpec(
        "open_library",
        "&Open library file…",
        ("Ctrl+Shift+O",),
        "File",
        "Open another library file in this window",
    ),
    ActionSpec(
        "open_team_library",
        "Open &team library…",
        (),
        "File",
        "Open a library shared on a PostgreSQL server",
    ),
    ActionSpec(
        "restore_backup",
        "&Restore backup…",
        (),
        "File",
        "Put one of the library's backups back in place",
    ),
    ActionSpec(
        "analyst_name",
        "Your &name…",
        (),
        "Edit",
        "Set the name your notes, filings, grades and imports are recorded under",
    ),
    ActionSpec(
        "deleted_notes", "Deleted &notes…", (), "Notes", "See deleted notes and restore them"
    ),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), "File", "Save notes and quit"),
    ActionSpec(
        "sort_document",
        "Sort by &document order",
        (),
        "View",
        "List claims in the order the documents give them",
    ),
    ActionSpec("sort_theme", "Sort by &theme", (), "View", "Group claims by their primary theme"),
    ActionSpec(
        "scheme_system",
        "&System colours",
        (),
        "View",
        "Follow the system's light or dark",
        checkable=True,
        in_sheet=False,
    ),
    ActionSpec(
        "scheme_light", "&Light", (), "View", "Light colours", checkable=True, in_sheet=False
    ),
    ActionSpec("scheme_dark", "&Dark", (), "View", "Dark colours", checkable=True, in_sheet=False),
    # Shift+? as well: some platforms report the Shift that typed "?", and some do not.
    ActionSpec(
        "shortcuts",
        "&Keyboard shortcuts",
        ("?", "Shift+?", "F1"),
        "Help",
        "Show this sheet",
        sheet_keys="?, F1",
    ),
    ActionSpec("about", "&About Briefing reader", (), "Help", "Version and licence"),
)

SPECS = {spec.name: spec for spec in ACTIONS}


def build_actions(parent: QObject) -> dict[str, QAction]:
    """Return a QAction per registered command, keyed by name (not yet connected)."""
    actions = {}
    for spec in ACTIONS:
        action = QAction(spec.text, parent)
        action.setObjectName(spec.name)
        action.setShortcuts([QKeySequence(key) for key in spec.keys])
        action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
            if spec.scope == LIST
            else Qt.ShortcutContext.WindowShortcut
        )
        action.setStatusTip(spec.help)
        action.setCheckable(spec.checkable)
        actions[spec.name] = action
    return actions


def sheet_rows(actions: dict[str, QAction]) -> list[tuple[str, str, str]]:
    """Return (section, keys, what it does) for the shortcut sheet, from the real actions."""
    rows = []
    for spec in ACTIONS:
        action = actions.get(spec.name)
        if action is None or not spec.in_sheet:
            continue
        keys = spec.sheet_keys or ", ".join(
            key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
        )
        if spec.also:
            keys = f"{keys}, {spec.also}" if keys else spec.also
        if keys:
            rows.append((spec.section, keys, spec.help))
    return rows
