"""Tests for tutor.render.plots: plot specs rendered to bounded, deterministic text that never raises."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import plotext as plt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.engine.result import PlotSpec, Series
from tutor.render import plots
from tutor.render.plots import MIN_HEIGHT, MIN_WIDTH, TOO_SMALL, render, strip_ansi

XS = tuple(i / 10 for i in range(-60, 61))
SIGMOID = PlotSpec(
    title="Sigmoid curve",
    series=(
        Series("sigmoid(z)", XS, tuple(1 / (1 + math.exp(-x)) for x in XS)),
        Series("samples", (-4.0, -2.5, -1.0, 0.5, 2.0, 3.5), (0.0, 0.0, 1.0, 0.0, 1.0, 1.0), kind="scatter"),
    ),
    hlines=((0.5, "threshold"),),
    xlabel="z",
    ylabel="p",
)
LOSS = PlotSpec(
    title="Validation loss",
    series=(
        Series("train", (1, 2, 3, 4, 5), (1.0, 0.5, 0.25, 0.2, 0.1), kind="step"),
        Series("val", (1, 2, 3, 4, 5), (1.2, 0.7, 0.4, 0.45, 0.5)),
    ),
    yscale="log",
    vlines=((3.0, "early stop"),),
    ylim=(0.05, 2.0),
)
BARS = PlotSpec(
    title="Accuracy by model",
    kind="bar",
    categories=("logreg", "tree", "forest"),
    values=(0.8333, 0.79, 0.912),
    ylabel="accuracy",
)
CMATRIX = PlotSpec(
    title="Confusion matrix", kind="cmatrix", categories=("negative", "positive"), matrix=((50, 3), (4, 43))
)
EMPTY = PlotSpec(title="Nothing yet", xlabel="epoch", ylabel="loss")
SPECS = [SIGMOID, LOSS, BARS, CMATRIX, EMPTY]
SIZES = [(20, 6), (31, 9), (57, 13), (80, 20), (120, 40)]


def plain(spec: PlotSpec, width: int, height: int) -> str:
    """Render without colour: plain text with no escape codes."""
    return render(spec, width, height, color=False)


def spec_id(spec: PlotSpec) -> str:
    """A readable test id for a spec."""
    return spec.title.replace(" ", "-")


def assert_fits(text: str, width: int, height: int, exact: bool = True) -> None:
    """Every row is at most (or, for a drawn plot, exactly) width columns, and there are at most height rows."""
    rows = strip_ansi(text).split("\n")
    assert len(rows) <= height
    for row in rows:
        assert len(row) <= width, (len(row), row)
        if exact:
            assert len(row) == width, (len(row), row)


def is_error(text: str) -> bool:
    """True when the renderer answered with a one-line message instead of a plot."""
    return text.startswith("(could not draw plot") or text.startswith("(plot needs")


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
@pytest.mark.parametrize("color", [True, False])
def test_same_spec_twice_is_byte_identical(spec: PlotSpec, color: bool) -> None:
    assert render(spec, 80, 20, color) == render(spec, 80, 20, color)


@pytest.mark.parametrize("color", [True, False])
def test_no_state_leaks_between_calls(color: bool) -> None:
    first = render(SIGMOID, 80, 20, color)
    # LOSS sets a log scale, y limits and a vertical line, BARS sets category ticks, all at other sizes.
    render(LOSS, 50, 12, color)
    render(BARS, 100, 30, color)
    render(CMATRIX, 40, 10, color)
    assert render(SIGMOID, 80, 20, color) == first


def test_global_plotext_figure_is_left_alone() -> None:
    before = plt.figure.build().string()
    render(LOSS, 60, 15)
    assert plt.figure.build().string() == before


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("color", [True, False])
def test_size_is_respected(spec: PlotSpec, size: tuple[int, int], color: bool) -> None:
    width, height = size
    text = render(spec, width, height, color)
    assert_fits(text, width, height, exact=not is_error(text))


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
@pytest.mark.parametrize("color", [True, False])
def test_each_kind_renders_and_shows_its_title(spec: PlotSpec, color: bool) -> None:
    text = render(spec, 80, 20, color)
    assert not is_error(text)
    assert spec.title in strip_ansi(text)


def test_xy_legend_names_series_and_lines() -> None:
    text = plain(SIGMOID, 80, 20)
    for label in ("sigmoid(z)", "samples", "threshold", "p", "z"):
        assert label in text
    assert "x" in text.split("\n")[2]  # the scatter marker, distinct from the line's blocks


def test_bar_values_are_printed() -> None:
    text = plain(BARS, 80, 20)
    for word in ("0.8333", "0.79", "0.912", "logreg", "tree", "forest", "accuracy"):
        assert word in text


def test_cmatrix_shows_counts_and_axes() -> None:
    text = plain(CMATRIX, 80, 20)
    for word in ("actual", "predicted", "negative", "positive", "50", "43"):
        assert word in text
    rows = [row for row in text.split("\n") if "│" in row and any(ch.isdigit() for ch in row)]
    assert [row.split("│")[1].split() for row in rows] == [["50", "3"], ["4", "43"]]


def test_cmatrix_without_data_still_shows_title() -> None:
    text = plain(PlotSpec(title="Empty matrix", kind="cmatrix"), 40, 8)
    assert "Empty matrix" in text and "no data" in text


def test_empty_plot_still_draws_axes_and_title() -> None:
    text = plain(PlotSpec(title="Empty", series=(Series("none", (), ()),)), 40, 10)
    assert "Empty" in text and "┌" in text and "┘" in text


def test_step_differs_from_line() -> None:
    line = PlotSpec(title="s", series=(Series("a", (0, 1, 2, 3), (0.0, 3.0, 1.0, 2.0)),))
    step = PlotSpec(title="s", series=(Series("a", (0, 1, 2, 3), (0.0, 3.0, 1.0, 2.0), kind="step"),))
    assert plain(line, 60, 15) != plain(step, 60, 15)


def test_log_scale_with_zeros_and_negatives_does_not_crash() -> None:
    spec = PlotSpec(
        title="Log with junk",
        series=(Series("loss", (0, 1, 2, 3, 4, 5), (0.0, -1.0, 10.0, 1.0, 0.1, -0.0)),),
        yscale="log",
        hlines=((0.0, "zero"), (-2.0, "negative"), (1.0, "one")),
        ylim=(-1.0, 5.0),  # unusable on a log axis, so ignored
    )
    text = plain(spec, 60, 15)
    assert not is_error(text)
    assert "Log with junk" in text and "one" in text and "negative" not in text


def test_log_scale_with_no_positive_values_still_renders() -> None:
    spec = PlotSpec(title="All gone", series=(Series("a", (1, 2), (0.0, -3.0)),), yscale="log")
    assert "All gone" in plain(spec, 40, 10)


def test_log_scale_flat_series_and_labels_in_y_units() -> None:
    flat = PlotSpec(title="Flat at one", series=(Series("a", (1, 2, 3), (1.0, 1.0, 1.0)),), yscale="log")
    text = plain(flat, 50, 12)
    assert not is_error(text) and "Flat at one" in text
    assert "0.1" in text and "10" in text  # a decade either side, labelled in y, not log10(y)
    loss = plain(LOSS, 80, 20)
    assert "0.05┤" in loss and "   2┤" in loss  # LOSS's y limits, in y units
    assert " 0.1┤" in loss and "   1┤" in loss  # and the powers of ten between them


def test_lines_outside_the_y_limits_are_left_out() -> None:
    spec = PlotSpec(
        title="t", series=(Series("a", (0, 1), (0.0, 1.0)),), hlines=((5.0, "far away"), (0.5, "near")), ylim=(0.0, 1.0)
    )
    text = plain(spec, 60, 12)
    assert "near" in text and "far away" not in text


CRASHERS = [
    # Shapes (and close variants of shapes) that make plotext 6.1 abort on a C assertion or exhaust memory
    # unless tutor.render.plots cuts lines and bars at the y limits and pins the x limits itself.
    PlotSpec(
        title="step leaves through the top",
        series=(Series("s", (0, 1, 2), (0.5, 1.5, 0.2), kind="step"),),
        ylim=(0.0, 1.0),
    ),
    PlotSpec(title="line leaves through the top", series=(Series("s", (0.2, 0.7), (1.5, 0.5)),), ylim=(0.0, 1.0)),
    PlotSpec(
        title="threshold lines too",
        series=(Series("s", (0, 1), (3.0, 0.5), kind="step"),),
        hlines=((1.0, "h"),),
        ylim=(0.0, 1.0),
    ),
    PlotSpec(title="all above the limits", series=(Series("s", (0.0, 1e6), (1.0, 2.0)),), ylim=(-10.0, 0.0)),
    PlotSpec(title="far off the limits", series=(Series("s", (0, 1, 2), (0.5, 1e200, 0.5)),), ylim=(0.0, 1.0)),
    PlotSpec(title="bar above the limits", kind="bar", categories=("a", "b"), values=(0.95, 0.5), ylim=(0.0, 0.9)),
    PlotSpec(title="bars far from zero", kind="bar", categories=("a",), values=(1e10 + 0.5,), ylim=(1e10, 1e10 + 1)),
]


def test_known_plotext_crashers_render_in_a_child_process() -> None:
    # A C-level abort would take pytest down with it, so these run in a child process.
    script = (
        "from tests.unit_tests.test_plots import CRASHERS\n"
        "from tutor.render.plots import render, strip_ansi\n"
        "for spec in CRASHERS:\n"
        "    for color in (True, False):\n"
        "        print(strip_ansi(render(spec, 60, 15, color)).split('\\n')[0].strip())\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[:-1:2] == [spec.title for spec in CRASHERS]


def test_non_finite_points_are_dropped() -> None:
    nan, inf = float("nan"), float("inf")
    dirty = PlotSpec(
        title="d", series=(Series("a", (0, 1, 2, nan, 4, 5), (1.0, nan, 3.0, 2.0, -inf, 4.0)),), hlines=((inf, "x"),)
    )
    clean = PlotSpec(title="d", series=(Series("a", (0, 2, 5), (1.0, 3.0, 4.0)),))
    assert plain(dirty, 60, 15) == plain(clean, 60, 15)
    bars_dirty = PlotSpec(title="b", kind="bar", categories=("a", "b", "c"), values=(1.0, nan, 2.0))
    bars_clean = PlotSpec(title="b", kind="bar", categories=("a", "c"), values=(1.0, 2.0))
    assert plain(bars_dirty, 60, 15) == plain(bars_clean, 60, 15)


@pytest.mark.parametrize("size", [(19, 20), (80, 5), (5, 3), (0, 0), (-3, 10), (10, 1)])
def test_tiny_sizes_give_one_line_message(size: tuple[int, int]) -> None:
    width, height = size
    for spec in SPECS:
        text = render(spec, width, height)
        assert "\n" not in text and "\x1b" not in text
        assert len(text) <= max(width, 0)
        if width >= len(TOO_SMALL):
            assert text == TOO_SMALL


def test_cmatrix_too_big_for_the_space_gives_message() -> None:
    big = PlotSpec(title="big", kind="cmatrix", matrix=tuple(tuple(range(10)) for _ in range(10)))
    assert plain(big, 30, 8) == TOO_SMALL


def test_plotext_failure_becomes_one_line_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> None:
        raise RuntimeError("kernel\nexploded")

    monkeypatch.setattr(plots, "_draw_xy", boom)
    text = render(SIGMOID, 80, 20)
    assert text == "(could not draw plot: RuntimeError: kernel exploded)"
    monkeypatch.undo()
    assert not is_error(render(SIGMOID, 80, 20))  # the lock was released


def test_unknown_kind_is_reported_not_raised() -> None:
    text = render(PlotSpec(title="pie", kind="pie"), 80, 20)  # type: ignore[arg-type]
    assert text.startswith("(could not draw plot:") and "\n" not in text


@pytest.mark.parametrize("spec", SPECS, ids=spec_id)
def test_plain_has_no_escape_codes_and_matches_stripped_colour(spec: PlotSpec) -> None:
    plain = render(spec, 80, 20, color=False)
    assert "\x1b" not in plain
    assert strip_ansi(render(spec, 80, 20, color=True)) == plain


def test_colour_output_is_coloured_and_honours_series_colour() -> None:
    assert "\x1b[" in render(SIGMOID, 80, 20)
    red = PlotSpec(title="c", series=(Series("a", (0, 1), (0.0, 1.0), color="red"),))
    blue = PlotSpec(title="c", series=(Series("a", (0, 1), (0.0, 1.0), color="blue"),))
    assert render(red, 40, 10) != render(blue, 40, 10)
    assert plain(red, 40, 10) == plain(blue, 40, 10)


def test_no_background_colours_except_behind_bar_labels() -> None:
    # A background would clash with either dark or light terminals; only a bar's value label,
    # written on the bar itself, carries the bar's colour behind it (with black text on top).
    for spec in (SIGMOID, LOSS, CMATRIX, EMPTY):
        assert "[48;" not in render(spec, 80, 20)
    behind = re.findall(r"\x1b\[38;5;0m\x1b\[48;[^m]*m([^\x1b]*)", render(BARS, 80, 20))
    assert sorted(behind) == ["0.79", "0.8333", "0.912"]
    assert render(BARS, 80, 20).count("[48;") == 3


def test_control_characters_in_labels_cannot_break_the_layout() -> None:
    spec = PlotSpec(
        title="two\nlines\x1b[31m", series=(Series("a\nb", (0, 1), (0.0, 1.0)),), ylabel="\x1b", xlabel="x\ty"
    )
    text = plain(spec, 40, 10)
    assert "\x1b" not in text and "\t" not in text
    assert_fits(text, 40, 10)
    assert "two lines [31m" in text and "a b" in text


def test_plotext_warnings_do_not_reach_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    # A constant series at 1e17 collapses the y range, which plotext reports on stderr.
    text = plain(PlotSpec(title="flat", series=(Series("a", (1, 2), (1e17, 1e17)),)), 40, 10)
    assert "flat" in text
    assert capsys.readouterr().err == ""


def test_strip_ansi() -> None:
    assert strip_ansi("\x1b[38;5;12mab\x1b[0m c\x1b[1;32m1\x1b[0m") == "ab c1"


def test_threads_render_the_same_as_sequential() -> None:
    jobs = [(spec, w, h, color) for spec in SPECS for (w, h) in [(80, 20), (45, 12)] for color in (True, False)] * 3
    sequential = [render(*job) for job in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        concurrent = list(pool.map(lambda job: render(*job), jobs))
    assert concurrent == sequential


any_float = st.floats(allow_nan=True, allow_infinity=True)
# Small values with y limits inside their range, so lines and bars keep crossing the limits.
small_float = st.floats(-10, 10) | st.sampled_from([0.0, 1.0, -1.0, 1e-9])
any_ylim = st.none() | st.tuples(any_float, any_float)
small_ylim = st.none() | st.tuples(small_float, small_float)


def xy_specs(
    numbers: st.SearchStrategy[float], ylims: st.SearchStrategy[tuple[float, float] | None]
) -> st.SearchStrategy[PlotSpec]:
    """xy plot specs whose coordinates are drawn from numbers."""
    series = st.builds(
        lambda kind, pts, label, color: Series(
            label, tuple(p[0] for p in pts), tuple(p[1] for p in pts), kind=kind, color=color
        ),
        st.sampled_from(["line", "scatter", "step"]),
        st.lists(st.tuples(numbers, numbers), max_size=30),
        st.text(max_size=15),
        st.sampled_from([None, "red", "blue+", "not-a-colour"]),
    )
    return st.builds(
        PlotSpec,
        title=st.text(max_size=40),
        series=st.lists(series, max_size=4).map(tuple),
        yscale=st.sampled_from(["linear", "log"]),
        hlines=st.lists(st.tuples(numbers, st.text(max_size=10)), max_size=2).map(tuple),
        vlines=st.lists(st.tuples(numbers, st.text(max_size=10)), max_size=2).map(tuple),
        ylim=ylims,
        xlabel=st.text(max_size=20),
        ylabel=st.text(max_size=20),
    )


def bar_specs(
    numbers: st.SearchStrategy[float], ylims: st.SearchStrategy[tuple[float, float] | None]
) -> st.SearchStrategy[PlotSpec]:
    """Bar plot specs whose values are drawn from numbers."""
    return st.builds(
        lambda title, cats, values, ylim: PlotSpec(
            title=title, kind="bar", categories=tuple(cats), values=tuple(values), ylim=ylim
        ),
        st.text(max_size=20),
        st.lists(st.text(max_size=8), max_size=8),
        st.lists(numbers, max_size=8),
        ylims,
    )


cmatrix_strategy = st.builds(
    lambda title, cats, rows: PlotSpec(
        title=title, kind="cmatrix", categories=tuple(cats), matrix=tuple(map(tuple, rows))
    ),
    st.text(max_size=20),
    st.lists(st.text(max_size=8), max_size=4),
    st.lists(st.lists(st.integers(0, 10**6), max_size=4), max_size=4),
)
wild_specs = st.one_of(xy_specs(any_float, any_ylim), bar_specs(any_float, any_ylim), cmatrix_strategy)
tame_specs = st.one_of(xy_specs(small_float, small_ylim), bar_specs(small_float, small_ylim))


def check_output(text: str, width: int, height: int, color: bool) -> None:
    """The output contract: plain text has no escapes, rows fit the width, at most height rows."""
    if not color:
        assert "\x1b" not in text
    rows = strip_ansi(text).split("\n")
    assert len(rows) <= max(height, 1)
    assert all(len(row) <= max(width, 0) for row in rows)


@settings(max_examples=300, deadline=None)
@given(spec=wild_specs, width=st.integers(-5, 160), height=st.integers(-5, 50), color=st.booleans())
def test_arbitrary_specs_and_sizes_never_raise(spec: PlotSpec, width: int, height: int, color: bool) -> None:
    check_output(render(spec, width, height, color), width, height, color)


@settings(max_examples=300, deadline=None)
@given(spec=tame_specs, width=st.integers(MIN_WIDTH, 120), height=st.integers(MIN_HEIGHT, 40), color=st.booleans())
def test_ordinary_numbers_always_draw_a_plot(spec: PlotSpec, width: int, height: int, color: bool) -> None:
    # Lines, steps and bars crossing the y limits once aborted plotext's C kernel (the whole process).
    text = render(spec, width, height, color)
    check_output(text, width, height, color)
    assert not is_error(text), text
