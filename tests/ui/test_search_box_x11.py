"""The search box on X11, where Qt gives line edits Emacs keys: the menus' keys still work.

The suite runs offscreen, whose key bindings have no Emacs keys, so this test starts a
window on a real X server (Xvfb, which ``make test`` installs) in a process of its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ctrl_e_in_the_search_box_exports_on_x11(tmp_path: Path) -> None:
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "Xvfb is missing: run `make test` (it installs xvfb and xauth)"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [xvfb_run, "-a", sys.executable, str(ROOT / "tests" / "x11_window_keys.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    assert done.returncode == 0, done.stderr[-2000:]
    assert lines.get("PLATFORM") == "xcb"
    assert lines.get("EXPORT") == "1"  # Ctrl+E reached File > Export
    assert lines.get("SELECTED") == "homs"  # Ctrl+A stays the box's: select all
