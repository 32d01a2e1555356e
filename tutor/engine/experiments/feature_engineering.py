"""Topic 6: feature engineering — adding x² makes a label that depends on |x| linearly separable."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING

from tutor.engine.experiments import Experiment
from tutor.engine.experiments._snippets import SNIPPET_NOTE, py
from tutor.engine.experiments._splits import split_sizes
from tutor.engine.params import Param, ParamError, ParamSet, Value
from tutor.engine.values import as_float, as_int
from tutor.support.lazy import lazy
from tutor.support.numbers import rounded

if TYPE_CHECKING:  # types only: numpy, sklearn and the result types load when an experiment runs
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from tutor.engine import result as results
    from tutor.engine.result import Result
else:
    # Five dataclasses (~8 ms to create): the result types load with the first run, not the app.
    results = lazy("tutor.engine.result")
    np = lazy("numpy")  # imported at the first run, not when the topic list loads


SPLIT_SEED = 0  # the seed splits with random_state=0 whatever the data seed is


def make_data(n_samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The seed's data: x uniform in [-2, 2], y = 1 when x² + noise > 1."""
    rng = np.random.RandomState(seed)
    X = rng.uniform(-2, 2, (n_samples, 1))
    y = (X[:, 0] ** 2 + rng.normal(0, noise, n_samples) > 1.0).astype(int)
    return X, y


def _class_problem(y: np.ndarray, y_train: np.ndarray, n_samples: int) -> ParamError | None:
    """A ParamError when the training split lacks a class (LogisticRegression would refuse to fit)."""
    if len(np.unique(y)) < 2:
        return ParamError(
            "n_samples",
            f"all {n_samples} samples are class {int(y[0])}; logistic regression "
            "needs both classes — use more samples (or another seed or noise)",
        )
    if len(np.unique(y_train)) < 2:
        return ParamError(
            "test_size",
            f"the {len(y_train)} training samples are all class {int(y_train[0])}; "
            "the training split needs both classes — use a smaller test_size or more samples",
        )
    return None


def _check_splits(values: Mapping[str, Value]) -> list[ParamError]:
    """Rule: both splits non-empty and the training split holding both classes (checked cheaply with NumPy)."""
    n, test_size = as_int(values, "n_samples"), as_float(values, "test_size")
    n_train, n_test = split_sizes(n, test_size)
    if n_train < 1:
        return [
            ParamError(
                "test_size",
                f"{test_size:g} with n_samples={n} would give {n_test} test and "
                f"{n_train} training samples; both splits need at least one",
            )
        ]
    _, y = make_data(n, as_float(values, "noise"), as_int(values, "seed"))
    # train_test_split(random_state=0) shuffles with this permutation; test first, train after.
    train_index = np.random.RandomState(SPLIT_SEED).permutation(n)[n_test:]
    problem = _class_problem(y, y[train_index], n)
    return [problem] if problem else []


PARAMS = ParamSet(
    (
        Param("degree", "int", 2, "PolynomialFeatures degree: 2 adds x², higher adds x³, x⁴, …", low=1, high=10),
        Param("n_samples", "int", 300, "how many points x to draw", low=10, high=5000),
        Param("noise", "float", 0.3, "std of the noise added to x² before the threshold at 1", low=0, high=5),
        Param(
            "test_size",
            "float",
            0.3,
            "share of samples held out for the test accuracy",
            low=0,
            high=1,
            low_open=True,
            high_open=True,
        ),
        Param(
            "seed", "int", 42, "random seed for the data (the split always uses random_state=0)", low=0, high=2**32 - 1
        ),
    ),
    rules=(_check_splits,),
)


def _floats(values: np.ndarray) -> tuple[float, ...]:
    """Plain Python floats for a plot series (NumPy scalars would leak into the JSON and reprs)."""
    return tuple(float(v) for v in values)


def _fit(X_train: np.ndarray, y_train: np.ndarray, notes: list[str], what: str) -> LogisticRegression:
    """Fit LogisticRegression(), turning any warning it raises into a note instead of console noise."""
    from sklearn.linear_model import LogisticRegression

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = LogisticRegression().fit(X_train, y_train)
    # sklearn's messages run to several lines of advice; the first line says what happened.
    for message in dict.fromkeys(str(w.message).strip().splitlines()[0].rstrip(": ") for w in caught):
        notes.append(f"{what}: {message}; the accuracy shown is that of the model as it stopped")
    return model


def best_single_cut(x: np.ndarray, y: np.ndarray) -> tuple[float, bool]:
    """The one threshold on x (and its side) that classifies the training points best.

    Returns (cut, below): predict 1 when x < cut if `below`, else when x > cut. Cuts are the
    midpoints between sorted neighbours plus one beyond each end; ties go to the first found.
    """
    xs = np.sort(x)
    cuts = np.concatenate(([xs[0] - 1.0], (xs[:-1] + xs[1:]) / 2, [xs[-1] + 1.0]))
    above = (x[None, :] > cuts[:, None]).astype(int)  # one row per cut: 1 when x > cut
    acc_above = np.mean(above == y[None, :], axis=1)
    acc_below = np.mean((1 - above) == y[None, :], axis=1)
    if acc_below.max() >= acc_above.max():
        return float(cuts[int(np.argmax(acc_below))]), True
    return float(cuts[int(np.argmax(acc_above))]), False


def _cut_accuracy(x: np.ndarray, y: np.ndarray, cut: float, below: bool) -> float:
    """Accuracy of the rule 'class 1 when x < cut' (below) or 'when x > cut' on (x, y)."""
    predicted = (x < cut) if below else (x > cut)
    return float(np.mean(predicted.astype(int) == y))


def run(values: dict[str, Value]) -> Result:
    """Test accuracy of logistic regression on raw x versus on polynomial features of x."""
    from sklearn.metrics import accuracy_score
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import PolynomialFeatures

    degree, n, seed = as_int(values, "degree"), as_int(values, "n_samples"), as_int(values, "seed")
    noise, test_size = as_float(values, "noise"), as_float(values, "test_size")
    X, y = make_data(n, noise, seed)
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=test_size, random_state=SPLIT_SEED)
    problem = _class_problem(y, y_tr, n)  # the rule checks this too; this guards against a changed shuffle
    if problem:
        raise problem
    notes: list[str] = []
    raw = _fit(X_tr, y_tr, notes, "raw x model")
    poly = PolynomialFeatures(degree=degree, include_bias=False)
    X2 = poly.fit_transform(X)
    # The same random_state gives the same rows, so both models see identical train/test samples.
    X2_tr, X2_te, _, _ = train_test_split(X2, y, test_size=test_size, random_state=SPLIT_SEED)
    engineered = _fit(X2_tr, y_tr, notes, f"degree-{degree} model")
    acc_raw = float(accuracy_score(y_te, raw.predict(X_te)))
    acc_poly = float(accuracy_score(y_te, engineered.predict(X2_te)))
    # Training accuracy is only for the table; a plain mean skips accuracy_score's input checks.
    train_raw = float(np.mean(raw.predict(X_tr) == y_tr))
    train_poly = float(np.mean(engineered.predict(X2_tr) == y_tr))
    majority = float(np.mean(y_te == np.bincount(y_tr).argmax()))
    # The best any one threshold on raw x can do: a single cut catches one tail of |x| > 1, never both.
    cut, below = best_single_cut(X_tr[:, 0], y_tr)
    acc_cut = _cut_accuracy(X_te[:, 0], y_te, cut, below)

    grid = np.linspace(-2, 2, 161).reshape(-1, 1)
    p_raw = raw.predict_proba(grid)[:, 1]
    p_poly = engineered.predict_proba(poly.transform(grid))[:, 1]
    gx = _floats(grid[:, 0])
    plot = results.PlotSpec(
        title=f"test accuracy: raw x {rounded(acc_raw, 3)} · degree {degree} {rounded(acc_poly, 3)}",
        series=(
            results.Series("train points", _floats(X_tr[:, 0]), _floats(y_tr), "scatter", "gray"),
            results.Series("test points", _floats(X_te[:, 0]), _floats(y_te), "scatter", "orange"),
            results.Series("P(y=1|x), raw x", gx, _floats(p_raw), "line", "red"),
            results.Series(f"P(y=1|x), degree {degree}", gx, _floats(p_poly), "line", "blue"),
        ),
        xlabel="x",
        ylabel="y / P(y=1|x)",
        hlines=((0.5, "0.5"),),
        ylim=(-0.05, 1.05),
    )
    table = results.Table(
        "Same split: logistic regression, and the best single cut on raw x",
        ("features", "columns", "train accuracy", "test accuracy"),
        (
            ("raw x", "1", rounded(train_raw, 3), rounded(acc_raw, 3)),
            (
                f"best one cut: x {'<' if below else '>'} {rounded(cut, 2)}",
                "1",
                rounded(_cut_accuracy(X_tr[:, 0], y_tr, cut, below), 3),
                rounded(acc_cut, 3),
            ),
            (f"degree {degree}", str(X2.shape[1]), rounded(train_poly, 3), rounded(acc_poly, 3)),
        ),
    )
    a, b, m = rounded(acc_raw, 3), rounded(acc_poly, 3), rounded(majority, 3)
    low, high = rounded(float(p_raw.min()), 3), rounded(float(p_raw.max()), 3)
    one_cut = f"x {'<' if below else '>'} {rounded(cut, 2)} → class 1"
    why_raw = (
        f"its curve is almost flat (P(y=1|x) from {low} to {high}), because no tilt of one S-curve fits "
        f"both tails of a label that depends on x², so where it crosses 0.5 is nearly arbitrary; even the "
        f"best single cut ({one_cut}) catches one tail only and scores {rounded(acc_cut, 3)}"
    )
    vs_majority = f", worse than always guessing the training majority ({m})" if acc_raw < majority else ""
    if degree == 1:
        takeaway = (
            f"With degree 1, PolynomialFeatures returns x itself, so both models score {a}: {why_raw}. "
            "Set degree to 2 to add x², the feature the label actually depends on."
        )
    elif acc_poly > acc_raw:
        added = "x²" if degree == 2 else f"x², …, x^{degree} (degree {degree})"
        rest = f"; the remaining errors come from the label noise ({noise:g})." if acc_poly < 1 else "."
        takeaway = (
            f"On raw x logistic regression scores {a} on the {len(y_te)} test samples{vs_majority}: "
            f"{why_raw}. Adding {added} makes the classes separable by one threshold on x², "
            f"lifting test accuracy from {a} to {b}{rest}"
        )
    else:
        takeaway = (
            f"Here the degree-{degree} features did not beat raw x ({a} → {b} on {len(y_te)} test samples): "
            f"with {len(y_tr)} training samples and noise {noise:g}, the x² signal does not show through."
        )

    metrics = [
        results.Metric("acc_raw", "test accuracy, raw x", acc_raw, 3),
        results.Metric("acc_poly", f"test accuracy, degree {degree}", acc_poly, 3),
        results.Metric("acc_one_cut", "test accuracy, best one cut on x", acc_cut, 3),
    ]
    quiet = (
        "import warnings\nfrom sklearn.exceptions import ConvergenceWarning\n"
        "warnings.filterwarnings('ignore', category=ConvergenceWarning)  # the app shows this as a note\n"
        if notes
        else ""
    )
    code = f"""import numpy as np
{quiet}from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import PolynomialFeatures
from sklearn.metrics import accuracy_score

n_samples, noise, test_size, degree = {n}, {py(noise)}, {py(test_size)}, {degree}
rng = np.random.RandomState({seed})
X = rng.uniform(-2, 2, (n_samples, 1))
y = (X[:, 0]**2 + rng.normal(0, noise, n_samples) > 1.0).astype(int)

# Baseline: raw feature
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=test_size, random_state=0)
lr = LogisticRegression().fit(X_tr, y_tr)
base_acc = accuracy_score(y_te, lr.predict(X_te))

# Add polynomial features (x², …, x^degree)
poly = PolynomialFeatures(degree=degree, include_bias=False)
X2 = poly.fit_transform(X)
X2_tr, X2_te, y_tr, y_te = train_test_split(X2, y, test_size=test_size, random_state=0)
lr2 = LogisticRegression().fit(X2_tr, y_tr)
poly_acc = accuracy_score(y_te, lr2.predict(X2_te))

# The best single threshold on raw x, chosen on the training split
xs = np.sort(X_tr[:, 0])
cuts = np.concatenate(([xs[0] - 1.0], (xs[:-1] + xs[1:]) / 2, [xs[-1] + 1.0]))
above = (X_tr[:, 0][None, :] > cuts[:, None]).astype(int)
acc_above = (above == y_tr).mean(axis=1)
acc_below = ((1 - above) == y_tr).mean(axis=1)
below = acc_below.max() >= acc_above.max()
cut = cuts[np.argmax(acc_below if below else acc_above)]
cut_pred = (X_te[:, 0] < cut) if below else (X_te[:, 0] > cut)
cut_acc = (cut_pred.astype(int) == y_te).mean()

print("Baseline acc (raw):", round(base_acc, 3))
print("With polynomial feature acc:", round(poly_acc, 3))
print("Best one cut on x acc:", round(cut_acc, 3))

{SNIPPET_NOTE}
print("acc_raw:", float(base_acc))
print("acc_poly:", float(poly_acc))
print("acc_one_cut:", float(cut_acc))
"""
    return results.Result("feature-engineering", dict(values), metrics, [table], [plot], takeaway, code, notes)


EXPERIMENT = Experiment(
    slug="feature-engineering",
    number=6,
    title="Feature engineering: add x² to make the classes separable",
    short_title="Feature engineering",
    params=PARAMS,
    run_values=run,
    needs_sklearn=True,
)
