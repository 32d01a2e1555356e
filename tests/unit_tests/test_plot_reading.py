"""Issue 10, item 4: each topic's plot shows what its text says, with or without colour.

Data over reference lines, a glyph of its own for every series, round ticks (whole numbers on
whole-number axes, no -0, an axis that ends on a tick) and bar labels as the tables print them.
"""

from __future__ import annotations

import math
import re

import pytest

from tutor.engine.experiments import all_experiments, get
from tutor.engine.result import PlotSpec, Result, Series
from tutor.render.plots import render
from tutor.render.ticks import linear_axis, log_axis

SIZES = [(40, 13), (60, 18), (96, 22)]  # the plot pane at 80x24 and 120x40, and the CLI's width
_RUNS: dict[tuple[str, tuple[tuple[str, str], ...]], Result] = {}


def run(slug: str, **texts: str) -> Result:
    """A topic's result at its defaults plus `texts`, made once per module."""
    key = (slug, tuple(sorted(texts.items())))
    if key not in _RUNS:
        experiment = get(slug)
        _RUNS[key] = experiment.run_texts({**experiment.params.default_texts(), **texts})
    return _RUNS[key]


def canvas(text: str) -> list[str]:
    """The rows inside the plot frame (between its left and right edges), without the tick labels."""
    rows = []
    for line in text.split("\n"):
        match = re.match(r"^\s*[^│┤┌└]*[│┤](.*)│\s*$", line)
        if match and "─" not in line:
            rows.append(match.group(1))
    return rows


def y_labels(text: str) -> list[str]:
    """The labels left of the y axis's ticks, top to bottom."""
    return [line.split("┤")[0].strip() for line in text.split("\n") if "┤" in line]


def x_labels(text: str) -> list[str]:
    """The labels under the x axis, left to right."""
    lines = text.split("\n")
    below = next(i for i, line in enumerate(lines) if "└" in line) + 1
    return lines[below].split()


def legend_glyphs(text: str, labels: list[str]) -> list[str]:
    """The glyph drawn before each label in the legend rows."""
    glyphs = []
    for label in labels:
        match = re.search(r"(\S) " + re.escape(label), text)
        assert match, label
        glyphs.append(match.group(1))
    return glyphs


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("threshold", ["0.5", "0.9", "0.95"])
def test_no_marker_hides_under_the_threshold_line(size: tuple[int, int], threshold: str) -> None:
    # At threshold 0.9 the one class-1 point (σ(3) = 0.953) sat on the threshold's row and vanished.
    plot = run("sigmoid", threshold=threshold).plots[0]
    rows = canvas(render(plot, *size, color=False))
    assert sum(row.count("x") for row in rows) == 5


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_flat_curve_on_the_reference_line_is_drawn_over_it(size: tuple[int, int]) -> None:
    # Feature engineering's point: on raw x, P(y=1|x) is flat near 0.5, right on the 0.5 line.
    spec = PlotSpec(
        title="flat", series=(Series("flat", (0.0, 1.0), (0.5, 0.5)),), hlines=((0.5, "half"),), ylim=(0.0, 1.0)
    )
    rows = canvas(render(spec, *size, color=False))
    line_row = next(row for row in rows if "▀" in row or "▄" in row)
    assert "┈" not in line_row.strip()
    plot = run("feature-engineering").plots[0]
    rows = canvas(render(plot, *size, color=False))
    assert not any(set(row.strip()) == {"┈"} for row in rows), "the 0.5 line covers the raw-x curve"


@pytest.mark.parametrize("slug", [e.slug for e in all_experiments()])
def test_every_series_has_a_glyph_of_its_own(slug: str) -> None:
    # "sin(x) (truth)" and "KNN fit" shared ▚, so without colour the two could not be told apart.
    for plot in run(slug).plots:
        if plot.kind != "xy":
            continue
        labels = [" ".join(s.label.split()) for s in plot.series if s.label]  # as the legend prints them
        glyphs = legend_glyphs(render(plot, 120, 30, color=False), labels)
        assert len(set(glyphs)) == len(glyphs), dict(zip(labels, glyphs, strict=True))


@pytest.mark.parametrize("slug", [e.slug for e in all_experiments()])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_ticks_are_round_and_never_minus_zero(slug: str, size: tuple[int, int]) -> None:
    for plot in run(slug).plots:
        if plot.kind == "cmatrix":
            continue
        text = render(plot, *size, color=False)
        labels = y_labels(text) + (x_labels(text) if plot.kind == "xy" else [])
        assert labels and not any(re.fullmatch(r"-0(\.0*)?", label) for label in labels), labels
        # one number of decimals per axis: 0.25 and 0.50, never 0.25 and 0.5
        decimals = {len(label.split(".")[1]) if "." in label else 0 for label in y_labels(text)}
        assert len(decimals) == 1 or plot.yscale == "log", y_labels(text)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_whole_number_axes_get_whole_ticks_and_end_on_one(size: tuple[int, int]) -> None:
    steps = x_labels(render(run("gradient-descent").plots[0], *size, color=False))
    assert all(label.isdigit() for label in steps), steps
    assert int(steps[-1]) >= 199 and int(steps[-1]) - 199 < int(steps[-1]) - int(steps[-2])  # not 165.8
    ks = x_labels(render(run("validation").plots[0], *size, color=False))
    assert all(label.isdigit() for label in ks) and ks[0] == "1" and ks[-1] == "9", ks
    tree = render(run("decision-tree").plots[0], *size, color=False)
    assert y_labels(tree) == ["1", "0"]  # the two classes, nothing in between
    assert all(re.fullmatch(r"-?\d+", label) for label in x_labels(tree)), x_labels(tree)


@pytest.mark.parametrize("lr", ["0.3", "0.5", "1.2"])
def test_log_axis_labels_are_powers_of_ten(lr: str) -> None:
    # At lr 0.3 a y label read "00.154": two labels written over each other.
    for size in SIZES:
        labels = y_labels(render(run("gradient-descent", lr=lr).plots[0], *size, color=False))
        assert labels and all(re.fullmatch(r"1|10+|0\.0*1|1e[+-]\d+", label) for label in labels), labels


def test_bar_labels_have_the_tables_decimals() -> None:
    result = run("metrics")
    text = render(result.plots[1], 96, 22, color=False)
    shown = {row[0]: row[2] for row in result.tables[1].rows}
    for name in ("accuracy", "precision", "recall", "F1"):
        assert shown[name] in text
    assert "0.833" in text and "0.8333" not in text


def test_linear_axis_ends_on_ticks_and_keeps_round_steps() -> None:
    axis = linear_axis(0, 199, 6)
    assert (axis.low, axis.high) == (0, 200) and axis.labels[-1] == "200"
    assert linear_axis(-0.6, 0.6, 5, fixed=True).labels == ("-0.50", "-0.25", "0.00", "0.25", "0.50")
    assert all(not label.startswith("-0") or float(label) != 0 for label in linear_axis(-1e-17, 1.0, 6).labels)
    assert linear_axis(1, 9, 9, whole=True).labels == tuple(str(k) for k in range(1, 10))
    assert linear_axis(0, 1, 5).labels == ("0.00", "0.25", "0.50", "0.75", "1.00")
    fixed = linear_axis(-0.2, 1.2, 3, whole=True, fixed=True)
    assert (fixed.low, fixed.high, fixed.labels) == (-0.2, 1.2, ("0", "1"))


def test_log_axis_labels_decades_in_y_units() -> None:
    axis = log_axis(math.log10(0.0026), math.log10(0.6), 6)
    assert axis.labels == ("0.001", "0.01", "0.1", "1") and (axis.low, axis.high) == (-3, 0)
    assert log_axis(-9, 9, 4).labels[0] == "1e-09"
