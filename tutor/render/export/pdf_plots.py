"""A plot spec drawn on a PDF page as vector paths: axes, ticks, series, threshold lines, legend.

The same PlotSpec the terminal renders with plotext; here lines are lines and points are shapes, so the
plot stays sharp at any zoom and holds no picture.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

from tutor.support.numbers import short

if TYPE_CHECKING:
    from fpdf import FPDF

    from tutor.engine.result import PlotSpec

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


def _finite(value: float) -> bool:
    return math.isfinite(value) and abs(value) <= 1e300


def draw_plot(pdf: FPDF, spec: PlotSpec, x: float, y: float, w: float, h: float) -> None:
    """Draw `spec` in the box (x, y, w, h), in mm; title on top, legend at the bottom."""
    with pdf.local_context():
        pdf.set_font("DejaVu", "B", 9)
        pdf.set_text_color(0, 0, 0)
        if spec.title:
            pdf.set_xy(x, y)
            pdf.cell(w, 5, spec.title, align="C")
        pdf.set_font("DejaVu", "", 7)
        if spec.kind == "cmatrix":
            _cmatrix(pdf, spec, x, y + 7, w, h - 7)
        elif spec.kind == "bar":
            _bars(pdf, spec, x, y + 7, w, h - 7)
        else:
            _xy(pdf, spec, x, y + 7, w, h - 7)


class _Frame:
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


def _span(values: list[float]) -> tuple[float, float]:
    """Limits for the data: a single value widened around itself, none gives 0..1, a 4% margin otherwise."""
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    if low == high:
        pad = max(abs(low) * 0.1, 1.0)
        return low - pad, high + pad
    pad = (high - low) * 0.04
    return low - pad, high + pad


def _axes(pdf: FPDF, frame: _Frame, spec: PlotSpec, log: bool) -> None:
    """Grid, box, ticks with labels, and the axis labels."""
    pdf.set_line_width(0.15)
    xticks = [t for t in nice_ticks(frame.x0, frame.x1, 6) if frame.x0 <= t <= frame.x1]
    yticks = [t for t in nice_ticks(frame.y0, frame.y1, 5) if frame.y0 <= t <= frame.y1]
    pdf.set_draw_color(*GRID_GREY)
    for t in xticks:
        pdf.line(frame.px(t), frame.top, frame.px(t), frame.top + frame.height)
    for t in yticks:
        pdf.line(frame.left, frame.py(t), frame.left + frame.width, frame.py(t))
    pdf.set_draw_color(*AXIS_GREY)
    pdf.set_line_width(0.3)
    pdf.rect(frame.left, frame.top, frame.width, frame.height)
    pdf.set_text_color(60, 60, 60)
    for t in xticks:
        label = short(t, 4)
        pdf.text(frame.px(t) - pdf.get_string_width(label) / 2, frame.top + frame.height + 3.5, label)
    for t in yticks:
        label = f"{10**t:.3g}" if log else short(t, 4)
        pdf.text(frame.left - pdf.get_string_width(label) - 1.2, frame.py(t) + 1.0, label)
    if spec.xlabel:
        pdf.text(
            frame.left + (frame.width - pdf.get_string_width(spec.xlabel)) / 2,
            frame.top + frame.height + 7.5,
            spec.xlabel,
        )
    if spec.ylabel:
        with pdf.rotation(90, frame.left - 11, frame.top + frame.height / 2):
            pdf.text(frame.left - 11 - pdf.get_string_width(spec.ylabel) / 2, frame.top + frame.height / 2, spec.ylabel)


def _xy(pdf: FPDF, spec: PlotSpec, x: float, y: float, w: float, h: float) -> None:
    """Lines, steps and scatters, with the spec's threshold lines; a log axis is log10 on a linear one."""
    log = spec.yscale == "log"

    def ok(value: float, on_y: bool) -> bool:
        return _finite(value) and (value > 0 or not (log and on_y))

    to = math.log10 if log else float
    series = []
    for s in spec.series:
        points = [
            (float(a), to(float(b)))
            for a, b in zip(s.x, s.y, strict=False)
            if ok(float(a), False) and ok(float(b), True)
        ]
        if points:
            series.append((s, points))
    hlines = [(to(v), label or f"y = {v:.3g}") for v, label in spec.hlines if ok(v, True)]
    vlines = [(float(v), label or f"x = {v:.3g}") for v, label in spec.vlines if ok(v, False)]
    ylim = spec.ylim
    if ylim and ok(ylim[0], True) and ok(ylim[1], True) and ylim[0] < ylim[1]:
        yspan = (to(ylim[0]), to(ylim[1]))
    else:
        yspan = _span([b for _, pts in series for _, b in pts] + [v for v, _ in hlines])
    xspan = _span([a for _, pts in series for a, _ in pts] + [v for v, _ in vlines])
    legend = [
        (s.label, _colour(s.color, i), s.kind, MARKERS[i % len(MARKERS)]) for i, (s, _) in enumerate(series) if s.label
    ]
    legend_rows = _legend_rows(
        pdf, legend + [(label, RULE_RGB[i % 4], "rule", "") for i, (_, label) in enumerate(hlines + vlines)], w - 14
    )
    frame = _Frame(x + 14, y, w - 16, h - 11 - 4.5 * len(legend_rows), xspan, yspan)
    _axes(pdf, frame, spec, log)
    with pdf.rect_clip(frame.left, frame.top, frame.width, frame.height):
        for index, (s, points) in enumerate(series):
            colour = _colour(s.color, index)
            pdf.set_draw_color(*colour)
            pdf.set_fill_color(*colour)
            if s.kind == "scatter":
                for a, b in points:
                    _marker(pdf, MARKERS[index % len(MARKERS)], frame.px(a), frame.py(b))
                continue
            if s.kind == "step":
                points = _steps(points)
            pdf.set_line_width(0.5)
            pdf.polyline([(frame.px(a), frame.py(b)) for a, b in points])
        pdf.set_line_width(0.35)
        for index, (value, _) in enumerate(hlines):
            pdf.set_draw_color(*RULE_RGB[index % 4])
            with pdf.local_context(dash_pattern={"dash": 1.2, "gap": 0.8}):
                pdf.line(frame.left, frame.py(value), frame.left + frame.width, frame.py(value))
        for index, (value, _) in enumerate(vlines, start=len(hlines)):
            pdf.set_draw_color(*RULE_RGB[index % 4])
            with pdf.local_context(dash_pattern={"dash": 1.2, "gap": 0.8}):
                pdf.line(frame.px(value), frame.top, frame.px(value), frame.top + frame.height)
    _legend(pdf, legend_rows, x + 14, frame.top + frame.height + 10)


def _steps(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A post-step line: each value holds until the next x, then jumps."""
    out = points[:1]
    for (_, held), (a1, b1) in itertools.pairwise(points):
        out += [(a1, held), (a1, b1)]
    return out


def _colour(name: str | None, index: int) -> RGB:
    """The series' own colour when named (plotext names, '+' for bright), else the palette's for its place."""
    base = (name or "").rstrip("+")
    return NAMED_RGB.get(base, SERIES_RGB[index % len(SERIES_RGB)])


def _marker(pdf: FPDF, shape: str, cx: float, cy: float, r: float = 0.8) -> None:
    """One scatter point; the shape tells series apart without colour (as the terminal's x, o, +, *)."""
    if shape == "circle":
        pdf.circle(cx, cy, r, style="F")
    elif shape == "square":
        pdf.rect(cx - r, cy - r, 2 * r, 2 * r, style="F")
    elif shape == "triangle":
        pdf.polygon([(cx, cy - r * 1.2), (cx + r * 1.1, cy + r * 0.8), (cx - r * 1.1, cy + r * 0.8)], style="F")
    else:
        pdf.set_line_width(0.35)
        pdf.line(cx - r, cy - r, cx + r, cy + r)
        pdf.line(cx - r, cy + r, cx + r, cy - r)


LegendEntry = tuple[str, RGB, str, str]  # label, colour, kind ("line", "scatter", "step", "rule"), marker


def _legend_rows(pdf: FPDF, entries: list[LegendEntry], width: float) -> list[list[LegendEntry]]:
    """Entries in rows that fit the width (an entry wider than a row gets a row of its own)."""
    rows: list[list[LegendEntry]] = []
    used = width
    for entry in entries:
        need = 9 + pdf.get_string_width(entry[0])
        if used + need > width:
            rows.append([])
            used = 0.0
        rows[-1].append(entry)
        used += need
    return rows


def _legend(pdf: FPDF, rows: list[list[LegendEntry]], x: float, y: float) -> None:
    """A swatch (line, dashed rule or marker) and the label of each entry."""
    pdf.set_text_color(40, 40, 40)
    for row in rows:
        cursor = x
        for label, colour, kind, marker in row:
            pdf.set_draw_color(*colour)
            pdf.set_fill_color(*colour)
            if kind == "scatter":
                _marker(pdf, marker, cursor + 2.5, y - 1)
            elif kind == "rule":
                pdf.set_line_width(0.35)
                with pdf.local_context(dash_pattern={"dash": 1.2, "gap": 0.8}):
                    pdf.line(cursor, y - 1, cursor + 5, y - 1)
            else:
                pdf.set_line_width(0.5)
                pdf.line(cursor, y - 1, cursor + 5, y - 1)
            label_text = label if pdf.get_string_width(label) < 150 else label[:80] + "…"
            pdf.text(cursor + 6.5, y, label_text)
            cursor += 9 + pdf.get_string_width(label_text)
        y += 4.5


def _bars(pdf: FPDF, spec: PlotSpec, x: float, y: float, w: float, h: float) -> None:
    """One bar per category, its value written above it."""
    pairs = [(str(c), float(v)) for c, v in zip(spec.categories, spec.values, strict=False) if _finite(float(v))]
    ylim = (
        spec.ylim
        if spec.ylim and _finite(spec.ylim[0]) and _finite(spec.ylim[1]) and spec.ylim[0] < spec.ylim[1]
        else None
    )
    values = [v for _, v in pairs]
    yspan = ylim or _span([0.0, *values])
    frame = _Frame(x + 14, y, w - 16, h - 12, (0.0, float(max(len(pairs), 1))), yspan)
    _axes_y_only(pdf, frame)
    pdf.set_fill_color(*SERIES_RGB[0])
    base = min(max(0.0, yspan[0]), yspan[1])
    with pdf.rect_clip(frame.left, frame.top, frame.width, frame.height):
        for index, (_, value) in enumerate(pairs):
            top = min(max(value, yspan[0]), yspan[1])
            left = frame.px(index + 0.2)
            pdf.rect(
                left,
                min(frame.py(top), frame.py(base)),
                frame.px(index + 0.8) - left,
                abs(frame.py(top) - frame.py(base)),
                style="F",
            )
    pdf.set_text_color(30, 30, 30)
    for index, (name, value) in enumerate(pairs):
        label = short(value, 4)
        middle = frame.px(index + 0.5)
        pdf.text(
            middle - pdf.get_string_width(label) / 2,
            max(frame.py(min(max(value, yspan[0]), yspan[1])) - 1.2, frame.top + 3),
            label,
        )
        name = name if pdf.get_string_width(name) <= frame.width / max(len(pairs), 1) else name[:12] + "…"
        pdf.text(middle - pdf.get_string_width(name) / 2, frame.top + frame.height + 3.5, name)


def _axes_y_only(pdf: FPDF, frame: _Frame) -> None:
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


def _cmatrix(pdf: FPDF, spec: PlotSpec, x: float, y: float, w: float, h: float) -> None:
    """A confusion matrix: actual classes down the side, predicted across the top, counts in the cells."""
    n = max([len(spec.matrix)] + [len(row) for row in spec.matrix])
    if n == 0:
        pdf.text(x + w / 2 - 8, y + 10, "(no data)")
        return
    names = [str(spec.categories[i]) if i < len(spec.categories) else str(i) for i in range(n)]
    cell = min(18.0, (h - 14) / n, (w - 40) / n)
    left = x + (w - n * cell) / 2 + 10
    top = y + 8
    pdf.set_text_color(40, 40, 40)
    pdf.text(left + (n * cell - pdf.get_string_width("predicted")) / 2, y + 2.5, "predicted")
    with pdf.rotation(90, left - 12, top + n * cell / 2):
        pdf.text(left - 12 - pdf.get_string_width("actual") / 2, top + n * cell / 2, "actual")
    for j, name in enumerate(names):
        pdf.text(left + j * cell + (cell - pdf.get_string_width(name)) / 2, top - 1.5, name)
    pdf.set_line_width(0.3)
    pdf.set_draw_color(*AXIS_GREY)
    for i, row in enumerate(spec.matrix):
        pdf.text(left - pdf.get_string_width(names[i]) - 2, top + i * cell + cell / 2 + 1, names[i])
        for j in range(n):
            count = row[j] if j < len(row) else None
            text = "-" if count is None or not _finite(float(count)) else short(count, 4)
            fill = (214, 236, 214) if i == j else (246, 214, 214) if text not in ("0", "-") else (250, 250, 250)
            pdf.set_fill_color(*fill)
            pdf.rect(left + j * cell, top + i * cell, cell, cell, style="DF")
            pdf.set_font("DejaVu", "B", 10)
            pdf.text(left + j * cell + (cell - pdf.get_string_width(text)) / 2, top + i * cell + cell / 2 + 1.5, text)
            pdf.set_font("DejaVu", "", 7)
