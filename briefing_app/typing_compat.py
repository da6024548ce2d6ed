"""``override`` on Python 3.11 without loading typing_extensions at run time.

Python 3.12 has ``typing.override``; before it, typing_extensions has it, and loading
that module costs about 3 ms of the window's start-up. mypy reads the real one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from typing_extensions import override as override
else:
    _Method = TypeVar("_Method")

    def override(method: _Method) -> _Method:
        """Mark a method as overriding its base class's (mypy checks that it does)."""
        return method
