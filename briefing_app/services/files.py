"""Reading briefing files from disk with messages a user can act on."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from briefing_app.domain.errors import InputFileError, UsageError
from briefing_app.ingest.decode import MAX_BYTES


def read_briefing(path: Path) -> bytes:
    """Return a briefing file's bytes, or raise InputFileError saying why not."""
    if not path.exists():
        raise InputFileError(f"{path} does not exist.")
    if path.is_dir():
        raise InputFileError(f"{path} is a folder: give the briefing files inside it.")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputFileError(
                f"{path} is {size / 1_048_576:.1f} MB; briefings over "
                f"{MAX_BYTES // 1_048_576} MB are refused. Split it into articles."
            )
        return path.read_bytes()
    except PermissionError as error:
        raise InputFileError(f"{path} cannot be read: permission denied.") from error
    except OSError as error:
        raise InputFileError(f"{path} cannot be read: {error.strerror}.") from error


def write_atomically(target: Path, content: str) -> None:
    """Write a file through a temporary sibling, so a failure leaves nothing half-written."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"The folder {folder} does not exist.")
    if target.is_dir():
        raise UsageError(f"{target} is a folder: give a file name.")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"Cannot write {target}: {error.strerror}.") from error
