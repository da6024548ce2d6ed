"""Reading briefing files from disk with messages a user can act on."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from briefing_app.domain.errors import InputFileError
from briefing_app.ingest.decode import MAX_BYTES

# What the user is told about a path that is there but is no regular file.
_NOT_A_FILE = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def _stat_error(path: Path, error: OSError) -> InputFileError:
    """Return the message for a path that cannot even be looked at."""
    if error.errno == errno.ELOOP:
        return InputFileError(
            f"{path} is a symbolic link loop (it leads back to itself): "
            "point it at a briefing file."
        )
    if error.errno == errno.ENOENT and path.is_symlink():
        return InputFileError(
            f"{path} is a symbolic link that points nowhere ({os.readlink(path)} does not "
            "exist): point it at a briefing file."
        )
    if error.errno == errno.ENOENT:
        return InputFileError(f"{path} does not exist.")
    if error.errno == errno.EACCES:
        return InputFileError(f"{path} cannot be read: permission denied.")
    return InputFileError(f"{path} cannot be read: {error.strerror}.")


def _check_kind(path: Path, info: os.stat_result) -> None:
    """Refuse anything but a regular file of at most MAX_BYTES."""
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(f"{path} is a folder: give the briefing files inside it.")
    if not stat.S_ISREG(info.st_mode):
        kind = _NOT_A_FILE.get(stat.S_IFMT(info.st_mode), "not a regular file")
        if path.is_symlink():
            kind += f" ({os.path.realpath(path)})"
        raise InputFileError(
            f"{path} is {kind}, not a briefing file: save the text to a file and import that."
        )
    if info.st_size > MAX_BYTES:
        raise InputFileError(
            f"{path} is {info.st_size / 1_048_576:.1f} MB; briefings over "
            f"{MAX_BYTES // 1_048_576} MB are refused. Split it into articles."
        )


def _read_capped(path: Path) -> bytes:
    """Read at most MAX_BYTES + 1 bytes of a regular file, whatever its size says.

    The path is looked at before it is opened (opening a device can have effects), and
    opened non-blocking, so that a file swapped for a pipe in between cannot hang us.
    """
    _check_kind(path, os.stat(path))
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    with os.fdopen(handle, "rb") as stream:
        _check_kind(path, os.fstat(handle))
        data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:  # it grew, or its size was wrong (as in /proc)
        raise InputFileError(
            f"{path} is over {MAX_BYTES // 1_048_576} MB; briefings over "
            f"{MAX_BYTES // 1_048_576} MB are refused. Split it into articles."
        )
    return data


def read_briefing(path: Path) -> bytes:
    """Return a briefing file's bytes, or raise InputFileError saying why not.

    Only regular files are read, and never more than MAX_BYTES + 1 bytes: a pipe,
    a device or a socket is refused without waiting on it.
    """
    try:
        return _read_capped(path)
    except InputFileError:
        raise
    except OSError as error:
        raise _stat_error(path, error) from error
