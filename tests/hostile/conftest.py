"""Fixtures for hostile sequences: a real small disk that can be filled."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

SMALL_DISK = "2m"


class SmallDisk:
    """A tmpfs mount of a few MB that tests fill to a chosen number of free bytes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.filler = root / "filler.bin"

    def free(self) -> int:
        stat = os.statvfs(self.root)
        return stat.f_bavail * stat.f_frsize

    def leave_free(self, wanted: int) -> int:
        """Fill the disk until about ``wanted`` bytes are left; return what is left."""
        self.filler.unlink(missing_ok=True)
        block = b"\0" * 4096
        descriptor = os.open(self.filler, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            written = 0
            while True:
                try:
                    written += os.write(descriptor, block)
                except OSError:
                    break
            os.ftruncate(descriptor, max(0, written - wanted))
        finally:
            os.close(descriptor)
        return self.free()

    def empty(self) -> None:
        self.filler.unlink(missing_ok=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """Mount a small tmpfs (root only); skip, saying why, where that cannot be done."""
    if os.geteuid() != 0:
        pytest.skip("a full disk needs a tmpfs mount, and mounting needs root")
    root = tmp_path / "small-disk"
    root.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SMALL_DISK}", "tmpfs", str(root)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"could not mount a tmpfs for the full-disk case: {done.stderr.strip()}")
    try:
        yield SmallDisk(root)
    finally:
        subprocess.run(["umount", "-l", str(root)], check=False)
