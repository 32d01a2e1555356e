"""Start-up check that `tutor`, `screens` and `content` are ours, not another distribution's.

The wheel installs three generic top-level names; unrelated PyPI distributions (Open edX's
`tutor`, `content`) install the same names and silently overwrite or shadow ours. Each of our
packages' `__init__.py` carries a marker line; this module looks for it without importing
anything (a foreign package's import could fail or have side effects).
"""

from __future__ import annotations

import importlib.util
import sys

PACKAGES = ("tutor", "screens", "content")
MARKER = "MLPREP_TUI_PACKAGE = "
FIX = "reinstall mlprep-tui in an environment of its own with `pipx install` or `uv tool install` (see its README)"


def foreign_package() -> str | None:
    """One line naming the first of our packages that resolves to someone else's code, or None."""
    for name in PACKAGES:
        origin = _origin(name)
        if origin is None:
            return f"the package '{name}' is missing from this installation; {FIX}."
        try:
            with open(origin, encoding="utf-8", errors="replace") as source:
                ours = MARKER in source.read()
        except OSError:
            ours = False
        if not ours:
            return (
                f"'{name}' resolves to {origin}, which is not mlprep-tui's (another installed package "
                f"uses the same name); {FIX}."
            )
    return None


def _origin(name: str) -> str | None:
    """The file a top-level package would be imported from (its __init__.py), or None."""
    module = sys.modules.get(name)
    if module is not None:
        return getattr(module, "__file__", None)
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    # A namespace package (a bare folder) has no origin file: not ours either.
    return spec.origin if spec is not None and spec.has_location else None
