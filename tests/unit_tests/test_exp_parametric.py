"""Topic 5 (parametric vs non-parametric): seed numbers, NumPy-by-hand fits, the k ≤ n rule, edges, snippet."""

from __future__ import annotations

import math
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from tests.snippet_check import assert_snippet_reproduces
from tutor.engine.experiments.parametric import EXPERIMENT
from tutor.engine.params import ParamError

ROOT = Path(__file__).resolve().parents[2]


def data(n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The seed's recipe: noisy sin(x) on an even grid over [−3, 3]."""
    rng = np.random.RandomState(seed)
    x = np.linspace(-3, 3, n)
    return x, np.sin(x) + noise * rng.randn(n)


def by_hand(n: int, noise: float, seed: int, k: int) -> tuple[float, float]:
    """Training MSE of a least-squares line and of a k-nearest-neighbour average, in plain NumPy."""
    x, y = data(n, noise, seed)
    slope, intercept = np.polyfit(x, y, 1)
    mse_line = float(np.mean((y - (slope * x + intercept)) ** 2))
    distances = np.abs(x[:, None] - x[None, :])
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]  # odd k: no tie at the cut-off on an even grid
    mse_knn = float(np.mean((y - y[nearest].mean(axis=1)) ** 2))
    return mse_line, mse_knn


def test_contract_names_and_defaults() -> None:
    assert (EXPERIMENT.slug, EXPERIMENT.number, EXPERIMENT.needs_sklearn) == ("parametric", 5, True)
    assert EXPERIMENT.params.defaults() == {"n_neighbors": 5, "n_samples": 60, "noise": 0.1, "seed": 0}
    assert EXPERIMENT.params["seed"].high == 2**32 - 1


def test_defaults_takeaway_compares_the_seed_errors() -> None:
    # The seed's two MSEs are checked in test_experiments_common.py.
    assert "19.8× lower" in EXPERIMENT.run().takeaway


@pytest.mark.parametrize(("n", "noise", "seed", "k"), [(41, 0.3, 7, 3), (150, 0.05, 123, 7)])
def test_non_default_fits_match_numpy(n: int, noise: float, seed: int, k: int) -> None:
    result = EXPERIMENT.run({"n_samples": n, "noise": noise, "seed": seed, "n_neighbors": k})
    mse_line, mse_knn = by_hand(n, noise, seed, k)
    assert result.metric("mse_linear").value == pytest.approx(mse_line, rel=1e-9)
    assert result.metric("mse_knn").value == pytest.approx(mse_knn, rel=1e-9)
    assert (result.metric("linear_params").value, result.metric("knn_stored").value) == (2, n)
    ratio = mse_line / mse_knn
    assert f"{ratio:.1f}× lower" in result.takeaway


def test_one_neighbour_memorises() -> None:
    result = EXPERIMENT.run({"n_neighbors": 1})
    assert result.metric("mse_knn").value == 0.0
    assert "memorising" in result.takeaway and "×" not in result.takeaway


def test_k_equal_to_n_predicts_the_mean_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = EXPERIMENT.run({"n_neighbors": 60})
        tiny = EXPERIMENT.run({"n_samples": 2, "n_neighbors": 2, "noise": 0.0})
    _, y = data(60, 0.1, 0)
    assert result.metric("mse_knn").value == pytest.approx(float(np.var(y)), rel=1e-9)
    assert result.metric("mse_knn").value >= result.metric("mse_linear").value
    assert "one constant" in result.takeaway
    assert all(math.isfinite(m.value) for m in tiny.metrics)
    assert tiny.metric("mse_linear").value == pytest.approx(0.0, abs=1e-12)  # a line through two points


def test_large_data_is_thinned_in_the_plot_only() -> None:
    result = EXPERIMENT.run({"n_samples": 5000, "n_neighbors": 9})
    scatter, truth, line, knn = result.plots[0].series
    assert scatter.kind == "scatter" and len(scatter.x) <= 400 and "1 in" in scatter.label
    assert len(truth.x) == len(line.x) == len(knn.x) == 200
    assert result.metric("knn_stored").value == 5000


def test_plot_lines_follow_the_models() -> None:
    result = EXPERIMENT.run()
    _, truth, line, knn = result.plots[0].series
    x, y = data(60, 0.1, 0)
    slope, intercept = np.polyfit(x, y, 1)
    assert np.allclose(line.y, slope * np.asarray(line.x) + intercept)
    assert np.allclose(truth.y, np.sin(truth.x))
    assert (knn.x[0], knn.x[-1]) == (-3.0, 3.0)


@pytest.mark.parametrize(
    ("texts", "name", "fragment"),
    [
        (
            {"n_neighbors": "6", "n_samples": "5"},
            "n_neighbors",
            "6 is larger than n_samples (5); KNN cannot use more neighbours than training points",
        ),
        ({"n_neighbors": "61"}, "n_neighbors", "61 is larger than n_samples (60)"),
        ({"n_neighbors": "0"}, "n_neighbors", "outside [1, 500]"),
        ({"n_samples": "1"}, "n_samples", "outside [2, 5000]"),
        ({"noise": "-0.1"}, "noise", "outside [0, 10]"),
        ({"seed": str(2**32)}, "seed", "outside"),
        ({"seed": "1.5"}, "seed", "not a whole number"),
    ],
)
def test_bad_parameters_name_the_field(texts: dict[str, str], name: str, fragment: str) -> None:
    with pytest.raises(ParamError) as caught:
        EXPERIMENT.run_texts(texts)
    assert caught.value.name == name
    assert fragment in str(caught.value)


def test_rule_also_guards_programmatic_run() -> None:
    with pytest.raises(ParamError) as caught:
        EXPERIMENT.run({"n_samples": 3})
    assert caught.value.name == "n_neighbors"


def test_snippet_reproduces_non_default_case() -> None:
    assert_snippet_reproduces(EXPERIMENT.run({"n_neighbors": 3, "n_samples": 97, "noise": 1.0, "seed": 4_000_000_000}))


def test_module_import_leaves_sklearn_out() -> None:
    code = (
        "import sys; import tutor.engine.experiments.parametric; "
        "assert 'sklearn' not in sys.modules, 'sklearn imported at module level'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
