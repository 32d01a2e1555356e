"""Topic 8: gradient descent minimises MSE by stepping w and b against the gradient; too large a step diverges."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from tutor.engine.experiments import Experiment
from tutor.engine.experiments._snippets import SNIPPET_NOTE, py
from tutor.engine.params import Param, ParamSet, Value
from tutor.engine.values import as_float, as_int
from tutor.support.lazy import lazy
from tutor.support.numbers import rounded

if TYPE_CHECKING:
    import numpy as np

    from tutor.engine import result as results
    from tutor.engine.result import Result
else:
    # Five dataclasses (~8 ms to create): the result types load with the first run, not the app.
    results = lazy("tutor.engine.result")
    np = lazy("numpy")  # imported at the first run, not when the topic list loads


N_POINTS = 200
TRUE_W, TRUE_B = 2.0, -0.5
# The loss has exploded once it is this many times the starting loss. A converging run never gets
# near it, and a diverging one is caught long before float64 overflows (growth is at most ~600x a step).
DIVERGE_FACTOR = 1e6
REPORT_STEPS = (0, 50, 100, 150)  # the steps the seed prints
MAX_PLOT_POINTS = 1000  # keep the loss series (and its JSON) small when steps is in the thousands

PARAMS = ParamSet(
    (
        Param(
            "lr",
            "float",
            0.5,
            "learning rate η: how far each update moves against the gradient",
            low=0,
            high=10,
            low_open=True,
        ),
        Param("steps", "int", 200, "number of gradient-descent updates", low=1, high=10000),
        Param("noise", "float", 0.05, "std of the noise added to y = 2x − 0.5", low=0, high=5),
        Param("seed", "int", 1, "random seed for the 200 data points", low=0, high=2**32 - 1),
    )
)


def make_data(noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The seed's data: x uniform in [0, 1), y = 2x − 0.5 + noise."""
    rng = np.random.RandomState(seed)
    X = rng.rand(N_POINTS, 1)
    y = TRUE_W * X[:, 0] + TRUE_B + rng.normal(0, noise, N_POINTS)
    return X[:, 0], y


def descend(
    x: np.ndarray, y: np.ndarray, lr: float, steps: int
) -> tuple[float, float, list[float], list[tuple[int, float, float, float]], int | None]:
    """The seed's loop; returns w, b, the MSE before each update, table rows and the divergence step (or None)."""
    w, b, n = 0.0, 0.0, len(x)
    history: list[float] = []
    rows: list[tuple[int, float, float, float]] = []
    stride = 50 * math.ceil(steps / 1000)  # the seed's every-50 rows, thinned so a table stays ≤ 20 rows
    diverged_at = None
    for step in range(steps):
        y_hat = w * x + b
        mse = float(np.mean((y_hat - y) ** 2))  # the loss at this step's w, b, before the update
        history.append(mse)
        if not math.isfinite(mse) or mse > DIVERGE_FACTOR * history[0]:
            diverged_at = step  # stop before the next update pushes the numbers towards overflow
            break
        dw = (2 / n) * np.sum((y_hat - y) * x)
        db = (2 / n) * np.sum(y_hat - y)
        w -= lr * dw
        b -= lr * db
        if step % stride == 0:
            rows.append((step, float(w), float(b), mse))
    return float(w), float(b), history, rows, diverged_at


def _cell(value: float, decimals: int) -> str:
    """Fixed decimals like the seed's printout; scientific once a diverging run makes numbers huge."""
    return f"{value:.{decimals}f}" if abs(value) < 1e6 else f"{value:.3e}"


def run(values: dict[str, Value]) -> Result:
    """Fit y = wx + b by gradient descent on MSE, stopping early if the loss explodes."""
    lr, steps = as_float(values, "lr"), as_int(values, "steps")
    noise, seed = as_float(values, "noise"), as_int(values, "seed")
    x, y = make_data(noise, seed)
    w, b, history, rows, diverged_at = descend(x, y, lr, steps)
    final_mse = float(np.mean((w * x + b - y) ** 2))
    steps_run = diverged_at if diverged_at is not None else steps

    # The MSE is a quadratic: GD is stable only while lr < 2 / (largest eigenvalue of its Hessian).
    hessian = (2 / len(x)) * np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), len(x)]])
    low_curve, high_curve = (float(v) for v in np.linalg.eigvalsh(hessian))
    lr_limit = 2 / high_curve
    lr_fastest = 2 / (low_curve + high_curve)  # balances the slow direction against the bouncing one
    (w_ls, b_ls), *_ = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)

    table_rows = [(str(s), _cell(rw, 3), _cell(rb, 3), _cell(m, 4)) for s, rw, rb, m in rows]
    if diverged_at is not None:
        table_rows.append((f"{diverged_at} (stop)", _cell(w, 3), _cell(b, 3), _cell(history[-1], 4)))
    table = results.Table(
        "w and b after the update; MSE before it (as the seed prints)", ("step", "w", "b", "MSE"), tuple(table_rows)
    )

    pick = (
        range(len(history))
        if len(history) <= MAX_PLOT_POINTS
        else np.linspace(0, len(history) - 1, MAX_PLOT_POINTS).astype(int)
    )
    kept = [(float(i), history[i]) for i in pick if math.isfinite(history[i]) and history[i] > 0]
    status = f" — diverged at step {diverged_at}" if diverged_at is not None else ""
    loss_plot = results.PlotSpec(
        title=f"MSE by step, lr={lr:g}{status}",
        series=(results.Series("MSE", tuple(s for s, _ in kept), tuple(m for _, m in kept), "line", "blue"),),
        xlabel="step",
        ylabel="MSE (log scale)",
        yscale="log",
    )
    ends = (0.0, 1.0)
    lines = [results.Series("true y = 2x − 0.5", ends, tuple(TRUE_W * e + TRUE_B for e in ends), "line", "green")]
    if diverged_at is None:  # a diverged line lies millions off the chart, so it is left out
        sign = "−" if b < 0 else "+"
        label = f"fitted y = {rounded(w, 3)}x {sign} {rounded(abs(b), 3)}"
        lines.append(results.Series(label, ends, tuple(w * e + b for e in ends), "line", "red"))
    fit_plot = results.PlotSpec(
        title="data, true line and fitted line" if diverged_at is None else "data and true line (the fit diverged)",
        series=(
            results.Series("data", tuple(float(v) for v in x), tuple(float(v) for v in y), "scatter", "gray"),
            *lines,
        ),
        xlabel="x",
        ylabel="y",
    )

    if diverged_at is not None:
        takeaway = (
            f"Diverged at step {diverged_at}: lr={lr:g} is too large, so each update overshoots the minimum "
            f"and lands farther up the other side; the MSE grew from {rounded(history[0], 4)} to "
            f"{history[-1]:.3g} and the run stopped. On this data any lr above about {lr_limit:.3g} diverges."
        )
    elif lr >= lr_limit:
        # Unstable, but growing too slowly to reach DIVERGE_FACTOR within these steps.
        lowest = int(np.argmin(history))
        rising = lowest < len(history) - 1
        trend = (
            f"the MSE bottomed out at {rounded(history[lowest], 4)} (step {lowest}) and has risen since, to "
            f"{rounded(history[-1], 4)} at step {len(history) - 1}"
            if rising
            else f"the MSE is still falling ({rounded(history[-1], 4)} at step {lowest}) only because the shallow "
            "direction is still improving"
        )
        takeaway = (
            f"{'Diverging slowly' if rising else 'Unstable'}: lr={lr:g} is above the stable limit "
            f"{lr_limit:.4g} for this data, so each update overshoots a little more; {trend}. "
            "With more steps it would explode."
        )
    else:
        gap = max(abs(w - w_ls), abs(b - b_ls))
        reached = (
            "that is the least-squares optimum to 3 decimals"
            if gap < 5e-4
            else f"still short of the least-squares optimum w={rounded(w_ls, 3)}, b={rounded(b_ls, 3)}; more steps or "
            + (
                f"a larger lr (about {lr_fastest:.3g} is fastest here) would get there"
                if lr < lr_fastest
                else f"a smaller lr (about {lr_fastest:.3g}; this one bounces across the valley) would get there"
            )
        )
        takeaway = (
            f"After {steps} step{'s' if steps != 1 else ''} gradient descent reached w={rounded(w, 3)}, "
            f"b={rounded(b, 3)} (true 2, −0.5), MSE {rounded(history[0], 4)} → {rounded(final_mse, 4)}; {reached}."
        )

    metrics = [
        results.Metric("w", "w", w, 3),
        results.Metric("b", "b", b, 3),
        results.Metric("final_mse", "final MSE", final_mse, 4),
        *(results.Metric(f"mse_step_{s}", f"MSE at step {s}", history[s], 4) for s in REPORT_STEPS if s < len(history)),
        results.Metric("steps_run", "updates made", steps_run, 0),
        results.Metric("diverged", "diverged", diverged_at is not None, 0),
    ]
    if diverged_at is not None:
        metrics.append(results.Metric("diverged_at_step", "diverged at step", diverged_at, 0))
    code = f"""import math
import numpy as np

rng = np.random.RandomState({seed})
X = rng.rand(200, 1)
true_w, true_b = 2.0, -0.5
y = true_w*X[:, 0] + true_b + rng.normal(0, {py(noise)}, 200)

w, b = 0.0, 0.0
lr, steps = {py(lr)}, {steps}
history, diverged_at = [], None  # MSE before each update; the step where it exploded
for step in range(steps):
    y_hat = w*X[:, 0] + b
    mse = float(np.mean((y_hat - y)**2))
    history.append(mse)
    if not math.isfinite(mse) or mse > {int(DIVERGE_FACTOR):_} * history[0]:
        diverged_at = step  # the loss exploded: stop before the numbers overflow
        break
    # gradients of MSE loss
    dw = (2/len(X)) * np.sum((y_hat - y) * X[:, 0])
    db = (2/len(X)) * np.sum((y_hat - y))
    w -= lr*dw
    b -= lr*db
    if step % {50 * math.ceil(steps / 1000)} == 0:
        print(f"step={{step:3d}}  w={{w:.3f}}  b={{b:.3f}}  MSE={{mse:.4f}}")

print("Estimated w,b:", round(w, 3), round(b, 3), "  (true:", true_w, true_b, ")")

{SNIPPET_NOTE}
print("w:", float(w))
print("b:", float(b))
print("final_mse:", float(np.mean((w*X[:, 0] + b - y)**2)))
for s in {py(tuple(REPORT_STEPS))}:
    if s < len(history):
        print(f"mse_step_{{s}}:", history[s])
print("steps_run:", step if diverged_at is not None else steps)
print("diverged:", int(diverged_at is not None))
if diverged_at is not None:
    print("diverged_at_step:", diverged_at)
"""
    return results.Result("gradient-descent", dict(values), metrics, [table], [loss_plot, fit_plot], takeaway, code)


EXPERIMENT = Experiment(
    slug="gradient-descent",
    number=8,
    title="Gradient descent: an optimizer, not a preprocessor",
    short_title="Gradient descent",
    params=PARAMS,
    run_values=run,
    needs_sklearn=False,
)
