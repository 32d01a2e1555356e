"""What every PDF plot shares: the palette, round ticks, data-to-page coordinates and the y axis."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from tutor.support.numbers import short

if TYPE_CHECKING:
    from fpdf import FPDF

RGB = tuple[int, int, int]
# The terminal's palette order (tutor.render.plots): blue, green, red, cyan, magenta, orange; print-friendly shades.
SERIES_RGB: tuple[RGB, ...] = (
    (31, 119, 180),
    (44, 160, 44),
    (214, 39, 40),
    (23, 160, 180),
    (148, 80, 170),
    (230, 120, 20),
)
# Threshold lines are dashed, in colours the series palette starts without (dark grey first).
RULE_RGB: tuple[RGB, ...] = ((70, 70, 70), (190, 60, 140), (120, 120, 20), (110, 110, 110))
NAMED_RGB: dict[str, RGB] = {
    "blue": SERIES_RGB[0],
    "green": SERIES_RGB[1],
    "red": SERIES_RGB[2],
    "cyan": SERIES_RGB[3],
    "magenta": SERIES_RGB[4],
    "orange": SERIES_RGB[5],
    "gray": (110, 110, 110),
    "black": (0, 0, 0),
}
MARKERS = ("circle", "square", "triangle", "cross")
AXIS_GREY = (90, 90, 90)
GRID_GREY = (225, 225, 225)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick positions (1, 2, 2.5, 5 × 10ⁿ apart) covering [low, high]."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low]
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next((m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw), 10 * power)
    first = math.ceil(low / step - 1e-9)
    ticks = [i * step for i in range(first, math.floor(high / step + 1e-9) + 1)]
    return [0.0 if abs(t) < step * 1e-9 else t for t in ticks]


def finite(value: float) -> bool:
    return math.isfinite(value) and abs(value) <= 1e300


class Frame:
    """Data coordinates to page coordinates inside the axes box."""

    def __init__(
        self, left: float, top: float, width: float, height: float, xs: tuple[float, float], ys: tuple[float, float]
    ) -> None:
        self.left, self.top, self.width, self.height = left, top, width, height
        self.x0, self.x1 = xs
        self.y0, self.y1 = ys

    def px(self, value: float) -> float:
        return self.left + (value - self.x0) / (self.x1 - self.x0) * self.width

    def py(self, value: float) -> float:
        return self.top + self.height - (value - self.y0) / (self.y1 - self.y0) * self.height


def span(values: list[float]) -> tuple[float, float]:
    """Limits for the data: a single value widened around itself, none gives 0..1, a 4% margin otherwise."""
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    if low == high:
        pad = max(abs(low) * 0.1, 1.0)
        return low - pad, high + pad
    pad = (high - low) * 0.04
    return low - pad, high + pad


def y_axis(pdf: FPDF, frame: Frame) -> None:
    """The box, horizontal grid lines and y ticks (bars label their own categories)."""
    yticks = [t for t in nice_ticks(frame.y0, frame.y1, 5) if frame.y0 <= t <= frame.y1]
    pdf.set_line_width(0.15)
    pdf.set_draw_color(*GRID_GREY)
    for t in yticks:
        pdf.line(frame.left, frame.py(t), frame.left + frame.width, frame.py(t))
    pdf.set_line_width(0.3)
    pdf.set_draw_color(*AXIS_GREY)
    pdf.rect(frame.left, frame.top, frame.width, frame.height)
    pdf.set_text_color(60, 60, 60)
    for t in yticks:
        label = short(t, 4)
        pdf.text(frame.left - pdf.get_string_width(label) - 1.2, frame.py(t) + 1.0, label)
