"""Render a PlotSpec as terminal text with plotext 6: deterministic, size-bounded, thread-safe, never raising."""

from __future__ import annotations

import contextlib
import io
import itertools
import math
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tutor.render.cmatrix import render_cmatrix
from tutor.render.text_cells import TOO_SMALL, clip, strip_ansi
from tutor.render.ticks import Axis, linear_axis, log_axis
from tutor.support.lazy import lazy
from tutor.support.numbers import short

if TYPE_CHECKING:  # annotations only: the result types load with the first run
    import plotext as plt  # no stubs (ignore_missing_imports), so it is Any to mypy all the same

    from tutor.engine.result import PlotSpec
else:
    plt = lazy("plotext")  # its import costs ~250 ms, which start-up should not pay

__all__ = ["MIN_HEIGHT", "MIN_WIDTH", "TOO_SMALL", "is_loaded", "preload", "render", "strip_ansi"]

MIN_WIDTH = 20
MIN_HEIGHT = 6

# plotext keeps module-level state and its C kernel runs outside the GIL (ctypes): one thread at a time.
_LOCK = threading.Lock()


def is_loaded() -> bool:
    """True once plotext has been imported (the UI warms it in the background after first paint)."""
    return "plotext" in sys.modules


def preload() -> None:
    """Import plotext now (from a background thread), so the first plot draws without a pause."""
    import plotext  # noqa: F401


# plotext's 16 named colours; any other name in Series.color falls back to the palette.
_HUES = ["gray", "red", "green", "orange", "blue", "magenta", "cyan"]
_COLOR_NAMES = frozenset(["black", "white"] + [hue + shade for hue in _HUES for shade in ("", "+")])
# Bright foregrounds only (no black/white, no backgrounds): readable on dark and light terminals.
_SERIES_COLORS = ("blue+", "green+", "red+", "cyan+", "magenta+", "orange+")
_RULE_COLORS = ("orange", "magenta", "cyan", "gray")
# Each series gets its own glyph, so every one can be told apart without colour (NO_COLOR):
# scatter markers are characters; lines are blocks, braille, then dots and plus signs.
_SCATTER_MARKERS = ("x", "o", "+", "*")
_LINE_MARKERS = (("hd", "▚"), ("braille", "⠶"), ("•", "•"), ("·", "·"))
# Rows a plotext figure spends outside its canvas: title, two frame lines, tick labels, axis labels.
_FRAME_ROWS = 5

Legend = list[tuple[str, str, str]]  # (glyph, label, colour)
Run = tuple[list[float], list[float]]


@dataclass
class _Layer:
    """One series, ready to draw: kind, points on the drawn scale, plotext marker code and colour."""

    kind: str
    xs: list[float]
    ys: list[float]
    code: str
    colour: str


@dataclass
class _Xy:
    """An xy spec prepared for drawing: its layers, reference lines, legend and what sets the axes."""

    log: bool
    ylim: tuple[float, float] | None
    layers: list[_Layer] = field(default_factory=list)
    hlines: list[tuple[float, str]] = field(default_factory=list)
    vlines: list[tuple[float, str]] = field(default_factory=list)
    legend: Legend = field(default_factory=list)


def render(spec: PlotSpec, width: int, height: int, color: bool = True) -> str:
    """Render a plot spec to at most height rows of exactly width columns; never raises."""
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return clip(TOO_SMALL, width)
    try:
        if spec.kind == "cmatrix":
            return render_cmatrix(spec, width, height, color)
        if spec.kind not in ("xy", "bar"):
            raise ValueError(f"unknown plot kind {spec.kind!r}")
        with _LOCK:
            return _render_plotext(spec, width, height, color)
    except Exception as exc:  # a plot must never take the screen down with it
        return clip(f"(could not draw plot: {type(exc).__name__}: {exc})", width)


def _ok(value: float, log: bool = False) -> bool:
    """True for a value plotext can place: finite, within ±1e300, and positive on a log axis."""
    # plotext's scaling arithmetic overflows near the float limit, so such values count as infinite.
    return math.isfinite(value) and abs(value) <= 1e300 and (value > 0 or not log)


def _render_plotext(spec: PlotSpec, width: int, height: int, color: bool) -> str:
    """Draw an xy or bar spec on a private plotext figure and return its text."""
    # A new terminal object owns a new master figure: no earlier call's state leaks in, plt.figure is untouched.
    fig = type(plt.terminal)().limit(False, False)._master  # unlimited: the real terminal's size must not clamp ours
    fig.theme("simple" if color else "colorless")  # "simple" paints no background anywhere
    xy = _prepare_xy(spec) if spec.kind == "xy" else None
    legend = xy.legend if xy else []
    # Rows for the legend: two when it needs them and the plot keeps its minimum, else one, else none.
    rows = len(_legend_lines(legend, width, False, 2)) if legend and height >= MIN_HEIGHT + 2 else 0
    rows = min(rows, height - _FRAME_ROWS - 3)  # the canvas keeps three rows before the legend gets one
    plot_height = height - rows
    fig.plot_size(width, plot_height).title(clip(spec.title, width))  # plotext treats an empty label as none
    fig.label(clip(spec.xlabel, width // 2), "x").label(clip(spec.ylabel, width // 2 - 2), "y")  # they share a row
    if xy:
        _draw_xy(fig, xy, width, plot_height)
    else:
        _draw_bar(fig, spec, plot_height)
    # plotext warns on stderr when an axis range collapses (a flat 1e17 series): on a TUI that scribbles on screen.
    with contextlib.redirect_stderr(io.StringIO()):
        matrix = fig.build()
    if matrix.width() > width or matrix.height() > plot_height:
        matrix = matrix[0:plot_height, 0:width]
    lines = matrix.string(colorless=not color).rstrip("\n").split("\n")
    lines += _legend_lines(legend, width, color, rows) if rows else []
    return "\n".join(line + " " * max(width - len(strip_ansi(line)), 0) for line in lines[:height])


def _prepare_xy(spec: PlotSpec) -> _Xy:
    """The drawable points of each series (finite, positive on a log axis), their glyphs and the legend."""
    log = spec.yscale == "log"
    # A log axis is log10(y) on a linear one, labelled in y: plotext's own fails on a flat series at or below 1.
    to = math.log10 if log else float
    xy = _Xy(log=log, ylim=_valid_ylim(spec.ylim, log))
    low, high = xy.ylim or (-math.inf, math.inf)
    scatter_markers, line_markers = itertools.cycle(_SCATTER_MARKERS), itertools.cycle(_LINE_MARKERS)
    for index, series in enumerate(spec.series):
        # strict=False: a hand-made spec may hold unequal x and y; the common part is drawn
        points = [
            (float(x), to(float(y)))
            for x, y in zip(series.x, series.y, strict=False)
            if _ok(float(x)) and _ok(float(y), log)
        ]
        if not points:
            continue  # an empty series would only add a legend entry with nothing behind it
        # the series' own colour when plotext knows the name, else the palette's for its position
        colour = series.color if series.color in _COLOR_NAMES else _SERIES_COLORS[index % len(_SERIES_COLORS)]
        code, glyph = (next(scatter_markers),) * 2 if series.kind == "scatter" else next(line_markers)
        xy.layers.append(_Layer(series.kind, [x for x, _ in points], [y for _, y in points], code, colour))
        if series.label:
            xy.legend.append((glyph, series.label, colour))
    # a line outside the y limits would not show, so it gets no legend entry either
    xy.hlines = [(to(y), label or f"y = {y:.3g}") for y, label in spec.hlines if _ok(y, log) and low <= to(y) <= high]
    xy.vlines = [(float(x), label or f"x = {x:.3g}") for x, label in spec.vlines if _ok(x)]
    for rule, (_, label) in enumerate(xy.hlines + xy.vlines):
        xy.legend.append(("┈" if rule < len(xy.hlines) else "┊", label, _RULE_COLORS[rule % len(_RULE_COLORS)]))
    return xy


def _draw_xy(fig: Any, xy: _Xy, width: int, height: int) -> None:  # fig: plotext's plot class
    """Draw reference lines first, then lines, then markers on top, on axes with round ticks."""
    xs = [x for layer in xy.layers for x in layer.xs] + [x for x, _ in xy.vlines]
    ys = [y for layer in xy.layers for y in layer.ys] + [y for y, _ in xy.hlines]
    rows = max(height - _FRAME_ROWS, 2)
    y_low, y_high = xy.ylim or _span(ys)
    if xy.log:
        y_axis = _fit(lambda n: log_axis(y_low, y_high, n, fixed=xy.ylim is not None), rows, 1.5)
    else:
        whole_y = _whole(ys)
        y_axis = _fit(lambda n: _linear(y_low, y_high, n, whole_y, xy.ylim is not None), rows, 1.5)
    columns = max(width - max(len(label) for label in y_axis.labels) - 3, 4)
    x_low, x_high = _span(xs)
    whole_x = _whole(xs)
    x_axis = _fit(lambda n: _linear(x_low, x_high, n, whole_x, False), columns, 0, labels=True)
    x_span, y_span = (x_axis.low, x_axis.high), (y_axis.low, y_axis.high)
    # Threshold lines are segments (plotext's ruler lines always carry a background colour), drawn
    # first so the data they describe is drawn over them, never hidden under them.
    rules = [(x_span, (y, y), 0) for y, _ in xy.hlines] + [((x, x), y_span, 1) for x, _ in xy.vlines]
    for rule, (rx, ry, orientation) in enumerate(rules):
        pixel = plt.pixel(foreground=_RULE_COLORS[rule % len(_RULE_COLORS)])
        fig.draw(fig.segment(rx, ry, marker=plt.line(orientation, pixel=pixel, style="dotted")).density("full"))
    for layer in xy.layers:  # in the spec's order: the experiment puts what must stay visible last
        _draw_layer(fig, layer, y_span)
    fig.ruler("y").lim(*y_span).ticks(list(y_axis.positions), list(y_axis.labels))
    # x limits always set: plotext takes them from the points inside the y limits only; far lines exhaust memory
    fig.ruler("x").lim(*x_span).ticks(list(x_axis.positions), list(x_axis.labels))


def _draw_layer(fig: Any, layer: _Layer, y_span: tuple[float, float]) -> None:
    """One series: markers inside the y limits, or a polyline cut where it leaves them."""
    marker = plt.marker(layer.code, pixel=plt.pixel(foreground=layer.colour))  # explicit: no theme cycler
    xs, ys = layer.xs, layer.ys
    if layer.kind == "scatter":
        inside = [(x, y) for x, y in zip(xs, ys, strict=True) if y_span[0] <= y <= y_span[1]]
        runs: list[Run] = [([x for x, _ in inside], [y for _, y in inside])] if inside else []
    else:
        if layer.kind == "step":  # a post-step function: each value holds until the next x, then jumps
            xs = xs[:1] + [x for x in xs[1:] for _ in (0, 1)]
            ys = ys[:1] + [y for p in itertools.pairwise(ys) for y in p]
        runs = _visible_runs(xs, ys, y_span)
    for run_x, run_y in runs:
        signal = fig.signal(run_x, run_y, marker=marker)
        if layer.kind != "scatter":
            # the step's vertical jumps need every cell filled or they show as dotted gaps
            signal.lines(True).density("full" if layer.kind == "step" else "simple")
        fig.draw(signal)


def _fit(make: Callable[[int], Axis], room: int, gap: float, labels: bool = False) -> Axis:
    """The axis with the most ticks whose neighbours stay `gap` cells apart (or their labels' width
    plus one, across), so no two labels run together."""
    for count in range(min(12, max(room // 2, 2)), 1, -1):
        axis = make(count)
        need = max(len(label) for label in axis.labels) + 1 if labels else gap
        spacing = min((b - a for a, b in itertools.pairwise(axis.positions)), default=axis.high - axis.low)
        if spacing / (axis.high - axis.low) * (room - 1) >= need:
            return axis
    return make(2)


def _linear(low: float, high: float, count: int, whole: bool, fixed: bool) -> Axis:
    """Round ticks; the limits widen to the ticks outside the data only when that costs little room."""
    widened = linear_axis(low, high, count, whole=whole)
    if fixed or widened.high - widened.low > 1.2 * (high - low):
        return linear_axis(low, high, count, whole=whole, fixed=True)
    return widened


def _whole(values: list[float]) -> bool:
    """True when every value is a whole number (classes, k, steps): the axis then has whole ticks."""
    return bool(values) and all(v.is_integer() and abs(v) < 1e15 for v in values)


def _visible_runs(xs: list[float], ys: list[float], ylim: tuple[float, float] | None) -> list[Run]:
    """The parts of a polyline inside the y limits, cut exactly where it crosses them."""
    # plotext 6.1's C kernel aborts the process when a densely drawn line leaves the canvas through the top.
    if ylim is None:
        return [(xs, ys)]
    low, high = ylim
    points = [(xs[0], ys[0])]
    for (x0, y0), (x1, y1) in itertools.pairwise(zip(xs, ys, strict=True)):
        cuts = sorted(((b - y0) / (y1 - y0), b) for b in (low, high) if (y0 < b) != (y1 < b))
        points += [(x0 + t * (x1 - x0), b) for t, b in cuts] + [(x1, y1)]
    runs = [points] if len(points) == 1 and low <= ys[0] <= high else []
    for p, q in itertools.pairwise(points):  # each piece now lies wholly inside or wholly outside
        if low <= (p[1] + q[1]) / 2 <= high:
            runs[-1].append(q) if runs and runs[-1][-1] is p else runs.append([p, q])
    return [([x for x, _ in run], [y for _, y in run]) for run in runs]


def _valid_ylim(ylim: tuple[float, float] | None, log: bool) -> tuple[float, float] | None:
    """The spec's y limits on the drawn scale (log10 on a log axis) when they describe a drawable range, else None."""
    low, high = (float(ylim[0]), float(ylim[1])) if ylim else (math.nan, math.nan)
    ok = _ok(low, log) and _ok(high, log) and low < high
    return None if not ok else (math.log10(low), math.log10(high)) if log else (low, high)


def _span(values: list[float]) -> tuple[float, float]:
    """The data's range, usable as limits: a single value is widened around itself, no value gives 0..1."""
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    pad = 0.0 if low < high else max(abs(low) * 1e-6, 1.0)
    return low - pad, high + pad


def _draw_bar(fig: Any, spec: PlotSpec, height: int) -> None:  # fig: plotext's plot class
    """Add the bars of a bar spec, each labelled with its value as the tables show it (bars need no legend)."""
    # strict=False: bars need a name and a value; extra names or values are left out
    given = spec.value_labels if len(spec.value_labels) == len(spec.values) else ()
    triples = [
        (clip(str(c), 16), float(v), clip(given[i], 12) if given else short(float(v), 4))
        for i, (c, v) in enumerate(zip(spec.categories, spec.values, strict=False))
        if _ok(float(v))
    ]
    ylim = _valid_ylim(spec.ylim, log=False)
    low, high = ylim or _span([0.0] + [v for _, v, _ in triples])
    y_axis = _fit(lambda n: linear_axis(low, high, n, fixed=ylim is not None), max(height - _FRAME_ROWS, 2), 1.5)
    low, high = y_axis.low, y_axis.high
    if triples:
        # bars are filled densely, so both ends are cut at the y limits (see _visible_runs)
        ends = [(min(max(0.0, low), high), min(max(v, low), high)) for _, v, _ in triples]
        # plotext writes a bar's label in the bar's colour on the canvas's (none): black on the bar reads anywhere
        labels = [plt.colorize(text, plt.pixel(foreground="black")) for _, _, text in triples]
        marker = plt.marker("full", pixel=plt.pixel(foreground=_SERIES_COLORS[0]))
        names, bottoms, tops = [name for name, _, _ in triples], [b for b, _ in ends], [t for _, t in ends]
        fig.draw(fig.bar(names, bottoms, tops, marker=marker, labeled=labels))
    fig.ruler("y").lim(low, high).ticks(list(y_axis.positions), list(y_axis.labels))
    fig.ruler("x").lim(0.5, max(len(triples), 1) + 0.5)  # as in _draw_xy: x limits must not depend on y


def _legend_lines(entries: Legend, width: int, color: bool, max_rows: int) -> list[str]:
    """Rows naming what was drawn ("▚ model  ┈ threshold"): an entry that does not fit starts the
    next row, up to max_rows; only the last row is cut to width. Glyphs coloured."""
    rows: list[tuple[str, int]] = [("", 0)]
    for glyph, label, colour in entries:
        out, used = rows[-1]
        if out and used + 4 + len(label) > width and len(rows) < max_rows:
            rows.append(("", 0))
            out, used = rows[-1]
        gap = "  " if out else ""
        if width - used - len(gap) < 4:
            break
        text = clip(label, width - used - len(gap) - 2)
        mark = plt.colorize(glyph, plt.pixel(foreground=colour)).string() if color else glyph
        rows[-1] = (out + gap + mark + " " + text, used + len(gap) + 2 + len(text))
    return [out + " " * (width - used) for out, used in rows]
