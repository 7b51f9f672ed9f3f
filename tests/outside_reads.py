"""A guard that the project reads nothing outside its checkout.

A user's clone has nothing beside it (no `../shared`): any file opened in the folder that holds the checkout,
but outside the checkout, is a file the user does not have. An audit hook sees every `open`; each test fails
when it opened such a path. System folders, the interpreter, site-packages and temporary folders lie
elsewhere and are not concerned.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
_BESIDE = PROJECT_ROOT.parent
# A checkout cloned straight into the temporary folder has the tests' own scratch folders beside it: there,
# only the folders a fresh clone lacks are watched (the reference material and the tool library).
_IN_TEMP = Path(tempfile.gettempdir()).resolve() == _BESIDE
_WATCHED_IN_TEMP = (_BESIDE / "shared", _BESIDE / ".library")

opened_outside: list[str] = []


def outside_the_checkout(path: str) -> bool:
    """True for a path beside the checkout (under its parent folder) but not inside it."""
    resolved = Path(os.path.abspath(path))
    if resolved == _BESIDE or _BESIDE not in resolved.parents:
        return False
    if _IN_TEMP and not any(resolved == w or w in resolved.parents for w in _WATCHED_IN_TEMP):
        return False
    return resolved != PROJECT_ROOT and PROJECT_ROOT not in resolved.parents


def _hook(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
        raw = os.fsdecode(args[0])  # type: ignore[arg-type]
        if outside_the_checkout(raw):
            opened_outside.append(raw)


def install() -> None:
    """Install the hook once (audit hooks cannot be removed)."""
    if _hook not in getattr(sys, "_carrefour_hooks", ()):
        sys.addaudithook(_hook)
        sys._carrefour_hooks = (_hook,)  # type: ignore[attr-defined]
