"""Topic 7: validation picks the hyperparameter (k in KNN); the test split is touched once, at the end."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tutor.engine.experiments import Experiment
from tutor.engine.experiments._snippets import SNIPPET_NOTE, py
from tutor.engine.experiments._splits import split_sizes
from tutor.engine.params import Param, ParamError, ParamSet, Value
from tutor.engine.values import as_float, as_floats, as_int
from tutor.support.lazy import lazy
from tutor.support.numbers import rounded

if TYPE_CHECKING:
    import numpy as np

    from tutor.engine import result as results
    from tutor.engine.result import Result, SeriesKind
else:
    # Five dataclasses (~8 ms to create): the result types load with the first run, not the app.
    results = lazy("tutor.engine.result")
    np = lazy("numpy")  # imported at the first run, not when the topic list loads


def _smallest_fold_train(n_samples: int, cv: int) -> int:
    """Samples a CV model trains on in the worst fold: StratifiedKFold test folds hold ⌊n/cv⌋ or ⌈n/cv⌉."""
    return n_samples - math.ceil(n_samples / cv)


def _whole_ks(values: Mapping[str, Value]) -> list[ParamError]:
    """Rule: every k is a whole number, listed once."""
    seen: dict[float, int] = {}
    for position, k in enumerate(as_floats(values, "k_values"), start=1):
        if not float(k).is_integer():
            return [ParamError("k_values", f"item {position} '{py(k)}' is not a whole number; k counts neighbours")]
        if k in seen:
            return [ParamError("k_values", f"item {position} '{py(k)}' repeats item {seen[k]}; list each k once")]
        seen[k] = position
    return []


def _sizes_fit(values: Mapping[str, Value]) -> list[ParamError]:
    """Rule: both splits hold each class, every CV fold has room for cv folds and for the largest k."""
    n, cv, test_size = as_int(values, "n_samples"), as_int(values, "cv"), as_float(values, "test_size")
    n_train, n_test = split_sizes(n, test_size)
    if n_test < 2 or n_train < 2:
        return [
            ParamError(
                "test_size",
                f"{test_size:g} with n_samples={n} would give {n_test} test and {n_train} "
                "training samples; a stratified split needs at least 2 in each (one per class)",
            )
        ]
    if n_train < 4:
        return [
            ParamError(
                "test_size",
                f"{test_size:g} with n_samples={n} leaves {n_train} training samples; "
                "even 2-fold CV needs 4 (2 of each class)",
            )
        ]
    if 2 * cv > n_train:
        # Two classes, each needing at least cv members in the training part.
        return [
            ParamError(
                "cv",
                f"{cv} folds need at least {2 * cv} training samples (cv per class), "
                f"but n_samples={n} with test_size={test_size:g} leaves {n_train}",
            )
        ]
    room = _smallest_fold_train(n_train, cv)
    for position, k in enumerate(as_floats(values, "k_values"), start=1):
        if k > room:
            return [
                ParamError(
                    "k_values",
                    f"item {position} '{py(k)}' is more than the {room} samples a "
                    f"CV model trains on ({n_train} training samples, cv={cv}); KNN needs k ≤ that",
                )
            ]
    return []


PARAMS = ParamSet(
    (
        Param(
            "k_values",
            "floats",
            (1.0, 3.0, 5.0, 7.0, 9.0),
            "the n_neighbors values the grid search compares",
            low=1,
            high=200,
            max_len=15,
        ),
        Param("cv", "int", 5, "number of cross-validation folds", low=2, high=20),
        Param(
            "n_samples", "int", 400, "samples from make_classification (6 features, 4 informative)", low=20, high=5000
        ),
        Param("seed", "int", 0, "random_state for the data and the train/test split", low=0, high=2**32 - 1),
        Param(
            "test_size",
            "float",
            0.25,
            "share held out as the test split in the full protocol",
            low=0,
            high=1,
            low_open=True,
            high_open=True,
        ),
    ),
    rules=(_whole_ks, _sizes_fit),
)


def _check_classes(y: np.ndarray, cv: int, where: str) -> None:
    """Raise ParamError when a class has fewer members than folds (StratifiedKFold would warn or fail)."""
    counts = np.bincount(y, minlength=2)
    if counts.min() < cv:
        raise ParamError(
            "cv",
            f"{cv} folds need at least {cv} samples of each class, but {where} has only "
            f"{int(counts.min())} of class {int(counts.argmin())}; use fewer folds or more samples",
        )


def run(values: dict[str, Value]) -> Result:
    """Grid-search k by cross-validation, compare with training accuracy, then run the full protocol."""
    from sklearn import config_context
    from sklearn.datasets import make_classification

    ks = [int(k) for k in as_floats(values, "k_values")]
    cv, n, seed = as_int(values, "cv"), as_int(values, "n_samples"), as_int(values, "seed")
    test_size = as_float(values, "test_size")
    X, y = make_classification(n_samples=n, n_features=6, n_informative=4, random_state=seed)
    _check_classes(y, cv, f"the {n} samples")
    # The inputs are ours and finite: skipping sklearn's per-call checks saves about a quarter of the
    # time (60 small KNN fits are mostly overhead) and changes no number.
    with config_context(assume_finite=True, skip_parameter_validation=True):
        return _search(X, y, ks, cv, n, seed, test_size, values)


def _search(
    X: np.ndarray, y: np.ndarray, ks: list[int], cv: int, n: int, seed: int, test_size: float, values: dict[str, Value]
) -> Result:
    """Both grid searches, the training accuracies, and the Result built from them.

    The searches give GridSearchCV's numbers exactly, one KNN query per fold for every k (see
    _knn_search); the snippet shows the GridSearchCV calls they stand for.
    """
    from sklearn.model_selection import train_test_split
    from sklearn.neighbors import KNeighborsClassifier

    # Loaded with the first run, not with the topic list the first frame draws.
    from tutor.engine.experiments._knn_search import search

    # (a) As the seed does: cross-validation on all samples picks k.
    # Training accuracy is scored on the very samples it was fit on: 1-NN finds each point itself.
    cv_scores, best, train_scores = search(X, y, ks, cv, train=True)
    best_k, best_cv = ks[best], cv_scores[best]

    # (b) The full protocol: hold out a test split first, tune on the rest, score the test split once.
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=test_size, random_state=seed, stratify=y)
    _check_classes(y_tr, cv, f"the {len(y_tr)}-sample training split")
    if len(np.unique(y_te)) < 2:  # the accuracy would then measure one class only
        raise ParamError(
            "test_size",
            f"the {len(y_te)}-sample test split holds only class {int(y_te[0])}; "
            "use a larger test_size so it holds both",
        )
    inner_scores, inner_best, _ = search(X_tr, y_tr, ks, cv, train=False)
    protocol_k, protocol_cv = ks[inner_best], inner_scores[inner_best]
    # GridSearchCV's refit: the best k fit on the whole training split, scored once on the test split.
    test_accuracy = float(KNeighborsClassifier(n_neighbors=protocol_k).fit(X_tr, y_tr).score(X_te, y_te))

    order = sorted(range(len(ks)), key=lambda i: ks[i])
    table = results.Table(
        f"Each k: CV on the {len(y_tr)}-sample train split (the protocol), CV on all {n} (the seed's), training",
        ("k", "CV, train split", "CV, all samples", "training accuracy"),
        tuple(
            (str(ks[i]), rounded(inner_scores[i], 4), rounded(cv_scores[i], 4), rounded(train_scores[i], 4))
            for i in order
        ),
    )
    kind: SeriesKind = "line" if len(ks) > 1 else "scatter"  # one k is a point; a line through one point draws nothing
    k_axis = tuple(float(ks[i]) for i in order)
    # The protocol is the lesson, so it is the headline; the seed's all-samples search (test rows
    # included) is drawn beside it, and its k marked only where it differs.
    markers: tuple[tuple[float, str], ...] = ((float(protocol_k), f"k={protocol_k} protocol"),)
    if best_k != protocol_k:
        markers += ((float(best_k), f"k={best_k} seed"),)
    plot = results.PlotSpec(
        title=f"protocol: best k = {protocol_k} (CV {rounded(protocol_cv, 3)}), test {rounded(test_accuracy, 3)}",
        series=(
            results.Series("CV, train split", k_axis, tuple(inner_scores[i] for i in order), kind, "blue"),
            results.Series("CV, all (seed)", k_axis, tuple(cv_scores[i] for i in order), kind, "cyan"),
            results.Series("training", k_axis, tuple(train_scores[i] for i in order), kind, "red"),
        ),
        xlabel="k (n_neighbors)",
        ylabel="accuracy",
        vlines=markers,
    )
    gap = max(range(len(ks)), key=lambda i: train_scores[i] - cv_scores[i])
    overfit = train_scores[gap] - cv_scores[gap] > 0.005  # a visible gap, not rounding noise
    gap_text = (
        f"Training accuracy cannot choose k: k={ks[gap]} scores {rounded(train_scores[gap], 3)} on the data "
        f"it was fit on but {rounded(cv_scores[gap], 3)} in CV. "
        if overfit
        else ""
    )
    optimism = (
        "below the CV score that selected it: a score picked as the best of several is optimistic "
        f"(and {len(y_te)} test samples are a noisy estimate too)"
        if test_accuracy < protocol_cv
        else "no lower than the CV score that selected it this time; on average a selected score is optimistic"
    )
    takeaway = (
        f"The protocol: the {len(y_te)}-sample test split is set aside first, {cv}-fold CV on the {len(y_tr)} "
        f"training samples picks k={protocol_k} (CV {rounded(protocol_cv, 3)}), and the test split, touched once "
        f"at the end, gives {rounded(test_accuracy, 3)}, {optimism}. {gap_text}The seed's search ran CV on all "
        f"{n} samples, test rows included, and chose k={best_k} ({rounded(best_cv, 3)}): that score has seen "
        "the test rows, so it cannot be the final estimate."
    )
    metrics = [
        results.Metric("protocol_best_k", "best k (protocol: CV on train split)", protocol_k, 0),
        results.Metric("protocol_cv_accuracy", "its CV accuracy on train split", protocol_cv, 3),
        results.Metric("test_accuracy", "test accuracy (touched once)", test_accuracy, 3),
        results.Metric("best_k", "seed's best k (CV on all samples)", best_k, 0),
        results.Metric("best_cv_accuracy", "seed's best CV accuracy", best_cv, 3),
    ]
    code = f"""from sklearn.datasets import make_classification
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.neighbors import KNeighborsClassifier

X, y = make_classification(n_samples={n}, n_features=6, n_informative=4, random_state={seed})
param_grid = {{"n_neighbors": {py(tuple(ks))}}}

grid = GridSearchCV(KNeighborsClassifier(), param_grid=param_grid, cv={cv}, scoring="accuracy")
grid.fit(X, y)
print("Best params via CV (validation):", grid.best_params_)
print("Best CV accuracy:", round(grid.best_score_, 3))
for k, score in zip(param_grid["n_neighbors"], grid.cv_results_["mean_test_score"]):
    train_acc = KNeighborsClassifier(n_neighbors=k).fit(X, y).score(X, y)
    print(f"k={{k:<4}} CV accuracy={{score:.4f}}  training accuracy={{train_acc:.4f}}")

# The full protocol: the test split is held out before tuning and scored once at the end.
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size={py(test_size)}, random_state={seed}, stratify=y)
inner = GridSearchCV(KNeighborsClassifier(), param_grid=param_grid, cv={cv}, scoring="accuracy").fit(X_tr, y_tr)
test_accuracy = inner.score(X_te, y_te)
print("Full protocol - best k", inner.best_params_["n_neighbors"], " CV", round(inner.best_score_, 3),
      " test", round(test_accuracy, 3))

{SNIPPET_NOTE}
print("best_k:", grid.best_params_["n_neighbors"])
print("best_cv_accuracy:", float(grid.best_score_))
print("protocol_best_k:", inner.best_params_["n_neighbors"])
print("protocol_cv_accuracy:", float(inner.best_score_))
print("test_accuracy:", float(test_accuracy))
"""
    return results.Result("validation", dict(values), metrics, [table], [plot], takeaway, code)


EXPERIMENT = Experiment(
    slug="validation",
    number=7,
    title="Train / validation / test: validation picks k",
    short_title="Validation",
    params=PARAMS,
    run_values=run,
    needs_sklearn=True,
)
