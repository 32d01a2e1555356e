"""The exercises beyond the five named ones (issue 12, part 2): each loads with its topic and functions, the
reference passes and the starter fails in the sandbox, every classic mistake fails the check that names it,
and each reference solution agrees with an independent computation (NumPy, SciPy or scikit-learn).

The reference solutions are our own code, so these tests exec them in the test process (the app never execs
learner code: it runs it in the sandbox).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from tutor.exercises.compare import compare_series
from tutor.exercises.model import Check
from tutor.exercises.sandbox import expected_values
from tutor.exercises.spec import all_exercises, exercises_for, get_exercise
from tutor.exercises.values import same

MORE = {
    "stable-sigmoid-logit": ("sigmoid", ("logit", "stable_sigmoid")),
    "logistic-gradient": ("cross-entropy", ("logistic_gradient",)),
    "gini-impurity": ("decision-tree", ("gini",)),
    "tree-predict-leaf": ("decision-tree", ("predict_leaf",)),
    "split-threshold": ("decision-tree", ("best_split",)),
    "roc-auc-pairs": ("metrics", ("roc_auc",)),
    "confusion-matrix": ("metrics", ("confusion_matrix", "accuracy_specificity")),
    "normal-equation": ("parametric", ("fit_linear", "mse")),
    "polynomial-features": ("feature-engineering", ("poly_features",)),
    "standardize-train-stats": ("feature-engineering", ("standardize",)),
    "one-hot-encode": ("feature-engineering", ("categories_of", "one_hot")),
    "kfold-indices": ("validation", ("kfold_indices",)),
    "tune-k-cv": ("validation", ("cv_accuracy", "choose_k")),
    "minibatch-gd": ("gradient-descent", ("fit_line_minibatch",)),
}


def _namespace(exercise_id: str) -> dict[str, Any]:
    """The reference solution's functions, defined in this (the test) process."""
    namespace: dict[str, Any] = {"__name__": f"reference_{exercise_id.replace('-', '_')}"}
    exec(compile(get_exercise(exercise_id).solution, f"<{exercise_id} reference>", "exec"), namespace)
    return namespace


def _arguments(check: Check) -> tuple[list[Any], dict[str, Any]]:
    """A check's arguments as the sandbox passes them (lists as NumPy arrays in NumPy checks)."""
    if not check.as_numpy:
        return list(check.args), dict(check.kwargs)
    args = [np.asarray(a) if isinstance(a, list) else a for a in check.args]
    kwargs = {k: np.asarray(v) if isinstance(v, list) else v for k, v in check.kwargs.items()}
    return args, kwargs


def _calls(exercise_id: str) -> list[tuple[Check, Any]]:
    """Each check with the reference's answer computed here, after asserting the sandbox returned the same."""
    exercise = get_exercise(exercise_id)
    namespace = _namespace(exercise_id)
    events = {e["index"]: e for e in expected_values(exercise).events if e.get("event") == "check"}
    answers = []
    for index, check in enumerate(exercise.checks):
        args, kwargs = _arguments(check)
        value = namespace[check.call](*args, **kwargs)
        assert events[index]["ok"], check.name
        assert same(events[index]["value"], _plain(value), 1e-12), check.name  # the sandbox's answer, too
        answers.append((check, value))
    return answers


def _plain(value: Any) -> Any:
    """Tuples as lists and NumPy values as Python ones, as the sandbox reports them."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


# --- every new exercise, through the sandbox ---------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", MORE)
def test_topic_functions_hints_and_starter(exercise_id: str) -> None:
    exercise = get_exercise(exercise_id)
    assert (exercise.topic, exercise.functions) == MORE[exercise_id]
    assert len(exercise.hints) >= 2 and exercise.asked_as.startswith("asked in interviews as:")
    assert "sklearn" in exercise.forbidden_imports and "TODO" in exercise.starter
    assert len(exercise.mistakes) >= 4
    assert all(check.feedback for check in exercise.checks)
    if any(isinstance(arg, list) for check in exercise.checks for arg in check.args):
        assert any(check.as_numpy for check in exercise.checks), "list inputs are also tried as NumPy arrays"


def test_every_topic_has_at_least_two_exercises() -> None:
    counts = Counter(exercise.topic for exercise in all_exercises())
    assert len(counts) == 8 and min(counts.values()) >= 2, counts
    assert len(all_exercises()) >= 16


@pytest.mark.parametrize(
    ("topic", "order"),
    [
        ("sigmoid", ["sigmoid-threshold", "stable-sigmoid-logit"]),  # e opens the workbook's cell first
        ("cross-entropy", ["bce-l2", "logistic-gradient"]),
        ("decision-tree", ["gini-impurity", "split-threshold", "tree-predict-leaf"]),  # impurity, split, predict
        ("metrics", ["confusion-matrix", "precision-recall-f1", "roc-auc-pairs"]),  # counts before ratios
        ("parametric", ["knn-regressor", "normal-equation"]),
        ("validation", ["kfold-indices", "tune-k-cv"]),  # the folds before the search that uses them
        ("gradient-descent", ["gradient-descent-line", "minibatch-gd"]),
    ],
)
def test_within_a_topic_the_exercises_come_in_teaching_order(topic: str, order: list[str]) -> None:
    ids = [exercise.id for exercise in exercises_for(topic)]  # file-name order: the ids are chosen for it
    assert [i for i in ids if i in order] == order


def test_the_classic_mistakes_the_brief_names_are_there() -> None:
    names = " | ".join(m.name for eid in MORE for m in get_exercise(eid).mistakes).lower()
    for phrase in (
        "off by one",
        "a sum where a mean belongs",
        "fitting the scaler on all the data",
        "forgetting a class",
        "ties",
        "integer division",
        "works only on numpy arrays",
        "works only on lists",
        "division by zero",
    ):
        assert phrase in names, phrase


@pytest.mark.parametrize(
    ("exercise_id", "mistake"), [("stable-sigmoid-logit", "log base 10"), ("roc-auc-pairs", "ties")]
)
def test_the_curve_comparison_matches_the_reference_and_shows_a_mistake(exercise_id: str, mistake: str) -> None:
    exercise = get_exercise(exercise_id)
    comparison = compare_series(exercise, exercise.solution)
    assert comparison is not None and comparison.matches, comparison
    wrong = next(m for m in exercise.mistakes if m.name.startswith(mistake) or mistake in m.name)
    comparison = compare_series(exercise, wrong.code)
    assert comparison is not None and not comparison.matches
    assert [s.label for s in comparison.plot.series] == ["reference", "yours"]


# --- each reference against an independent computation ---------------------------------------------------------


def test_logit_and_stable_sigmoid_agree_with_scipy() -> None:
    from scipy.special import expit, logit  # type: ignore[import-untyped]  # installed with scikit-learn

    for check, value in _calls("stable-sigmoid-logit"):
        reference = logit if check.call == "logit" else expit
        assert value == pytest.approx(float(reference(check.args[0])), rel=1e-12, abs=1e-300)
    functions = _namespace("stable-sigmoid-logit")
    for z in [*np.linspace(-800, 800, 321).tolist(), -745.0, -40.0, -1e-9, 0.0, 36.0, 709.0, 710.0, 1e308]:
        assert functions["stable_sigmoid"](z) == pytest.approx(float(expit(z)), rel=1e-12, abs=1e-300)
    for p in np.linspace(0.001, 0.999, 199).tolist():
        assert functions["logit"](p) == pytest.approx(float(logit(p)), rel=1e-9, abs=1e-12)
        assert functions["stable_sigmoid"](functions["logit"](p)) == pytest.approx(p, rel=1e-12)
    with pytest.raises(OverflowError):  # the task's claim: the textbook formula overflows
        1.0 / (1.0 + math.exp(1000.0))
    with pytest.raises(OverflowError):
        math.exp(710)


def _loss(X: np.ndarray, y: np.ndarray, w: np.ndarray, lam: float) -> float:
    """Mean binary cross-entropy (scikit-learn's log_loss) plus λ·Σ w²."""
    from scipy.special import expit
    from sklearn.metrics import log_loss

    return float(log_loss(y, expit(X @ w), labels=[0, 1])) + lam * float(np.sum(w**2))


def test_logistic_gradient_agrees_with_central_differences_of_sklearn_log_loss() -> None:
    def numeric(X: np.ndarray, y: np.ndarray, w: np.ndarray, lam: float) -> list[float]:
        h = 1e-6
        steps = np.eye(len(w)) * h
        return [(_loss(X, y, w + e, lam) - _loss(X, y, w - e, lam)) / (2 * h) for e in steps]

    for check, value in _calls("logistic-gradient"):
        X, y, w = (np.asarray(a, dtype=float) for a in check.args)
        assert value == pytest.approx(numeric(X, y, w, check.kwargs.get("lam", 0.0)), abs=1e-7)
    gradient = _namespace("logistic-gradient")["logistic_gradient"]
    rng = np.random.default_rng(12)
    for _ in range(20):
        n, d = int(rng.integers(2, 9)), int(rng.integers(1, 4))
        X, y, w, lam = rng.normal(size=(n, d)), rng.integers(0, 2, n), rng.normal(size=d), float(rng.uniform(0, 1))
        assert gradient(X.tolist(), y.tolist(), w.tolist(), lam) == pytest.approx(numeric(X, y, w, lam), abs=1e-7)


def _root_impurity(labels: list[Any]) -> float:
    """scikit-learn's Gini impurity of a node holding these labels (the root of a tree that cannot split)."""
    from sklearn.tree import DecisionTreeClassifier

    tree = DecisionTreeClassifier(criterion="gini", max_depth=1).fit(np.zeros((len(labels), 1)), labels)
    return float(tree.tree_.impurity[0])


def test_gini_agrees_with_the_impurity_of_a_sklearn_tree() -> None:
    for check, value in _calls("gini-impurity"):
        labels = list(check.args[0])
        assert value == (pytest.approx(_root_impurity(labels), rel=1e-12) if labels else 0.0)
    gini = _namespace("gini-impurity")["gini"]
    rng = np.random.default_rng(3)
    for _ in range(30):
        labels = rng.integers(0, int(rng.integers(1, 5)), int(rng.integers(1, 20))).tolist()
        assert gini(labels) == pytest.approx(_root_impurity(labels), rel=1e-12, abs=1e-15)


def _as_dict(tree: Any, node: int = 0) -> dict[str, Any]:
    """A fitted scikit-learn tree in the exercise's nested-dict form (node ids as tree_.apply gives them)."""
    t = tree.tree_
    if t.children_left[node] == -1:
        return {"id": node, "value": int(tree.classes_[np.argmax(t.value[node][0])])}
    return {
        "id": node,
        "feature": int(t.feature[node]),
        "threshold": float(t.threshold[node]),
        "left": _as_dict(tree, int(t.children_left[node])),
        "right": _as_dict(tree, int(t.children_right[node])),
    }


def test_tree_predict_leaf_agrees_with_sklearn_predict_and_apply() -> None:
    from sklearn.datasets import make_classification
    from sklearn.tree import DecisionTreeClassifier

    predict_leaf = _namespace("tree-predict-leaf")["predict_leaf"]
    # The workbook's tree, fitted as the workbook fits it, is the tree the checks give by hand.
    workbook = DecisionTreeClassifier(max_depth=2, random_state=0).fit(
        [[0], [1], [2], [3], [4], [5]], [0, 0, 0, 1, 1, 1]
    )
    given = get_exercise("tree-predict-leaf").check("the workbook's tree at x = 1.5").args[0]
    assert _as_dict(workbook) == given
    for x in ([1.5], [3.2], [2.5]):
        assert predict_leaf(given, x) == (workbook.predict([x])[0], workbook.apply([x])[0])
    X, y = make_classification(n_samples=120, n_features=3, n_informative=3, n_redundant=0, n_classes=3, random_state=0)
    tree = DecisionTreeClassifier(max_depth=4, random_state=0).fit(X, y)
    as_dict = _as_dict(tree)
    queries = np.vstack([X, np.random.default_rng(0).normal(size=(200, 3)) * 2])
    X32 = queries.astype(np.float32).astype(np.float64)  # scikit-learn compares in float32
    got = [predict_leaf(as_dict, row) for row in X32]
    assert [v for v, _ in got] == tree.predict(X32).tolist()
    assert [leaf for _, leaf in got] == tree.apply(X32).tolist()
    for check, value in _calls("tree-predict-leaf"):  # the hand-given trees, walked with NumPy
        node, point = check.args[0], np.asarray(check.args[1], dtype=float)
        while "feature" in node:
            node = node["left"] if point[node["feature"]] <= node["threshold"] else node["right"]
        assert tuple(value) == (node["value"], node["id"])


def _sklearn_split(x: list[float], y: list[Any]) -> tuple[float, float]:
    """The root split of a depth-1 scikit-learn tree: its threshold and the children's weighted Gini."""
    from sklearn.tree import DecisionTreeClassifier

    t = DecisionTreeClassifier(max_depth=1, random_state=0).fit(np.asarray(x).reshape(-1, 1), y).tree_
    left, right = t.children_left[0], t.children_right[0]
    n = t.n_node_samples
    weighted = (n[left] * t.impurity[left] + n[right] * t.impurity[right]) / n[0]
    return float(t.threshold[0]), float(weighted)


def test_best_split_agrees_with_a_depth_one_sklearn_tree() -> None:
    for check, value in _calls("split-threshold"):
        threshold, weighted = _sklearn_split(*check.args)
        assert value[0] == pytest.approx(threshold, rel=1e-6)  # scikit-learn stores float32 features
        assert value[1] == pytest.approx(weighted, rel=1e-9, abs=1e-12)
    best_split = _namespace("split-threshold")["best_split"]
    rng = np.random.default_rng(5)
    for _ in range(40):
        n = int(rng.integers(3, 25))
        x = rng.integers(0, 12, n).astype(float) / 2  # repeated values on purpose
        y = rng.integers(0, 3, n)
        if len(set(x.tolist())) < 2 or len(set(y.tolist())) < 2:
            continue
        ours, theirs = best_split(x.tolist(), y.tolist()), _sklearn_split(x.tolist(), y.tolist())
        assert ours[1] == pytest.approx(theirs[1], rel=1e-9, abs=1e-12)
        assert ours[0] == pytest.approx(theirs[0], rel=1e-6)  # the same (first) threshold on ties, too


def test_roc_auc_agrees_with_sklearn_roc_auc_score() -> None:
    from sklearn.metrics import roc_auc_score

    for check, value in _calls("roc-auc-pairs"):
        assert value == pytest.approx(roc_auc_score(*check.args), rel=1e-12)
    roc_auc = _namespace("roc-auc-pairs")["roc_auc"]
    rng = np.random.default_rng(8)
    for _ in range(40):
        n = int(rng.integers(2, 30))
        y = rng.integers(0, 2, n)
        if len(set(y.tolist())) < 2:
            continue
        scores = rng.integers(0, 6, n) / 5  # coarse scores: plenty of ties
        assert roc_auc(y.tolist(), scores.tolist()) == pytest.approx(roc_auc_score(y, scores), rel=1e-12)


def test_confusion_matrix_accuracy_and_specificity_agree_with_sklearn() -> None:
    from sklearn.metrics import accuracy_score, confusion_matrix, recall_score

    for check, value in _calls("confusion-matrix"):
        y_true, y_pred = check.args
        if check.call == "confusion_matrix":
            assert value == confusion_matrix(y_true, y_pred, labels=[0, 1]).tolist()
            continue
        specificity = recall_score(y_true, y_pred, pos_label=0, zero_division=0)  # the recall of class 0
        assert value == pytest.approx((accuracy_score(y_true, y_pred), specificity), rel=1e-12)


def test_fit_linear_and_mse_agree_with_sklearn_linear_regression() -> None:
    from sklearn.linear_model import LinearRegression
    from sklearn.metrics import mean_squared_error

    for check, value in _calls("normal-equation"):
        if check.call == "mse":
            assert value == pytest.approx(mean_squared_error(*check.args), rel=1e-12)
            continue
        model = LinearRegression().fit(np.asarray(check.args[0]), np.asarray(check.args[1]))
        assert value == pytest.approx([model.intercept_, *model.coef_], rel=1e-9, abs=1e-9)
    # The workbook's parametric cell: the same training MSE as LinearRegression on its sin data.
    functions = _namespace("normal-equation")
    rng = np.random.RandomState(0)
    X = np.linspace(-3, 3, 60).reshape(-1, 1)
    y = np.sin(X).ravel() + 0.1 * rng.randn(60)
    b, w = functions["fit_linear"](X.tolist(), y.tolist())
    lin = LinearRegression().fit(X, y)
    ours = functions["mse"](y.tolist(), (b + w * X[:, 0]).tolist())
    assert ours == pytest.approx(mean_squared_error(y, lin.predict(X)), rel=1e-9)


def test_poly_features_agree_with_sklearn_polynomial_features() -> None:
    from sklearn.preprocessing import PolynomialFeatures

    for check, value in _calls("polynomial-features"):
        x, degree = np.asarray(check.args[0], dtype=float).reshape(-1, 1), check.args[1]
        expected = PolynomialFeatures(degree=degree, include_bias=False).fit_transform(x)
        assert np.asarray(value) == pytest.approx(expected, rel=1e-12)


def test_standardize_agrees_with_a_standard_scaler_fitted_on_train() -> None:
    from sklearn.preprocessing import StandardScaler

    for check, value in _calls("standardize-train-stats"):
        train, test = (np.asarray(a, dtype=float) for a in check.args)
        scaler = StandardScaler().fit(train)
        assert np.asarray(value[0]) == pytest.approx(scaler.transform(train), rel=1e-12, abs=1e-12)
        assert np.asarray(value[1]) == pytest.approx(scaler.transform(test), rel=1e-12, abs=1e-12)
    # ... and the leakage the task warns about really changes the numbers.
    train, test = get_exercise("standardize-train-stats").check("the test set is shifted").args
    leaky = StandardScaler().fit(np.vstack([train, test])).transform(np.asarray(test, dtype=float))
    assert not np.allclose(leaky, StandardScaler().fit(train).transform(np.asarray(test, dtype=float)))


def test_one_hot_agrees_with_sklearn_one_hot_encoder() -> None:
    from sklearn.preprocessing import OneHotEncoder

    for check, value in _calls("one-hot-encode"):
        values = np.asarray(check.args[0], dtype=object).reshape(-1, 1)
        if check.call == "categories_of":
            assert value == OneHotEncoder().fit(values).categories_[0].tolist()
            continue
        categories = np.asarray(check.args[1], dtype=object).reshape(-1, 1)
        encoder = OneHotEncoder(categories=[list(check.args[1])], handle_unknown="ignore").fit(categories)
        assert value == encoder.transform(values).toarray().astype(int).tolist()


def test_kfold_indices_agree_with_sklearn_kfold() -> None:
    from sklearn.model_selection import KFold

    kfold_indices = _namespace("kfold-indices")["kfold_indices"]
    cases = [tuple(check.args) for check, _ in _calls("kfold-indices")]
    cases += [(n, k) for n in range(2, 23) for k in range(2, n + 1)]
    for n, k in cases:
        expected = [(train.tolist(), val.tolist()) for train, val in KFold(n_splits=k).split(np.zeros(n))]
        got = kfold_indices(n, k)
        assert [(list(t), list(v)) for t, v in got] == expected, (n, k)
        assert sorted(i for _, v in got for i in v) == list(range(n))  # each index validated exactly once
    assert [v for _, v in kfold_indices(10, 3)] == [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]  # the task's example


def test_choose_k_agrees_with_grid_search_cv_on_kfold() -> None:
    from sklearn.model_selection import GridSearchCV, KFold, cross_val_score
    from sklearn.neighbors import KNeighborsClassifier

    for check, value in _calls("tune-k-cv"):
        X, y = np.asarray(check.args[0]), np.asarray(check.args[1])
        if check.call == "cv_accuracy":
            k, folds = check.args[2], check.args[3]
            scores = cross_val_score(KNeighborsClassifier(n_neighbors=k, algorithm="brute"), X, y, cv=KFold(folds))
            assert value == pytest.approx(float(scores.mean()), rel=1e-12)
            continue
        ks, folds = check.args[2], check.args[3]
        grid = GridSearchCV(KNeighborsClassifier(algorithm="brute"), {"n_neighbors": ks}, cv=KFold(folds)).fit(X, y)
        assert value[0] == grid.best_params_["n_neighbors"]
        assert value[1] == pytest.approx(grid.best_score_, rel=1e-12)
    # The tie the checks rely on is real: two values of k share the best score.
    X, y, ks, folds = get_exercise("tune-k-cv").check("a tie keeps the first k").args
    cv_accuracy = _namespace("tune-k-cv")["cv_accuracy"]
    scores = [cv_accuracy(X, y, k, folds) for k in ks]
    assert scores.count(max(scores)) == 2


def _minibatch_numpy(x: np.ndarray, y: np.ndarray, lr: float, epochs: int, batch_size: int) -> tuple[float, float]:
    """The same schedule written with NumPy slices, independently of the reference."""
    w = b = 0.0
    for _ in range(epochs):
        for xb, yb in zip(
            np.array_split(x, range(batch_size, len(x), batch_size)),
            np.array_split(y, range(batch_size, len(y), batch_size)),
            strict=True,
        ):
            error = w * xb + b - yb
            w, b = w - lr * 2 * float(np.mean(error * xb)), b - lr * 2 * float(np.mean(error))
    return w, b


def test_minibatch_gd_agrees_with_numpy_and_with_the_experiments_batch_loop() -> None:
    from tutor.engine.experiments.gradient_descent import descend

    fit: Callable[..., tuple[float, float]] = _namespace("minibatch-gd")["fit_line_minibatch"]
    for check, value in _calls("minibatch-gd"):
        x, y = np.asarray(check.args[0], dtype=float), np.asarray(check.args[1], dtype=float)
        assert value == pytest.approx(_minibatch_numpy(x, y, *check.args[2:]), rel=1e-9)
    rng = np.random.default_rng(1)
    x = rng.random(40)
    y = 2.0 * x - 0.5 + rng.normal(0, 0.05, 40)
    for epochs in (1, 5, 30):  # batch_size = n is the workbook's batch gradient descent, one step per epoch
        w, b, *_ = descend(x, y, 0.5, epochs)
        assert fit(x.tolist(), y.tolist(), 0.5, epochs, len(x)) == pytest.approx((w, b), rel=1e-9)
    for batch_size in (1, 3, 7, 16):
        assert fit(x, y, 0.1, 4, batch_size) == pytest.approx(_minibatch_numpy(x, y, 0.1, 4, batch_size), rel=1e-9)
