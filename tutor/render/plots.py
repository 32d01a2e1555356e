"""Render a PlotSpec as terminal text with plotext 6: deterministic, size-bounded, thread-safe, never raising."""

from __future__ import annotations

import contextlib
import io
import itertools
import math
import re
import sys
import threading
from typing import TYPE_CHECKING, Any

from tutor.support.lazy import lazy
from tutor.support.numbers import short

if TYPE_CHECKING:  # annotations only: the result types load with the first run
    import plotext as plt  # no stubs (ignore_missing_imports), so it is Any to mypy all the same

    from tutor.engine.result import PlotSpec
else:
    plt = lazy("plotext")  # its import costs ~250 ms, which start-up should not pay

MIN_WIDTH = 20
MIN_HEIGHT = 6
TOO_SMALL = "(plot needs more room)"

# plotext keeps module-level state and its C kernel runs outside the GIL (ctypes): one thread at a time.
_LOCK = threading.Lock()


def is_loaded() -> bool:
    """True once plotext has been imported (the UI warms it in the background after first paint)."""
    return "plotext" in sys.modules


def preload() -> None:
    """Import plotext now (from a background thread), so the first plot draws without a pause."""
    import plotext  # noqa: F401


_ANSI_RE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")

# plotext's 16 named colours; any other name in Series.color falls back to the palette.
_HUES = ["gray", "red", "green", "orange", "blue", "magenta", "cyan"]
_COLOR_NAMES = frozenset(["black", "white"] + [hue + shade for hue in _HUES for shade in ("", "+")])
# Bright foregrounds only (no black/white, no backgrounds): readable on dark and light terminals.
_SERIES_COLORS = ("blue+", "green+", "red+", "cyan+", "magenta+", "orange+")
_RULE_COLORS = ("orange", "magenta", "cyan", "gray")
# Scatter markers are characters and line series alternate blocks/braille, so series differ without colour.
_SCATTER_MARKERS = ("x", "o", "+", "*")
_LINE_MARKERS = (("hd", "▚"), ("braille", "⠶"))

Legend = list[tuple[str, str, str]]  # (glyph, label, colour)
Run = tuple[list[float], list[float]]


def strip_ansi(text: str) -> str:
    """Remove ANSI escape sequences, leaving the visible characters."""
    return _ANSI_RE.sub("", text)


def render(spec: PlotSpec, width: int, height: int, color: bool = True) -> str:
    """Render a plot spec to at most height rows of exactly width columns; never raises."""
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return _clip(TOO_SMALL, width)
    try:
        if spec.kind == "cmatrix":
            return _render_cmatrix(spec, width, height, color)
        if spec.kind not in ("xy", "bar"):
            raise ValueError(f"unknown plot kind {spec.kind!r}")
        with _LOCK:
            return _render_plotext(spec, width, height, color)
    except Exception as exc:  # a plot must never take the screen down with it
        return _clip(f"(could not draw plot: {type(exc).__name__}: {exc})", width)


def _clip(text: str, width: int) -> str:
    """Flatten text onto one line and cut it to width (none when width <= 0), marking the cut with an ellipsis."""
    # a newline would add a row the layout did not plan for; an escape character would forge colour codes
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return text if len(text) <= width else text[: width - 1] + "…" if width > 0 else ""


def _ok(value: float, log: bool = False) -> bool:
    """True for a value plotext can place: finite, within ±1e300, and positive on a log axis."""
    # plotext's scaling arithmetic overflows near the float limit, so such values count as infinite.
    return math.isfinite(value) and abs(value) <= 1e300 and (value > 0 or not log)


def _render_plotext(spec: PlotSpec, width: int, height: int, color: bool) -> str:
    """Draw an xy or bar spec on a private plotext figure and return its text."""
    # A new terminal object owns a new master figure: no earlier call's state leaks in, plt.figure is untouched.
    fig = type(plt.terminal)().limit(False, False)._master  # unlimited: the real terminal's size must not clamp ours
    fig.theme("simple" if color else "colorless")  # "simple" paints no background anywhere
    legend: Legend = []
    (_draw_bar if spec.kind == "bar" else _draw_xy)(fig, spec, legend)
    # Rows for the legend: two when it needs them and the plot keeps its minimum, else one, else none.
    rows = len(_legend_lines(legend, width, False, 2)) if legend and height >= MIN_HEIGHT + 2 else 0
    rows = min(rows, height - MIN_HEIGHT - 1)
    plot_height = height - rows
    fig.plot_size(width, plot_height).title(_clip(spec.title, width))  # plotext treats an empty label as none
    fig.label(_clip(spec.xlabel, width // 2), "x").label(_clip(spec.ylabel, width // 2 - 2), "y")  # they share a row
    # plotext warns on stderr when an axis range collapses (a flat 1e17 series): on a TUI that scribbles on screen.
    with contextlib.redirect_stderr(io.StringIO()):
        matrix = fig.build()
    if matrix.width() > width or matrix.height() > plot_height:
        matrix = matrix[0:plot_height, 0:width]
    lines = matrix.string(colorless=not color).rstrip("\n").split("\n")
    lines += _legend_lines(legend, width, color, rows) if rows else []
    return "\n".join(line + " " * max(width - len(strip_ansi(line)), 0) for line in lines[:height])


def _draw_xy(fig: Any, spec: PlotSpec, legend: Legend) -> None:  # fig: plotext's plot class, not exported by name
    """Add the series, the threshold lines and the axis settings of an xy spec to fig."""
    log = spec.yscale == "log"
    # A log axis is log10(y) on a linear one, labelled in y: plotext's own fails on a flat series at or below 1.
    to = math.log10 if log else float
    ylim = _valid_ylim(spec.ylim, log)
    low, high = ylim or (-math.inf, math.inf)
    drawn: list[tuple[float, float]] = []
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
        xs, ys = [x for x, _ in points], [y for _, y in points]
        drawn += points
        # the series' own colour when plotext knows the name, else the palette's for its position
        colour = series.color if series.color in _COLOR_NAMES else _SERIES_COLORS[index % len(_SERIES_COLORS)]
        pixel = plt.pixel(foreground=colour)  # explicit, so the theme's cycler never picks a colour
        if series.kind == "scatter":
            code = glyph = next(scatter_markers)
            inside = [(x, y) for x, y in points if low <= y <= high]  # plotext would drop the others anyway
            runs: list[Run] = [([x for x, _ in inside], [y for _, y in inside])] if inside else []
        else:
            code, glyph = next(line_markers)
            if series.kind == "step":  # a post-step function: each value holds until the next x, then jumps
                xs, ys = (
                    xs[:1] + [x for x in xs[1:] for _ in (0, 1)],
                    ys[:1] + [y for p in itertools.pairwise(ys) for y in p],
                )
            runs = _visible_runs(xs, ys, ylim)
        for run_x, run_y in runs:
            signal = fig.signal(run_x, run_y, marker=plt.marker(code, pixel=pixel))
            if series.kind != "scatter":
                # the step's vertical jumps need every cell filled or they show as dotted gaps
                signal.lines(True).density("full" if series.kind == "step" else "simple")
            fig.draw(signal)
        if series.label:
            legend.append((glyph, series.label, colour))
    # Threshold lines are segments, as plotext's ruler lines always carry a (white) background colour;
    # a line outside the y limits would not show, so it gets no legend entry either.
    hlines = [(to(y), label or f"y = {y:.3g}") for y, label in spec.hlines if _ok(y, log) and low <= to(y) <= high]
    vlines = [(float(x), label or f"x = {x:.3g}") for x, label in spec.vlines if _ok(x)]
    x_span = _span([x for x, _ in drawn] + [x for x, _ in vlines])
    y_span = ylim or _span([y for _, y in drawn] + [y for y, _ in hlines])
    rules = [(x_span, (y, y), 0, "┈", label) for y, label in hlines]
    rules += [((x, x), y_span, 1, "┊", label) for x, label in vlines]
    for rule, (rx, ry, orientation, glyph, label) in enumerate(rules):
        colour = _RULE_COLORS[rule % len(_RULE_COLORS)]
        marker = plt.line(orientation, pixel=plt.pixel(foreground=colour), style="dotted")
        fig.draw(fig.segment(rx, ry, marker=marker).density("full"))
        legend.append((glyph, label, colour))
    if log:
        ylim = y_span  # a flat series gets a decade either side (see _span)
        ticks = [ylim[0] + (ylim[1] - ylim[0]) * i / 4 for i in range(5)]
        fig.ruler("y").ticks(ticks, [f"{10**t:.3g}" for t in ticks])
    if ylim:
        # plotext takes x limits from the points inside the y limits only; none inside, far lines exhaust memory
        fig.ruler("y").lim(*ylim)
        fig.ruler("x").lim(*x_span)


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


def _draw_bar(fig: Any, spec: PlotSpec, legend: Legend) -> None:
    """Add the bars of a bar spec, each labelled with its value, to fig (bars need no legend)."""
    # strict=False: bars need a name and a value; extra names or values are left out
    pairs = [(_clip(str(c), 16), float(v)) for c, v in zip(spec.categories, spec.values, strict=False) if _ok(float(v))]
    ylim = _valid_ylim(spec.ylim, log=False)
    low, high = ylim or (-math.inf, math.inf)
    if pairs:
        # bars are filled densely, so both ends are cut at the y limits (see _visible_runs)
        ends = [(min(max(0.0, low), high), min(max(v, low), high)) for _, v in pairs]
        # plotext writes a bar's label in the bar's colour on the canvas's (none): black on the bar reads anywhere
        labels = [plt.colorize(short(v, 4), plt.pixel(foreground="black")) for _, v in pairs]
        marker = plt.marker("full", pixel=plt.pixel(foreground=_SERIES_COLORS[0]))
        names, bottoms, tops = [name for name, _ in pairs], [b for b, _ in ends], [t for _, t in ends]
        fig.draw(fig.bar(names, bottoms, tops, marker=marker, labeled=labels))
    if ylim:
        fig.ruler("y").lim(*ylim)
        fig.ruler("x").lim(0.5, max(len(pairs), 1) + 0.5)  # as in _draw_xy: x limits must not depend on y


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
        text = _clip(label, width - used - len(gap) - 2)
        mark = plt.colorize(glyph, plt.pixel(foreground=colour)).string() if color else glyph
        rows[-1] = (out + gap + mark + " " + text, used + len(gap) + 2 + len(text))
    return [out + " " * (width - used) for out, used in rows]


def _render_cmatrix(spec: PlotSpec, width: int, height: int, color: bool) -> str:
    """A confusion matrix as a text grid: actual classes down the side, predicted across the top."""
    # Drawn by hand: plotext's cmatrix fills cells with solid blocks that hide the counts in plain text.
    n = max([len(spec.matrix)] + [len(row) for row in spec.matrix])
    names = [_clip(str(spec.categories[i]) if i < len(spec.categories) else str(i), 12) for i in range(n)]
    cells = [
        [short(row[j], 4) if j < len(row) and math.isfinite(row[j]) else "-" for j in range(n)] for row in spec.matrix
    ]
    lines = [_clip(spec.title, width).center(width)] if spec.title else []
    if n == 0:
        lines.append("(no data)".center(width))
    else:
        cell_w = max(len(text) for text in names + [c for row in cells for c in row]) + 2
        side_w = len("actual  ") + max(len(name) for name in names) + 1
        grid_w = side_w + 1 + max(n * cell_w, len("predicted"))
        if grid_w > width or len(lines) + 4 + n > height:
            return _clip(TOO_SMALL, width)
        indent = " " * ((width - grid_w) // 2)
        lines += ["", indent + " " * side_w + " " + "predicted".center(grid_w - side_w - 1).rstrip()]
        lines.append(indent + " " * side_w + "│" + "".join(name.rjust(cell_w) for name in names))
        lines.append(indent + "─" * side_w + "┼" + "─" * (n * cell_w))
        for i, row in enumerate(cells):
            side = ("actual  " if i == 0 else " " * 8) + names[i]
            # correct predictions in green, non-zero mistakes in red; foreground only
            tints = [("1;32" if i == j else "31") if color and t not in ("0", "-") else "" for j, t in enumerate(row)]
            body = "".join(
                f"\x1b[{c}m{t.rjust(cell_w)}\x1b[0m" if c else t.rjust(cell_w) for c, t in zip(tints, row, strict=True)
            )
            lines.append(indent + side.ljust(side_w) + "│" + body)
    lines += [""] * (height - len(lines))  # same footprint as the plotext kinds
    return "\n".join(line + " " * (width - len(strip_ansi(line))) for line in lines[:height])
