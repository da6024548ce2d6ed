"""Who the analyst is, as notes, filings, grades and imports record them.

In this order: the name given (the window's preference, ``--analyst``), else
``BRIEFING_APP_ANALYST``, else the database role on a team library, else the
login name on this computer.
"""

from __future__ import annotations

import getpass
import os

from briefing_app.domain.text import clean_name

ENV_VAR = "BRIEFING_APP_ANALYST"
FALLBACK = "analyst"


def analyst_name(chosen: str | None, role: str | None) -> str:
    """Return the analyst's name: ``chosen``, the environment's, ``role``, or the login."""
    for candidate in (chosen, os.environ.get(ENV_VAR), role):
        name = clean_name(candidate or "")
        if name:
            return name
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no login name this process can find
        login = ""
    return clean_name(login) or FALLBACK
