"""A plot spec drawn on a PDF page as vector paths: axes, ticks, series, threshold lines, legend.

The same PlotSpec the terminal renders with plotext; here lines are lines and points are shapes, so the
plot stays sharp at any zoom and holds no picture.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

from tutor.render.export.pdf_axes import (
    AXIS_GREY,
    GRID_GREY,
    MARKERS,
    NAMED_RGB,
    RGB,
    RULE_RGB,
    SERIES_RGB,
    Frame,
    finite,
    nice_ticks,
    span,
)
from tutor.render.export.pdf_bars import bars, cmatrix
from tutor.support.numbers import short

if TYPE_CHECKING:
    from fpdf import FPDF

    from tutor.engine.result import PlotSpec


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
            cmatrix(pdf, spec, x, y + 7, w, h - 7)
        elif spec.kind == "bar":
            bars(pdf, spec, x, y + 7, w, h - 7)
        else:
            _xy(pdf, spec, x, y + 7, w, h - 7)


def _axes(pdf: FPDF, frame: Frame, spec: PlotSpec, log: bool) -> None:
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
        return finite(value) and (value > 0 or not (log and on_y))

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
        yspan = span([b for _, pts in series for _, b in pts] + [v for v, _ in hlines])
    xspan = span([a for _, pts in series for a, _ in pts] + [v for v, _ in vlines])
    legend = [
        (s.label, _colour(s.color, i), s.kind, MARKERS[i % len(MARKERS)]) for i, (s, _) in enumerate(series) if s.label
    ]
    legend_rows = _legend_rows(
        pdf, legend + [(label, RULE_RGB[i % 4], "rule", "") for i, (_, label) in enumerate(hlines + vlines)], w - 14
    )
    frame = Frame(x + 14, y, w - 16, h - 11 - 4.5 * len(legend_rows), xspan, yspan)
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
