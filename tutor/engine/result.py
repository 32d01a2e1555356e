"""What an experiment returns: metrics, tables, plot specs, a takeaway and the code that reproduces it."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from tutor.support.numbers import rounded

SeriesKind = Literal["line", "scatter", "step"]
PlotKind = Literal["xy", "bar", "cmatrix"]


@dataclass(frozen=True)
class Metric:
    """A named number with the precision it is shown at (at least what the seed prints)."""

    key: str  # stable identifier, used in JSON and by the code snippet's printout
    label: str  # what the learner reads
    value: float | int  # a bool is a yes/no fact (an int to JSON readers that add it up)
    digits: int = 4
    text: str | None = None  # shown instead of the rounded value, when rounding would mislead

    def display(self) -> str:
        """The value rounded for display; integers stay integers, booleans read yes/no, NaN 'undefined'."""
        if self.text is not None:
            return self.text
        if isinstance(self.value, bool):
            return "yes" if self.value else "no"
        if isinstance(self.value, int):
            return str(self.value)
        if not math.isfinite(self.value):
            return "undefined"
        # Python's own round-then-print, as the seed notebook prints (0.187, 1.0, 0.0094).
        return rounded(self.value, self.digits)


@dataclass(frozen=True)
class Table:
    """A small table: a title, column headers and rows of already-formatted cells."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Series:
    """One line, scatter or step series of a plot."""

    label: str
    x: tuple[float, ...]
    y: tuple[float, ...]
    kind: SeriesKind = "line"
    color: str | None = None  # a plotext colour name; None lets the renderer choose


@dataclass(frozen=True)
class PlotSpec:
    """Everything needed to draw one plot, independent of how it is rendered."""

    title: str
    kind: PlotKind = "xy"
    series: tuple[Series, ...] = ()
    xlabel: str = ""
    ylabel: str = ""
    yscale: Literal["linear", "log"] = "linear"
    hlines: tuple[tuple[float, str], ...] = ()  # (y, label): e.g. the threshold line
    vlines: tuple[tuple[float, str], ...] = ()  # (x, label): e.g. a split point
    # bar plots: categories and values; confusion matrices: matrix rows and class labels
    categories: tuple[str, ...] = ()
    values: tuple[float, ...] = ()
    value_labels: tuple[str, ...] = ()  # each bar's value as the tables show it (else 4 significant digits)
    matrix: tuple[tuple[int, ...], ...] = ()
    ylim: tuple[float, float] | None = None


@dataclass
class Result:
    """The outcome of one experiment run, shared by the UI, the CLI and the tests."""

    topic: str
    params: dict[str, Any]
    metrics: list[Metric]
    tables: list[Table] = field(default_factory=list)
    plots: list[PlotSpec] = field(default_factory=list)
    takeaway: str = ""
    code: str = ""
    notes: list[str] = field(default_factory=list)

    def metric(self, key: str) -> Metric:
        """Look a metric up by key."""
        for metric in self.metrics:
            if metric.key == key:
                return metric
        raise KeyError(key)

    def metric_values(self) -> dict[str, float | int | None]:
        """Metrics as a plain dict; non-finite values become None so the JSON stays valid."""
        out: dict[str, float | int | None] = {}
        for metric in self.metrics:
            value = metric.value
            out[metric.key] = None if isinstance(value, float) and not math.isfinite(value) else value
        return out

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form printed by `mlprep-tui run --json`."""
        return {
            "topic": self.topic,
            "params": {k: list(v) if isinstance(v, tuple) else v for k, v in self.params.items()},
            "metrics": self.metric_values(),
            "tables": [
                {"title": t.title, "columns": list(t.columns), "rows": [list(r) for r in t.rows]} for t in self.tables
            ],
            "series": [_plot_to_dict(p) for p in self.plots],
            "takeaway": self.takeaway,
            "notes": list(self.notes),
            "code": self.code,
        }


def _plot_to_dict(plot: PlotSpec) -> dict[str, Any]:
    """A plot spec as JSON: its series with x/y lists, plus bars or matrix where present."""
    data = asdict(plot)
    data["series"] = [
        {"label": s.label, "kind": s.kind, "x": [_clean(v) for v in s.x], "y": [_clean(v) for v in s.y]}
        for s in plot.series
    ]
    data["values"] = [_clean(v) for v in plot.values]
    return data


def _clean(value: float) -> float | None:
    """JSON has no NaN or infinity; write them as null."""
    return value if math.isfinite(value) else None
