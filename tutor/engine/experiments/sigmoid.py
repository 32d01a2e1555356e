"""Topic 1: logistic regression's sigmoid turns log-odds into a probability P(y=1|x)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from tutor.engine.experiments import Experiment
from tutor.engine.experiments._snippets import SNIPPET_NOTE, py
from tutor.engine.params import Param, ParamSet, Value
from tutor.engine.values import as_float, as_floats
from tutor.support.lazy import lazy
from tutor.support.numbers import rounded

if TYPE_CHECKING:
    from tutor.engine import result as results
    from tutor.engine.result import Result
else:
    # Five dataclasses (~8 ms to create): the result types load with the first run, not the app.
    results = lazy("tutor.engine.result")


PARAMS = ParamSet(
    (
        Param(
            "z_values",
            "floats",
            (-4.0, -1.0, 0.0, 1.0, 3.0),
            "log-odds z = wᵀx + b to push through σ",
            low=-50,
            high=50,
            max_len=20,
        ),
        Param("threshold", "float", 0.5, "predict class 1 when σ(z) ≥ threshold", low=0, high=1),
    )
)


def sigmoid(z: float) -> float:
    """σ(z) = 1 / (1 + e^(−z)), exactly as the seed computes it."""
    return 1.0 / (1.0 + math.exp(-z))


def run(values: dict[str, Value]) -> Result:
    """Probabilities and 0/1 predictions for each z at the threshold."""
    z_values, threshold = as_floats(values, "z_values"), as_float(values, "threshold")
    probs = [sigmoid(z) for z in z_values]
    preds = [1 if p >= threshold else 0 for p in probs]
    positives = sum(preds)

    lo, hi = min(-6.0, *z_values), max(6.0, *z_values)
    curve_x = tuple(lo + (hi - lo) * i / 160 for i in range(161))
    plot = results.PlotSpec(
        title=f"σ(z) with threshold {threshold:g}",
        series=(
            results.Series("σ(z)", curve_x, tuple(sigmoid(x) for x in curve_x), "line", "blue"),
            results.Series("your z values", tuple(z_values), tuple(probs), "scatter", "orange"),
        ),
        xlabel="z (log-odds)",
        ylabel="P(y=1|x)",
        hlines=((threshold, f"threshold {threshold:g}"),),
        ylim=(0.0, 1.0),
    )
    table = results.Table(
        "Each z",
        ("z", "σ(z)", f"class @{threshold:g}"),
        tuple((rounded(z, 4), rounded(p, 4), str(c)) for z, p, c in zip(z_values, probs, preds, strict=True)),
    )
    boundary = math.log(threshold / (1 - threshold)) if 0 < threshold < 1 else math.inf if threshold >= 1 else -math.inf
    boundary_text = (
        f"σ(z) ≥ {threshold:g} exactly when z ≥ {boundary:.3g}"
        if math.isfinite(boundary)
        else "a threshold of 0 makes every prediction 1"
        if threshold <= 0
        else "a threshold of 1 needs σ(z) = 1, which only a very large z reaches in floating point"
    )
    takeaway = (
        f"Every output lies between 0 and 1: σ turns log-odds into P(y=1|x), not a residual. "
        f"{positives} of {len(preds)} point{'s' if len(preds) != 1 else ''} "
        f"{'reaches' if positives == 1 else 'reach'} the threshold {threshold:g}; {boundary_text}. "
        "Moving the threshold changes the decisions, never the probabilities."
    )
    metrics = [
        results.Metric(f"sigmoid_{i}", f"σ({z:g})", p, 4) for i, (z, p) in enumerate(zip(z_values, probs, strict=True))
    ]
    metrics.append(results.Metric("predicted_positive", "predicted 1s", positives, 0))
    code = f"""import math

z_values = {py(z_values)}
threshold = {py(threshold)}

def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))

probs = [sigmoid(z) for z in z_values]
preds = [1 if p >= threshold else 0 for p in probs]
print("z:", z_values)
print("sigmoid(z):", [round(p, 4) for p in probs])
print(f"class predictions @{{threshold}}:", preds)

{SNIPPET_NOTE}
for i, p in enumerate(probs):
    print(f"sigmoid_{{i}}:", p)
print("predicted_positive:", sum(preds))
"""
    return results.Result("sigmoid", dict(values), metrics, [table], [plot], takeaway, code)


EXPERIMENT = Experiment(
    slug="sigmoid",
    number=1,
    title="Logistic regression: sigmoid → probability",
    short_title="Sigmoid",
    params=PARAMS,
    run_values=run,
    needs_sklearn=False,
)
