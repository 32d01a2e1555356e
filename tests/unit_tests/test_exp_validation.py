"""Topic 7, train/validation/test: seed numbers, cross_val_score checks, rules and the snippet."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from tests.snippet_check import assert_snippet_reproduces
from tutor.engine.experiments import get
from tutor.engine.experiments.validation import EXPERIMENT, PARAMS
from tutor.engine.params import ParamError
from tutor.engine.result import Result


def run_quietly(texts: dict[str, str] | None = None) -> Result:
    """Run with every warning turned into an error, so none can escape unnoticed."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return EXPERIMENT.run_texts(texts or {})


def refused(texts: dict[str, str]) -> ParamError:
    """The ParamError a run with these texts raises (whether from a rule or from the run)."""
    with pytest.raises(ParamError) as caught:
        run_quietly(texts)
    return caught.value


def by_cross_val_score(ks: list[int], cv: int, n: int, seed: int, test_size: float) -> dict[str, float]:
    """The same numbers computed independently: cross_val_score per k, first best k wins, then the test split."""
    from sklearn.datasets import make_classification
    from sklearn.model_selection import cross_val_score, train_test_split
    from sklearn.neighbors import KNeighborsClassifier

    X, y = make_classification(n_samples=n, n_features=6, n_informative=4, random_state=seed)
    means = [cross_val_score(KNeighborsClassifier(n_neighbors=k), X, y, cv=cv).mean() for k in ks]
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)
    inner = [cross_val_score(KNeighborsClassifier(n_neighbors=k), X_tr, y_tr, cv=cv).mean() for k in ks]
    pk = ks[int(np.argmax(inner))]
    return {
        "best_k": ks[int(np.argmax(means))],
        "best_cv_accuracy": max(means),
        "protocol_best_k": pk,
        "protocol_cv_accuracy": max(inner),
        "test_accuracy": KNeighborsClassifier(n_neighbors=pk).fit(X_tr, y_tr).score(X_te, y_te),
    }


def test_registered_as_topic_7_with_the_cli_contract() -> None:
    assert get(7) is EXPERIMENT and get("validation") is EXPERIMENT
    assert EXPERIMENT.needs_sklearn
    assert PARAMS.defaults() == {
        "k_values": (1.0, 3.0, 5.0, 7.0, 9.0),
        "cv": 5,
        "n_samples": 400,
        "seed": 0,
        "test_size": 0.25,
    }
    assert PARAMS["k_values"].default_text == "1, 3, 5, 7, 9"


def test_defaults_equal_the_seed_grid_search_run_directly() -> None:
    from sklearn.datasets import make_classification
    from sklearn.model_selection import GridSearchCV
    from sklearn.neighbors import KNeighborsClassifier

    X, y = make_classification(n_samples=400, n_features=6, n_informative=4, random_state=0)
    grid = GridSearchCV(KNeighborsClassifier(), param_grid={"n_neighbors": [1, 3, 5, 7, 9]}, cv=5, scoring="accuracy")
    grid.fit(X, y)
    result = run_quietly()
    assert result.metric("best_k").value == grid.best_params_["n_neighbors"]
    assert result.metric("best_cv_accuracy").value == grid.best_score_


def test_table_shows_overfitting_at_k_1() -> None:
    result = run_quietly()
    rows = {row[0]: row for row in result.tables[0].rows}
    assert list(rows) == ["1", "3", "5", "7", "9"]
    assert rows["1"][3] == "1.0"  # 1-NN finds each training point itself
    assert rows["1"][2] == "0.88" and rows["3"][2] == "0.895"  # CV on all samples, as the seed prints
    assert rows["5"][1] == "0.9"  # CV on the train split: the protocol's best
    assert "k=1 scores 1.0" in result.takeaway and "0.88" in result.takeaway


@pytest.mark.parametrize(
    "texts",
    [
        {},
        {"k_values": "2 4 11", "cv": "3", "n_samples": "150", "seed": "7", "test_size": "0.3"},
        {"k_values": "[15, 1, 6, 30]", "cv": "8", "n_samples": "600", "seed": "2", "test_size": "0.4"},
    ],
)
def test_metrics_match_cross_val_score_per_k(texts: dict[str, str]) -> None:
    result = run_quietly(texts)
    v = result.params
    expected = by_cross_val_score([int(k) for k in v["k_values"]], v["cv"], v["n_samples"], v["seed"], v["test_size"])
    for key, value in expected.items():
        assert math.isclose(result.metric(key).value, value, rel_tol=0, abs_tol=1e-12), key


def test_training_accuracy_column_is_knn_scored_on_its_own_training_data() -> None:
    from sklearn.datasets import make_classification
    from sklearn.neighbors import KNeighborsClassifier

    result = run_quietly({"k_values": "9 2 25", "n_samples": "300", "seed": "4"})
    X, y = make_classification(n_samples=300, n_features=6, n_informative=4, random_state=4)
    table = {row[0]: row[3] for row in result.tables[0].rows}
    assert list(table) == ["2", "9", "25"]  # sorted by k for reading
    for k, cell in table.items():
        assert cell == repr(round(KNeighborsClassifier(n_neighbors=int(k)).fit(X, y).score(X, y), 4))


def test_takeaway_reports_the_protocol_numbers() -> None:
    result = run_quietly()
    text = result.takeaway
    assert "k=3" in text and "0.895" in text
    assert "100-sample test split" in text and "300 training samples" in text
    assert f"k={result.metric('protocol_best_k').value}" in text
    assert f"gives {result.metric('test_accuracy').display()}" in text
    assert text.index("k=5") < text.index("k=3")  # the protocol is the headline, the seed's search follows


def test_k_must_be_a_whole_number() -> None:
    error = refused({"k_values": "1, 2.5, 3"})
    assert error.name == "k_values"
    assert str(error).startswith("k_values: item 2 '2.5' is not a whole number")


def test_k_listed_twice_is_refused() -> None:
    error = refused({"k_values": "1 3 3"})
    assert error.name == "k_values" and "repeats item 2" in str(error)


def test_k_must_fit_in_a_training_fold() -> None:
    # 50 samples, test_size 0.25 → 37 train; 5-fold CV holds out up to 8 → 29 left to train on.
    assert run_quietly({"k_values": "29", "n_samples": "50"}).metric("best_k").value == 29
    error = refused({"k_values": "1 30", "n_samples": "50"})
    assert error.name == "k_values"
    assert "item 2 '30'" in str(error) and "29 samples" in str(error)


def test_cv_needs_enough_training_samples() -> None:
    error = refused({"n_samples": "20", "cv": "10"})
    assert error.name == "cv" and "leaves 15" in str(error)


def test_cv_larger_than_a_class_in_the_training_split_is_refused() -> None:
    error = refused({"n_samples": "40", "test_size": "0.25", "cv": "15", "seed": "1", "k_values": "1"})
    assert error.name == "cv"
    assert "30-sample training split has only 14 of class 1" in str(error)


@pytest.mark.parametrize(("test_size", "fragment"), [("0.999", "400 test and 0 training"), ("0.001", "1 test and 399")])
def test_test_size_must_leave_two_samples_on_each_side(test_size: str, fragment: str) -> None:
    error = refused({"test_size": test_size})
    assert error.name == "test_size" and fragment in str(error)


def test_test_size_leaving_too_few_to_cross_validate_names_test_size() -> None:
    error = refused({"n_samples": "20", "test_size": "0.9", "cv": "2"})
    assert error.name == "test_size" and "leaves 2 training samples" in str(error)


def test_plot_headlines_the_protocol_and_marks_the_seeds_k_beside_it() -> None:
    result = run_quietly()
    (plot,) = result.plots
    assert plot.title == "protocol: best k = 5 (CV 0.9), test 0.84"
    assert [s.label for s in plot.series] == ["CV, train split", "CV, all (seed)", "training"]
    assert plot.series[0].x == (1.0, 3.0, 5.0, 7.0, 9.0)
    assert plot.series[0].y[2] == result.metric("protocol_cv_accuracy").value  # k=5 on the train split
    assert plot.series[1].y[1] == result.metric("best_cv_accuracy").value  # k=3 on all samples
    assert plot.vlines == ((5.0, "k=5 protocol"), (3.0, "k=3 seed"))


def test_the_seeds_k_is_not_marked_twice_when_both_searches_agree() -> None:
    result = run_quietly({"k_values": "5"})
    assert result.metric("best_k").value == result.metric("protocol_best_k").value
    (plot,) = result.plots
    assert plot.vlines == ((5.0, "k=5 protocol"),)


OTHER = {"k_values": "2 4 11", "cv": "3", "n_samples": "150", "seed": "7", "test_size": "0.3"}


def test_snippet_prints_every_metric_off_the_defaults() -> None:
    # The defaults' snippet is run (once) in test_experiments_common.py.
    assert_snippet_reproduces(run_quietly(OTHER))
