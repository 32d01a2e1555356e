"""Topic 2: cross-entropy scores predicted probabilities; regularization penalizes the weights."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from tutor.engine.experiments import Experiment
from tutor.engine.experiments._snippets import SNIPPET_NOTE, py
from tutor.engine.params import Param, ParamSet, Value, same_length
from tutor.engine.values import as_float, as_floats, as_labels, as_str
from tutor.support.lazy import lazy
from tutor.support.numbers import rounded

if TYPE_CHECKING:
    from tutor.engine import result as results
    from tutor.engine.result import PlotSpec, Result
else:
    # Five dataclasses (~8 ms to create): the result types load with the first run, not the app.
    results = lazy("tutor.engine.result")


EPS = 1e-12  # the seed's clipping: keeps log() finite when a prediction is exactly 0 or 1

PARAMS = ParamSet(
    (
        Param("y_true", "labels", (1, 0, 1, 1, 0), "the true class of each sample", max_len=50),
        Param(
            "y_hat",
            "floats",
            (0.9, 0.2, 0.6, 0.8, 0.1),
            "predicted probability P(y=1) for each sample",
            low=0,
            high=1,
            max_len=50,
        ),
        Param(
            "weights",
            "floats",
            (0.8, -0.3, 0.5),
            "model weights w that the penalty looks at",
            low=-100,
            high=100,
            max_len=20,
        ),
        Param("lam", "float", 0.1, "regularization strength λ (0 turns the penalty off)", low=0, high=100),
        Param("penalty", "choice", "l2", "l2: λ·Σw², l1: λ·Σ|w|", choices=("l2", "l1")),
    ),
    rules=(same_length("y_true", "y_hat"),),
)


def sample_loss(y: int, p: float) -> float:
    """One sample's log-loss −(y·log p + (1−y)·log(1−p)), with p clipped to [ε, 1−ε] as the seed does."""
    p = min(max(p, EPS), 1.0 - EPS)
    return -(y * math.log(p) + (1 - y) * math.log(1 - p))


def weight_penalty(weights: tuple[float, ...], lam: float, kind: str) -> float:
    """λ·Σw² (l2) or λ·Σ|w| (l1); summed in the same order as the snippet so the floats agree."""
    if kind == "l1":
        return lam * sum(abs(wi) for wi in weights)
    return lam * sum(wi * wi for wi in weights)


def _curve_plot(y_true: tuple[int, ...], y_hat: tuple[float, ...], losses: list[float]) -> PlotSpec:
    """The two loss curves over p, with each sample's loss sitting on its curve."""
    grid = tuple(i / 200 for i in range(1, 200))  # open interval (0, 1): log(0) is −∞
    top = max(5.0, max(losses) * 1.05)  # normally 5; raised so a clipped, very wrong sample stays visible
    pos = [(p, loss) for y, p, loss in zip(y_true, y_hat, losses, strict=True) if y == 1]
    neg = [(p, loss) for y, p, loss in zip(y_true, y_hat, losses, strict=True) if y == 0]
    series = [
        results.Series("−log(p)  (y=1)", grid, tuple(-math.log(p) for p in grid), "line", "blue"),
        results.Series("−log(1−p)  (y=0)", grid, tuple(-math.log(1 - p) for p in grid), "line", "red"),
    ]
    if pos:
        series.append(
            results.Series(
                "your y=1 samples", tuple(p for p, _ in pos), tuple(loss for _, loss in pos), "scatter", "cyan"
            )
        )
    if neg:
        series.append(
            results.Series(
                "your y=0 samples", tuple(p for p, _ in neg), tuple(loss for _, loss in neg), "scatter", "orange"
            )
        )
    return results.PlotSpec(
        title="Log-loss of each sample vs its predicted probability",
        series=tuple(series),
        xlabel="predicted p = P(y=1)",
        ylabel="loss",
        ylim=(0.0, top),
    )


def run(values: dict[str, Value]) -> Result:
    """Mean cross-entropy of the predictions, the weight penalty, and their sum."""
    y_true, y_hat, weights = as_labels(values, "y_true"), as_floats(values, "y_hat"), as_floats(values, "weights")
    lam, kind = as_float(values, "lam"), as_str(values, "penalty")

    losses = [sample_loss(y, p) for y, p in zip(y_true, y_hat, strict=True)]
    total_loss = 0.0
    for loss in losses:  # accumulate in order, exactly as the seed's loop, so the mean matches bit for bit
        total_loss += loss
    ce = total_loss / len(y_true)
    penalty = weight_penalty(weights, lam, kind)
    total = ce + penalty

    notes: list[str] = []
    for i, (y, p, loss) in enumerate(zip(y_true, y_hat, losses, strict=True)):
        if p in (0.0, 1.0):
            wrong = (p == 0.0 and y == 1) or (p == 1.0 and y == 0)
            verdict = (
                f"a certain, wrong prediction, so its loss is {rounded(loss, 2)} instead of infinity"
                if wrong
                else "a certain, right prediction, so its loss is ≈ 0"
            )
            notes.append(
                f"Sample {i + 1}: ŷ = {p:g} was clipped to {'1e-12' if p == 0 else '1 − 1e-12'}; it is {verdict}."
            )

    worst = max(range(len(losses)), key=losses.__getitem__)
    formula = "λ·Σw²" if kind == "l2" else "λ·Σ|w|"
    penalty_text = (
        f"The {kind.upper()} penalty {rounded(penalty)} = {formula} with λ = {lam:g} depends only on the weights: "
        f"change y_hat and it stays {rounded(penalty)}, while the total {rounded(total)} moves with the cross-entropy."
        if lam > 0
        else f"With λ = 0 the {kind.upper()} penalty is 0 whatever the weights, "
        f"so the total {rounded(total)} is just the cross-entropy."
    )
    takeaway = (
        f"Cross-entropy {rounded(ce)} measures how well the predicted probabilities fit the labels; "
        f"the worst fit is sample {worst + 1} (y={y_true[worst]}, ŷ={y_hat[worst]:g}, loss {rounded(losses[worst])}). "
        + penalty_text
    )

    table = results.Table(
        "Each sample's loss",
        ("#", "y", "ŷ", "p(true class)", "loss"),
        tuple(
            (str(i), str(y), f"{p:g}", rounded(p if y == 1 else 1 - p, 4), rounded(loss, 4))
            for i, (y, p, loss) in enumerate(zip(y_true, y_hat, losses, strict=True), start=1)
        ),
    )
    metrics = [
        results.Metric("cross_entropy", "cross-entropy (mean log-loss)", ce, 4),
        results.Metric("penalty", f"{kind.upper()} penalty", penalty, 4),
        results.Metric("total", "total loss = CE + penalty", total, 4),
    ]
    term = "abs(wi)" if kind == "l1" else "wi*wi"
    code = f'''import math

y_true = {py(y_true)}
y_hat = {py(y_hat)}  # predicted probabilities

def binary_cross_entropy(y, p):
    eps = 1e-12
    loss = 0.0
    for yt, pt in zip(y, p):
        pt = min(max(pt, eps), 1.0 - eps)
        loss += -(yt*math.log(pt) + (1-yt)*math.log(1-pt))
    return loss/len(y)

ce = binary_cross_entropy(y_true, y_hat)
print("Cross-Entropy Loss:", round(ce, 4))

w = {py(weights)}
lam = {py(lam)}
penalty = lam * sum({term} for wi in w)  # {kind.upper()} regularization: looks at w only
total = ce + penalty
print("{kind.upper()} penalty:", round(penalty, 4), "  Total loss:", round(total, 4))

{SNIPPET_NOTE}
print("cross_entropy:", ce)
print("penalty:", penalty)
print("total:", total)
'''
    return results.Result(
        "cross-entropy", dict(values), metrics, [table], [_curve_plot(y_true, y_hat, losses)], takeaway, code, notes
    )


EXPERIMENT = Experiment(
    slug="cross-entropy",
    number=2,
    title="Cross-entropy (log-loss) vs regularization",
    short_title="Cross-entropy",
    params=PARAMS,
    run_values=run,
    needs_sklearn=False,
)
