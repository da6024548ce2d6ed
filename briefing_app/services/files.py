"""Reading briefing files from disk with messages a user can act on."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from briefing_app.domain.errors import InputFileError
from briefing_app.ingest.formats.caps import cap_for, kind_for_cap, largest_cap, too_large
from briefing_app.ingest.formats.detect import Kind, head_size, kind_of_name

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
    """Refuse anything but a regular file, and a file over every format's cap."""
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(f"{path} is a folder: give the briefing files inside it.")
    if not stat.S_ISREG(info.st_mode):
        kind = _NOT_A_FILE.get(stat.S_IFMT(info.st_mode), "not a regular file")
        if path.is_symlink():
            kind += f" ({os.path.realpath(path)})"
        raise InputFileError(
            f"{path} is {kind}, not a briefing file: save the text to a file and import that."
        )
    if info.st_size > largest_cap():
        raise too_large(str(path), kind_of_name(path.name) or Kind.TEXT, info.st_size)


def _read_capped(path: Path) -> bytes:
    """Read at most the format's cap + 1 bytes of a regular file, whatever its size says.

    The format (a text, a page, a PDF, ...) is told from the first bytes and the name,
    and each has its cap (``resources/formats.toml``). The path is looked at before it
    is opened (opening a device can have effects), and opened non-blocking, so that a
    file swapped for a pipe in between cannot hang us.
    """
    _check_kind(path, os.stat(path))
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(handle)
        _check_kind(path, info)
        head = stream.read(head_size())
        kind = kind_for_cap(head, path.name)
        limit = cap_for(kind).limit
        if info.st_size > limit:
            raise too_large(str(path), kind, info.st_size)
        data = head + stream.read(max(0, limit + 1 - len(head)))
    if len(data) > limit:  # it grew, or its size was wrong (as in /proc)
        raise too_large(str(path), kind, None)
    return data


def read_briefing(path: Path) -> bytes:
    """Return a briefing file's bytes, or raise InputFileError saying why not.

    Only regular files are read, and never more than their format's cap + 1 bytes
    (5 MB for text): a pipe, a device or a socket is refused without waiting on it.
    """
    try:
        return _read_capped(path)
    except InputFileError:
        raise
    except OSError as error:
        raise _stat_error(path, error) from error
