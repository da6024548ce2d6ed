"""Replacing a file whole: written beside it under a temporary name, then renamed into place.

Readers of the file see the old content or the new, never half of it; a failure
(a full disk, a crash, an error while producing the content) leaves the old
file as it was and removes the temporary one.

The temporary file is created with mode 0o666, so the kernel applies the umask
(0644 under umask 022, 0600 under 077) as for any new file; ``mkstemp`` would
make it 0600 whatever the umask, and reading the umask to fix that afterwards
means changing it for a moment, which races with other threads.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
# Long names are cut so that the temporary name stays within NAME_MAX (255 bytes).
_NAME_CHARS = 120


def _create_beside(target: Path) -> tuple[int, Path]:
    """Create a new empty file in ``target``'s folder; return its descriptor and path."""
    for _ in range(100):
        name = f".{target.name[:_NAME_CHARS]}.{os.urandom(4).hex()}.tmp"
        temporary = target.with_name(name)
        try:
            return os.open(temporary, _NEW_FILE, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable, where the system allows it."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


@contextmanager
def replacing(target: Path, *, durable: bool = True) -> Iterator[TextIO]:
    """Yield a UTF-8 text stream whose content replaces ``target`` when the block succeeds.

    Line endings are written as given (``newline=""``). With ``durable`` the
    content is on disk before the rename, so a crash leaves the old file or the
    whole new one.

    Raises:
        OSError: the file could not be written (the old one is untouched); an
            error raised inside the block propagates the same way.
    """
    handle, temporary = _create_beside(target)
    try:
        with open(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    if durable:
        _sync_folder(target.parent)
