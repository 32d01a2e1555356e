"""Topic 8, gradient descent: seed numbers, closed-form checks, divergence as a result, and the snippet."""

from __future__ import annotations

import json
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.snippet_check import assert_snippet_reproduces
from tutor.engine.experiments import get
from tutor.engine.experiments.gradient_descent import EXPERIMENT, PARAMS
from tutor.engine.params import ParamError
from tutor.engine.result import Result

# The seed cell's printout, verbatim.
SEED_LINES = [
    "step=  0  w=0.416  b=0.474  MSE=0.5995",
    "step= 50  w=1.963  b=-0.477  MSE=0.0028",
    "step=100  w=1.996  b=-0.495  MSE=0.0026",
    "step=150  w=1.997  b=-0.495  MSE=0.0026",
]


def run_quietly(texts: dict[str, str] | None = None) -> Result:
    """Run with every warning (numpy's RuntimeWarning included) turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return EXPERIMENT.run_texts(texts or {})


def data(noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The seed's 200 points, generated here independently of the module."""
    rng = np.random.RandomState(seed)
    X = rng.rand(200, 1)
    return X[:, 0], 2.0 * X[:, 0] - 0.5 + rng.normal(0, noise, 200)


def all_numbers_finite(result: Result) -> bool:
    """No NaN or infinity anywhere a learner or the JSON could see it."""
    values = [m.value for m in result.metrics]
    for plot in result.plots:
        for series in plot.series:
            values += list(series.x) + list(series.y)
    return all(math.isfinite(v) for v in values)


def test_registered_as_topic_8_without_sklearn() -> None:
    assert get(8) is EXPERIMENT and get("gradient-descent") is EXPERIMENT
    assert not EXPERIMENT.needs_sklearn
    assert PARAMS.defaults() == {"lr": 0.5, "steps": 200, "noise": 0.05, "seed": 1}


def test_defaults_print_the_seed_step_lines() -> None:
    # "Estimated w,b: 1.997 -0.495" and the MSE metrics are checked in test_experiments_common.py.
    result = run_quietly()
    lines = [f"step={int(step):3d}  w={w}  b={b}  MSE={mse}" for step, w, b, mse in result.tables[0].rows]
    assert lines == SEED_LINES
    with pytest.raises(KeyError):
        result.metric("diverged_at_step")


def test_many_steps_reach_the_least_squares_solution() -> None:
    result = run_quietly({"lr": "0.3", "steps": "5000", "noise": "0.3", "seed": "5"})
    x, y = data(0.3, 5)
    (w, b), *_ = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)
    assert math.isclose(result.metric("w").value, w, abs_tol=1e-9)
    assert math.isclose(result.metric("b").value, b, abs_tol=1e-9)
    assert math.isclose(result.metric("final_mse").value, np.mean((w * x + b - y) ** 2), rel_tol=1e-9)
    assert "least-squares optimum to 3 decimals" in result.takeaway


def test_a_few_steps_match_the_matrix_form_of_the_update() -> None:
    result = run_quietly({"lr": "0.1", "steps": "3", "noise": "0.2", "seed": "8"})
    x, y = data(0.2, 8)
    A = np.column_stack([x, np.ones_like(x)])
    theta, losses = np.zeros(2), []
    for _ in range(3):
        residual = A @ theta - y
        losses.append(np.mean(residual**2))
        theta = theta - 0.1 * (2 / len(y)) * A.T @ residual
    assert math.isclose(result.metric("w").value, theta[0], rel_tol=1e-12)
    assert math.isclose(result.metric("b").value, theta[1], rel_tol=1e-12)
    assert math.isclose(result.metric("mse_step_0").value, losses[0], rel_tol=1e-12)
    assert {m.key for m in result.metrics} == {"w", "b", "final_mse", "mse_step_0", "steps_run", "diverged"}
    assert "still short of the least-squares optimum" in result.takeaway


@pytest.mark.parametrize(("lr", "step"), [("5", 3), ("10", 3), ("1.5", 8)])
def test_too_large_a_step_diverges_as_a_result(lr: str, step: int) -> None:
    result = run_quietly({"lr": lr})
    assert result.metric("diverged").value == 1
    assert result.metric("diverged_at_step").value == step
    assert result.metric("steps_run").value == step
    assert all_numbers_finite(result)
    assert result.takeaway.startswith(f"Diverged at step {step}: lr={lr} is too large")
    assert "overshoots" in result.takeaway and "0.797" in result.takeaway
    assert result.tables[0].rows[-1][0] == f"{step} (stop)"
    assert len(result.plots) == 2 and len(result.plots[1].series) == 2  # the runaway fitted line is left out
    json.dumps(result.to_dict(), allow_nan=False)


def test_divergence_stops_long_before_overflow_even_with_many_steps() -> None:
    result = run_quietly({"lr": "10", "steps": "10000", "noise": "5"})
    assert result.metric("diverged").value == 1 and all_numbers_finite(result)
    assert result.metric("final_mse").value < 1e12


def test_slow_divergence_is_explained_not_hidden() -> None:
    result = run_quietly({"lr": "0.8"})
    assert result.metric("diverged").value == 0  # too slow to explode within 200 steps
    assert result.takeaway.startswith("Diverging slowly: lr=0.8 is above the stable limit 0.7971")
    longer = run_quietly({"lr": "0.8", "steps": "2000"})
    assert longer.metric("diverged").value == 1


def test_loss_plot_is_log_scaled_and_positive() -> None:
    result = run_quietly()
    loss = result.plots[0]
    assert loss.yscale == "log"
    assert loss.series[0].x == tuple(float(s) for s in range(200))
    assert all(v > 0 for v in loss.series[0].y)
    many = run_quietly({"steps": "10000", "lr": "0.01"})
    assert len(many.plots[0].series[0].x) == 1000 and many.plots[0].series[0].x[-1] == 9999.0
    assert len(many.tables[0].rows) == 20  # every 500th step, not 200 rows


def test_fit_plot_shows_data_true_and_fitted_lines() -> None:
    data_series, true_line, fitted = run_quietly().plots[1].series
    assert len(data_series.x) == 200
    assert true_line.y == (-0.5, 1.5)
    assert fitted.label == "fitted y = 1.997x − 0.495"


BAD = [("lr", "0"), ("lr", "10.5"), ("steps", "0"), ("steps", "2.5"), ("noise", "-1")]


@pytest.mark.parametrize(("name", "text"), BAD)
def test_out_of_range_values_name_the_parameter(name: str, text: str) -> None:
    with pytest.raises(ParamError) as caught:
        EXPERIMENT.run_texts({name: text})
    assert caught.value.name == name


@settings(max_examples=40, deadline=None)
@given(lr=st.floats(1e-6, 10), steps=st.integers(1, 300), noise=st.floats(0, 5), seed=st.integers(0, 2**32 - 1))
def test_any_valid_input_gives_finite_numbers_without_warnings(lr: float, steps: int, noise: float, seed: int) -> None:
    result = run_quietly({"lr": repr(lr), "steps": str(steps), "noise": repr(noise), "seed": str(seed)})
    assert all_numbers_finite(result)
    json.dumps(result.to_dict(), allow_nan=False)


@pytest.mark.parametrize("texts", [{"lr": "5"}, {"lr": "0.05", "steps": "37", "noise": "0.5", "seed": "9"}])
def test_snippet_prints_every_metric_off_the_defaults(texts: dict[str, str]) -> None:
    # The defaults' snippet is run (once) in test_experiments_common.py.
    assert_snippet_reproduces(run_quietly(texts))


def test_diverged_reads_yes_or_no() -> None:
    # Issue 10, item 6: booleans as yes/no, not "diverged (1 = yes)  0".
    calm, wild = EXPERIMENT.run(), EXPERIMENT.run({"lr": 1.5})
    assert (calm.metric("diverged").label, calm.metric("diverged").display()) == ("diverged", "no")
    assert wild.metric("diverged").display() == "yes"
    assert wild.to_dict()["metrics"]["diverged"] is True
