"""Axis ticks a reader can use: round steps, whole numbers on whole-number axes, no -0, ends on a tick."""

from __future__ import annotations

import math
from dataclasses import dataclass

# Step mantissas, finest first: 0.25 reads well on a probability axis, 2.5 is never a whole-number step.
_MANTISSAS = (1.0, 2.0, 2.5, 5.0)
_WHOLE_MANTISSAS = (1.0, 2.0, 5.0)
_MAX_DECIMALS = 8


@dataclass(frozen=True)
class Axis:
    """An axis's limits and its ticks (positions with their labels)."""

    low: float
    high: float
    positions: tuple[float, ...]
    labels: tuple[str, ...]


def linear_axis(low: float, high: float, max_ticks: int, *, whole: bool = False, fixed: bool = False) -> Axis:
    """Ticks every round step (1, 2, 2.5 or 5 × 10ⁿ; whole steps when `whole`), at most `max_ticks`.

    Unless `fixed`, the limits widen to the nearest ticks outside the data, so the axis ends on a
    labelled tick (0..199 steps becomes 0..200). `low < high` and both finite are the caller's job.
    """
    max_ticks = max(max_ticks, 2)
    step = _step(high - low, max_ticks, whole, fixed, low, high)
    if step is None:  # a span too small or too large for round steps: label the two ends
        return Axis(low, high, (low, high), (_plain(low, 3), _plain(high, 3)))
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    if not fixed:
        first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
        low, high = first * step, last * step
    positions = tuple(i * step for i in range(first, last + 1))
    decimals = 0 if whole else _decimals(step)
    return Axis(low, high, positions, tuple(_fixed(p, decimals) for p in positions))


def log_axis(low: float, high: float, max_ticks: int, *, fixed: bool = False) -> Axis:
    """Ticks at powers of ten on a log10 axis (limits and positions are exponents), labelled in y.

    Unless `fixed`, the limits widen to whole decades; a spec's own limits keep their ends labelled.
    """
    first, last = math.ceil(low - 1e-9), math.floor(high + 1e-9)
    if not fixed:
        first, last = math.floor(low + 1e-9), math.ceil(high - 1e-9)
        low, high = float(first), float(last)
    every = max(1, math.ceil((last - first + 1) / max(max_ticks, 2)))
    exponents = list(range(first, last + 1, every))
    positions = [float(e) for e in exponents]
    labels = [_decade(e) for e in exponents]
    if fixed:  # the spec's limits are where its story happens (a loss floor, a ceiling): say them
        for end in (low, high):
            if all(abs(end - p) > 0.3 for p in positions):
                positions.append(end)
                labels.append(_plain(10**end, 2))
    order = sorted(range(len(positions)), key=positions.__getitem__)
    return Axis(low, high, tuple(positions[i] for i in order), tuple(labels[i] for i in order))


def _step(span: float, max_ticks: int, whole: bool, fixed: bool, low: float, high: float) -> float | None:
    """The finest round step that gives at most max_ticks ticks (None when the span defeats floats)."""
    if not (span > 0 and math.isfinite(span)) or span < 1e-12 * max(abs(low), abs(high)):
        return None
    exponent = math.floor(math.log10(span / max_ticks))
    for power in range(exponent - 1, exponent + 3):
        for mantissa in _WHOLE_MANTISSAS if whole else _MANTISSAS:
            step = mantissa * 10.0**power
            if (whole and step < 1) or step <= 0 or not math.isfinite(step):
                continue
            if fixed:
                count = math.floor(high / step + 1e-9) - math.ceil(low / step - 1e-9) + 1
            else:
                count = math.ceil(high / step - 1e-9) - math.floor(low / step + 1e-9) + 1
            if 2 <= count <= max_ticks or (fixed and count == 1 and max_ticks <= 2):
                return step
    return None


def _decimals(step: float) -> int:
    """The fewest decimals that print every multiple of step exactly (0.25 needs 2, 50 needs 0)."""
    for decimals in range(_MAX_DECIMALS + 1):
        if abs(round(step, decimals) - step) <= step * 1e-9:
            return decimals
    return _MAX_DECIMALS


def _fixed(value: float, decimals: int) -> str:
    """value with `decimals` decimals; never '-0' or '-0.00'."""
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _plain(value: float, digits: int) -> str:
    """A short label (3 significant digits), never '-0'."""
    text = f"{value:.{digits}g}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _decade(exponent: int) -> str:
    """10**exponent as a reader writes it: 0.001, 1, 100; 1e-05 and 1e+06 beyond."""
    if -4 <= exponent < 0:
        return f"{10.0**exponent:.{-exponent}f}"
    if 0 <= exponent <= 5:
        return str(10**exponent)
    return f"1e{exponent:+03d}"
