"""Returned values as the parent sees them (plain JSON data): compare with a tolerance, show as short text."""

from __future__ import annotations

import math
from typing import Any

MAX_SHOWN = 200


def _number(value: Any) -> bool:
    return isinstance(value, int | float)


def same(expected: Any, got: Any, tolerance: float) -> bool:
    """Equal within the tolerance (relative and absolute) number by number; lists and tuples alike."""
    if _number(expected) and _number(got):
        # bool counts as a number: a learner's True for the class label 1 is not the mistake worth failing
        e, g = float(expected), float(got)
        if math.isnan(e) or math.isnan(g):
            return math.isnan(e) and math.isnan(g)
        return math.isclose(e, g, rel_tol=tolerance, abs_tol=tolerance)
    if isinstance(expected, list) and isinstance(got, list):
        return len(expected) == len(got) and all(same(e, g, tolerance) for e, g in zip(expected, got, strict=True))
    return bool(type(expected) is type(got) and expected == got)


def _text(value: Any) -> str:
    """A plain value as Python-like text; floats to 10 significant digits."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return repr(value)
        text = f"{value:.10g}"
        return text if any(c in text for c in ".en") else text + ".0"  # 0.0 stays a float, not 0
    if isinstance(value, list):
        return "[" + ", ".join(_text(item) for item in value) + "]"
    return repr(value)


def show(value: Any, type_name: str = "") -> str:
    """How a returned value is shown: tuples in parentheses, arrays as array([...]), cut when long."""
    text = _text(value)
    if isinstance(value, list) and type_name == "tuple":
        text = "(" + text[1:-1] + ("," if len(value) == 1 else "") + ")"
    elif isinstance(value, list) and type_name == "ndarray":
        text = f"array({text})"
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"
