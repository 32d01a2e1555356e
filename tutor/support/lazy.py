"""A module imported on first attribute use, so start-up never pays for what it does not draw or run."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands in for a module; the real import happens at the first attribute access."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)


def lazy(name: str) -> LazyModule:
    """A lazily imported module: numpy costs ~150 ms and plotext ~250 ms to import here.

    Its attributes are untyped; for types, import the real module under TYPE_CHECKING and bind
    `lazy(...)` to the same name in the `else:` branch, as the experiments do.
    """
    return LazyModule(name)
