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


def probability(p: float, complement: float, decimals: int = 4) -> str:
    """`rounded(p)`, except that a probability strictly between 0 and 1 never reads 0.0 or 1.0.

    σ(10) rounds to 1.0 at 4 decimals (and σ(40) is 1.0 in floating point), which would contradict
    "σ never reaches 0 or 1". `complement` is 1 − p computed without cancellation (σ(−z) for σ(z)),
    so the distance from 1 shows even where p itself has lost it: σ(10) reads "1 − 4.5e-05".
    """
    text = rounded(p, decimals)
    if text in ("0.0", "-0.0") and p > 0:
        return f"{p:.2g}"
    if text == "1.0" and complement > 0:
        return f"1 − {complement:.2g}"
    return text
