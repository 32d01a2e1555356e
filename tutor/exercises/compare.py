"""Your code next to the library's: a passing implementation evaluated on the topic's own data or grid.

Plain series in the engine's PlotSpec, so the screen draws them with tutor.render.plots like any result.
The learner's code runs in the sandbox; the reference side is the reference solution (curve), the
gradient-descent experiment's own loss curve (loss-per-step) or scikit-learn through the metrics
experiment (metrics).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.exercises.model import Exercise
from tutor.exercises.process import DEFAULT_TIMEOUT_S, Execution
from tutor.exercises.sandbox import report, run_calls

if TYPE_CHECKING:
    from tutor.engine.params import Value
    from tutor.engine.result import PlotSpec, Result

RunTopic = Callable[[str, Mapping[str, "Value"]], "Result"]


@dataclass(frozen=True)
class Comparison:
    """A plot of your function beside the reference, with one line saying how they compare."""

    title: str
    plot: PlotSpec
    note: str  # e.g. "matches the reference at all 61 points" or why yours could not be drawn
    matches: bool


def _calls(call: str, arg_lists: list[list[Any]]) -> dict[str, Any]:
    """A harness plan making one call per argument list."""
    calls = [
        {"name": f"p{i}", "call": call, "args": args, "kwargs": {}, "as_numpy": False}
        for i, args in enumerate(arg_lists)
    ]
    return {"functions": [call], "forbidden": [], "calls": calls}


def _values(execution: Execution) -> dict[int, Any]:
    """The returned value of each call that answered."""
    return {e["index"]: e.get("value") for e in execution.events if e.get("event") == "check" and e.get("ok")}


def _first_error(execution: Execution) -> str | None:
    """The first error the learner's code raised, for the note."""
    return next((str(e["error"]) for e in execution.events if e.get("error")), None)


def _number(value: Any) -> float | None:
    """A returned value as a finite float, or None."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(float(value)):
        return float(value)
    return None


def compare_series(
    exercise: Exercise, code: str, *, run_topic: RunTopic | None = None, timeout_s: float = DEFAULT_TIMEOUT_S
) -> Comparison | None:
    """The learner's function beside the reference; None when the exercise has no [compare] block.

    Blocking (call it from a worker). `run_topic(slug, values)` runs an experiment: pass the app's
    warm run process so scikit-learn stays out of the UI process; by default it runs in this one.
    """
    compare = exercise.compare
    if compare is None:
        return None
    if compare.kind == "curve":
        return _curve(exercise, code, timeout_s)
    if compare.kind == "loss-per-step":
        return _loss_per_step(exercise, code, timeout_s)
    return _metrics(exercise, code, run_topic, timeout_s)


def _curve(exercise: Exercise, code: str, timeout_s: float) -> Comparison:
    """f(x) over a grid: yours as points, the reference solution's as a line."""
    from tutor.engine.result import PlotSpec, Series

    assert exercise.compare is not None
    options = exercise.compare.options
    start, stop, points = float(options["start"]), float(options["stop"]), int(options.get("points", 61))
    grid = [start + (stop - start) * i / (points - 1) for i in range(points)]
    template = options.get("args", ["$x"])
    arg_lists = [
        [x if a == "$x" else [x if b == "$x" else b for b in a] if isinstance(a, list) else a for a in template]
        for x in grid
    ]
    plan = _calls(exercise.compare.call, arg_lists)
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(run_calls, exercise.solution, plan, timeout_s)
        mine = run_calls(code, plan, timeout_s)
        reference = future.result()
    ours, theirs = _values(reference), _values(mine)
    xs_ref = [x for i, x in enumerate(grid) if _number(ours.get(i)) is not None]
    ys_ref = [_number(ours[i]) or 0.0 for i, x in enumerate(grid) if _number(ours.get(i)) is not None]
    mine_points = [(x, _number(theirs.get(i))) for i, x in enumerate(grid)]
    xs = tuple(x for x, y in mine_points if y is not None)
    ys = tuple(y for _, y in mine_points if y is not None)
    close = sum(
        1
        for i in range(points)
        if (a := _number(ours.get(i))) is not None
        and (b := _number(theirs.get(i))) is not None
        and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    )
    series = [Series("reference", tuple(xs_ref), tuple(ys_ref), "line", "blue")]
    if xs:
        series.append(Series("yours", xs, ys, "scatter", "orange"))
    problem = report(exercise, mine, mine, timeout_s).problem or _first_error(mine)
    note = (
        f"matches the reference at all {points} points"
        if close == points
        else f"matches the reference at {close} of {points} points" + (f" ({problem})" if problem else "")
    )
    plot = PlotSpec(
        title=exercise.compare.title,
        series=tuple(series),
        xlabel=str(options.get("xlabel", "x")),
        ylabel=str(options.get("ylabel", "")),
    )
    return Comparison(exercise.compare.title, plot, note, close == points)


def _loss_per_step(exercise: Exercise, code: str, timeout_s: float) -> Comparison:
    """MSE after s updates of your fit_line against the experiment's own loss curve, on the topic's data."""
    from tutor.engine.experiments.gradient_descent import descend, make_data
    from tutor.engine.result import PlotSpec, Series

    assert exercise.compare is not None
    options = exercise.compare.options
    lr, steps, every = float(options.get("lr", 0.5)), int(options.get("steps", 60)), int(options.get("every", 3))
    x, y = make_data(float(options.get("noise", 0.05)), int(options.get("seed", 1)))
    grid = list(range(0, steps + 1, every))
    plan = _calls(exercise.compare.call, [[x.tolist(), y.tolist(), lr, s] for s in grid])
    mine = run_calls(code, plan, timeout_s)
    _, _, history, _, _ = descend(x, y, lr, steps + 1)  # history[s]: the MSE after s updates
    answers = _values(mine)
    yours: list[tuple[float, float]] = []
    for i, s in enumerate(grid):
        pair = answers.get(i)
        if isinstance(pair, list) and len(pair) == 2 and all(_number(v) is not None for v in pair):
            w, b = float(pair[0]), float(pair[1])
            loss = float(((w * x + b - y) ** 2).mean())
            if math.isfinite(loss):
                yours.append((float(s), loss))
    reference = [(float(s), history[s]) for s in grid if s < len(history)]
    close = sum(1 for s, loss in yours if math.isclose(loss, history[int(s)], rel_tol=1e-6, abs_tol=1e-12))
    series = [Series("experiment", tuple(s for s, _ in reference), tuple(v for _, v in reference), "line", "blue")]
    if yours:
        series.append(Series("yours", tuple(s for s, _ in yours), tuple(v for _, v in yours), "scatter", "orange"))
    problem = report(exercise, mine, mine, timeout_s).problem or _first_error(mine)
    matches = close == len(grid)
    note = (
        f"your loss matches the experiment's at all {len(grid)} steps shown"
        if matches
        else (
            f"your loss matches the experiment's at {close} of {len(grid)} steps" + (f" ({problem})" if problem else "")
        )
    )
    plot = PlotSpec(title=exercise.compare.title, series=tuple(series), xlabel="step", ylabel="MSE", yscale="log")
    return Comparison(exercise.compare.title, plot, note, matches)


def _metrics(exercise: Exercise, code: str, run_topic: RunTopic | None, timeout_s: float) -> Comparison:
    """Your precision, recall and F1 beside scikit-learn's on the metrics topic's default labels."""
    from tutor.engine.experiments import get
    from tutor.engine.result import PlotSpec
    from tutor.engine.values import as_labels

    assert exercise.compare is not None
    experiment = get(exercise.topic)
    values = experiment.params.defaults()
    labels = [list(as_labels(values, "y_true")), list(as_labels(values, "y_pred"))]
    plan = _calls(exercise.compare.call, [labels])
    mine = run_calls(code, plan, timeout_s)
    result = run_topic(exercise.topic, values) if run_topic is not None else experiment.run(values)
    library = [float(result.metric(key).value) for key in ("precision", "recall", "f1")]
    answer = _values(mine).get(0)
    yours = [_number(v) for v in answer] if isinstance(answer, list) and len(answer) == 3 else [None, None, None]
    names = ("P", "R", "F1")  # short: the bar labels share one row at 80 columns
    categories: list[str] = []
    bars: list[float] = []
    for name, theirs, ours in zip(names, library, yours, strict=True):
        categories += [f"{name} yours", f"{name} sklearn"]
        bars += [ours if ours is not None else 0.0, theirs]
    matches = all(
        o is not None and math.isclose(o, t, rel_tol=1e-9, abs_tol=1e-12) for o, t in zip(yours, library, strict=True)
    )
    problem = report(exercise, mine, mine, timeout_s).problem or _first_error(mine)
    note = (
        "yours match scikit-learn's"
        if matches
        else "yours differ from scikit-learn's" + (f" ({problem})" if problem else "")
    )
    plot = PlotSpec(
        title=exercise.compare.title, kind="bar", categories=tuple(categories), values=tuple(bars), ylim=(0.0, 1.0)
    )
    return Comparison(exercise.compare.title, plot, note, matches)
