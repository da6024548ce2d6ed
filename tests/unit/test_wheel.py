"""`pip install .` (not editable) gives a working app: resources and migrations are in the wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("briefing_app-*.whl"))


@pytest.mark.slow
def test_wheel_carries_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in [
        "briefing_app/_data/resources/000_c58f06d55b31cb96.txt",
        "briefing_app/_data/resources/themes.toml",
        "briefing_app/_data/resources/gazetteer/places.toml",
        "briefing_app/_data/db/env.py",
        "briefing_app/_data/db/versions/0001_initial.py",
    ]:
        assert expected in names


@pytest.mark.slow
def test_installed_wheel_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"}
    probe = "import briefing_app.bundled as b; print(b.resource_dir()); print(b.migrations_dir())"
    where = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert where.stdout.splitlines() == [
        str(site / "briefing_app" / "_data" / "resources"),
        str(site / "briefing_app" / "_data" / "db"),
    ]
    db = tmp_path / "lib.db"
    seed = site / "briefing_app" / "_data" / "resources" / "000_c58f06d55b31cb96.txt"
    for argv in (["import", str(seed)], ["export", "--format", "json"]):
        run = subprocess.run(
            [sys.executable, "-m", "briefing_app", "--db", str(db), *argv],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
    assert len(json.loads(run.stdout)["documents"][0]["claims"]) == 16
