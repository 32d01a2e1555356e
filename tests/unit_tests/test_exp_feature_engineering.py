"""Topic 6, feature engineering: seed numbers, independent sklearn checks, rules and the snippet."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.snippet_check import assert_snippet_reproduces
from tutor.engine.experiments import get
from tutor.engine.experiments.feature_engineering import EXPERIMENT, PARAMS
from tutor.engine.params import ParamError
from tutor.engine.result import Result


def run_quietly(texts: dict[str, str] | None = None) -> Result:
    """Run with every warning turned into an error, so none can escape unnoticed."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return EXPERIMENT.run_texts(texts or {})


def direct(n: int, noise: float, seed: int, degree: int, test_size: float) -> tuple[float, float]:
    """The same experiment written independently: a Pipeline on the raw x, split by index."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import PolynomialFeatures

    rng = np.random.RandomState(seed)
    X = rng.uniform(-2, 2, (n, 1))
    y = (X[:, 0] ** 2 + rng.normal(0, noise, n) > 1.0).astype(int)
    train, test = train_test_split(np.arange(n), test_size=test_size, random_state=0)
    raw = LogisticRegression().fit(X[train], y[train])
    poly = make_pipeline(PolynomialFeatures(degree=degree, include_bias=False), LogisticRegression())
    poly.fit(X[train], y[train])
    return raw.score(X[test], y[test]), poly.score(X[test], y[test])


def test_registered_as_topic_6_with_the_cli_contract() -> None:
    assert get(6) is EXPERIMENT and get("feature-engineering") is EXPERIMENT
    assert EXPERIMENT.needs_sklearn
    assert PARAMS.defaults() == {"degree": 2, "n_samples": 300, "noise": 0.3, "test_size": 0.3, "seed": 42}


def test_defaults_converge_without_notes() -> None:
    # The seed's two accuracies are checked in test_experiments_common.py.
    assert run_quietly().notes == []


def test_defaults_equal_the_seed_cell_run_directly() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import PolynomialFeatures

    rng = np.random.RandomState(42)
    X = rng.uniform(-2, 2, (300, 1))
    y = (X[:, 0] ** 2 + rng.normal(0, 0.3, 300) > 1.0).astype(int)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=0)
    base_acc = accuracy_score(y_te, LogisticRegression().fit(X_tr, y_tr).predict(X_te))
    X2 = PolynomialFeatures(degree=2, include_bias=False).fit_transform(X)
    X2_tr, X2_te, y_tr, y_te = train_test_split(X2, y, test_size=0.3, random_state=0)
    poly_acc = accuracy_score(y_te, LogisticRegression().fit(X2_tr, y_tr).predict(X2_te))
    result = run_quietly()
    assert result.metric("acc_raw").value == base_acc
    assert result.metric("acc_poly").value == poly_acc


@pytest.mark.parametrize(
    "texts",
    [
        {"degree": "5", "noise": "0.7", "seed": "3", "n_samples": "500", "test_size": "0.4"},
        {"degree": "3", "noise": "0", "seed": "11", "n_samples": "120", "test_size": "0.2"},
        {"degree": "10", "n_samples": "2000"},
    ],
)
def test_non_default_cases_match_an_independent_pipeline(texts: dict[str, str]) -> None:
    result = run_quietly(texts)
    v = result.params
    raw, poly = direct(v["n_samples"], v["noise"], v["seed"], v["degree"], v["test_size"])
    assert math.isclose(result.metric("acc_raw").value, raw, abs_tol=1e-12)
    assert math.isclose(result.metric("acc_poly").value, poly, abs_tol=1e-12)


def test_degree_one_adds_nothing_so_both_models_agree() -> None:
    result = run_quietly({"degree": "1"})
    assert result.metric("acc_raw").value == result.metric("acc_poly").value
    assert "degree 1" in result.takeaway and "0.311" in result.takeaway


def test_takeaway_is_written_from_the_numbers() -> None:
    result = run_quietly({"noise": "0"})
    assert result.metric("acc_poly").value == 1.0
    assert "0.322" in result.takeaway and "1.0" in result.takeaway
    assert "label noise" not in result.takeaway  # nothing left to blame on noise at 100 %
    default = run_quietly()
    assert "from 0.311 to 0.911" in default.takeaway and "0.544" in default.takeaway


def test_test_size_that_empties_the_training_split_is_refused() -> None:
    with pytest.raises(ParamError) as caught:
        EXPERIMENT.run_texts({"n_samples": "10", "test_size": "0.95"})
    assert caught.value.name == "test_size"
    assert "10 test and 0 training samples" in str(caught.value)


def test_one_class_data_is_a_param_error_not_a_sklearn_crash() -> None:
    with pytest.raises(ParamError) as caught:  # seed 64 draws ten points all inside |x| < 1 (or noise keeps them 0)
        EXPERIMENT.run_texts({"n_samples": "10", "seed": "64"})
    assert caught.value.name == "n_samples"
    assert "all 10 samples are class 0" in str(caught.value)


def test_one_class_training_split_names_test_size() -> None:
    with pytest.raises(ParamError) as caught:
        EXPERIMENT.run_texts({"n_samples": "10", "seed": "224"})
    assert caught.value.name == "test_size"
    assert "7 training samples are all class 0" in str(caught.value)
    _, errors = PARAMS.parse({"n_samples": "10", "seed": "224"})  # the form sees it before running
    assert [e.name for e in errors] == ["test_size"]


@settings(max_examples=60, deadline=None)
@given(n=st.integers(10, 400), test_size=st.floats(0.01, 0.95))
def test_the_rules_shuffle_is_the_one_train_test_split_uses(n: int, test_size: float) -> None:
    from sklearn.model_selection import train_test_split

    n_test = math.ceil(test_size * n)
    if n_test >= n:
        return
    train, _ = train_test_split(np.arange(n), test_size=test_size, random_state=0)
    assert list(np.random.RandomState(0).permutation(n)[n_test:]) == list(train)


def test_a_convergence_warning_becomes_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    import sklearn.linear_model

    class Impatient(sklearn.linear_model.LogisticRegression):
        def __init__(self) -> None:
            super().__init__(max_iter=1)

    monkeypatch.setattr(sklearn.linear_model, "LogisticRegression", Impatient)
    result = run_quietly({"degree": "6"})
    assert result.notes and all("model as it stopped" in note for note in result.notes)
    assert "ConvergenceWarning" in result.code  # the snippet quietens it the same way


def test_plot_and_table_describe_both_models() -> None:
    result = run_quietly()
    (plot,) = result.plots
    assert "0.311" in plot.title and "0.911" in plot.title
    labels = [s.label for s in plot.series]
    assert labels == ["train points", "test points", "P(y=1|x), raw x", "P(y=1|x), degree 2"]
    assert len(plot.series[0].x) == 210 and len(plot.series[1].x) == 90
    for curve in plot.series[2:]:
        assert all(0.0 <= p <= 1.0 for p in curve.y)
    assert [row[0] for row in result.tables[0].rows] == ["raw x", "best one cut: x < -1.08", "degree 2"]


OTHER = {"degree": "4", "noise": "1.2", "seed": "7", "n_samples": "800", "test_size": "0.5"}


def test_snippet_prints_every_metric_off_the_defaults() -> None:
    # The defaults' snippet is run (once) in test_experiments_common.py.
    assert_snippet_reproduces(run_quietly(OTHER))


def test_best_single_cut_matches_a_brute_force_search() -> None:
    """The cut is the training-accuracy optimum over every threshold and side, checked one by one."""
    from sklearn.model_selection import train_test_split

    from tutor.engine.experiments.feature_engineering import best_single_cut, make_data

    for noise, seed in ((0.3, 42), (0.0, 42), (1.0, 7)):
        X, y = make_data(300, noise, seed)
        X_tr, _, y_tr, _ = train_test_split(X, y, test_size=0.3, random_state=0)
        x = X_tr[:, 0]
        cut, below = best_single_cut(x, y_tr)
        found = float(np.mean(((x < cut) if below else (x > cut)).astype(int) == y_tr))
        best = max(
            float(np.mean(((x < c) if side else (x > c)).astype(int) == y_tr))
            for c in np.linspace(-2.5, 2.5, 2001)
            for side in (True, False)
        )
        assert found >= best - 1e-12, (noise, seed, found, best)


def test_the_takeaway_explains_the_flat_raw_fit_and_the_one_cut_ceiling() -> None:
    result = get("feature-engineering").run()
    assert "almost flat (P(y=1|x) from 0.486 to 0.543)" in result.takeaway
    assert "best single cut (x < -1.08 → class 1) catches one tail only and scores 0.689" in result.takeaway
    assert result.metric("acc_one_cut").value > result.metric("acc_raw").value
