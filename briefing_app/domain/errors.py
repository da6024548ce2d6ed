"""The one family of expected errors: each message tells the user what to do."""

from __future__ import annotations


class BriefingError(Exception):
    """An expected problem with a message a user can act on."""


class InputFileError(BriefingError):
    """A briefing file cannot be read or holds no reporting."""


class LibraryError(BriefingError):
    """The library database cannot be opened or written."""


class NotOurDatabaseError(LibraryError):
    """The file exists but is not a Briefing reader library."""


class NewerSchemaError(LibraryError):
    """The library was written by a newer version of the app."""


class LibraryLockedError(LibraryError):
    """Another process holds the library for longer than we may wait."""


class OtherLibraryError(LibraryError):
    """A backup belongs to another library than the one it would replace."""


class NotFoundError(BriefingError):
    """A claim, note or document id that the library does not hold."""


class UsageError(BriefingError):
    """A command was given arguments it cannot use."""
