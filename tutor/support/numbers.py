"""The number formats the app shows, in one place: short (for labels and fields) and rounded."""

from __future__ import annotations

# Floats at or beyond this size are printed as floats: int() of them would invent digits.
_EXACT_INT_LIMIT = 1e15


def short(value: float, digits: int = 6) -> str:
    """A compact label: 1 not 1.0, 0.25 not 0.250000, at most `digits` significant digits."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < _EXACT_INT_LIMIT:
        return str(int(value))
    return f"{value:.{digits}g}"


def rounded(value: float, decimals: int = 4) -> str:
    """Round to `decimals` places and print as Python does (0.187, 1.0), as the seed notebook prints."""
    return repr(round(float(value), decimals))
