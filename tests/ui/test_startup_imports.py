"""Start-up pays only for the first paint: what the window has loaded when claims show.

The window is started for real (a process, offscreen) on a library of the bundled
briefing; when the first claims are painted it lists the modules loaded and quits.
Import, export, backups, migrations and the ORM are loaded when first used.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from briefing_app.services.library import Library
from tests.conftest import SEED

ROOT = Path(__file__).resolve().parents[2]
NOT_BEFORE_FIRST_PAINT = (
    "sqlalchemy",
    "alembic",
    "pysbd",
    "charset_normalizer",
    "trafilatura",
    "pypdf",
    "docx",
    "dateparser",
    "briefing_app.ingest.pipeline",
    "briefing_app.ingest.formats",
    "briefing_app.services.export",
    "briefing_app.services.backups",
    "briefing_app.store.migrate",
    "briefing_app.store.schema",
    "briefing_app.cli.main",
    "psycopg",
    "briefing_app.store.server",
    # Dialogs load when first opened.
    "briefing_app.ui.dialogs.choice_dialog",
    "briefing_app.ui.dialogs.shortcut_sheet",
    "briefing_app.ui.dialogs.document_details",
    "briefing_app.ui.dialogs.restore_backup",
    "briefing_app.ui.notes.revision_dialog",
    "briefing_app.ui.notes.deleted_notes",
    "difflib",
)


def test_the_first_paint_loads_no_import_export_backup_or_orm(tmp_path: Path) -> None:
    library = tmp_path / "library.db"
    Library.open(library).import_files([SEED])
    listing = tmp_path / "modules.txt"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "BRIEFING_APP_QUIT_WHEN_READY": "1",
        "BRIEFING_APP_MODULES_AT_READY": str(listing),
    }
    done = subprocess.run(
        [sys.executable, "-m", "briefing_app", "--db", str(library)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("READY 16")
    loaded = set(listing.read_text("utf-8").split())
    early = sorted(
        name
        for name in loaded
        for forbidden in NOT_BEFORE_FIRST_PAINT
        if name == forbidden or name.startswith(forbidden + ".")
    )
    assert early == []
