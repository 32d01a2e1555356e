"""Topic 5: a parametric model (linear regression) vs a non-parametric one (KNN) on a curved target."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from tutor.engine.experiments import Experiment
from tutor.engine.experiments._snippets import SNIPPET_NOTE, py
from tutor.engine.params import Param, ParamError, ParamSet, Value
from tutor.engine.values import as_float, as_int
from tutor.support.lazy import lazy
from tutor.support.numbers import rounded

if TYPE_CHECKING:
    from tutor.engine import result as results
    from tutor.engine.result import Result
else:
    # Five dataclasses (~8 ms to create): the result types load with the first run, not the app.
    results = lazy("tutor.engine.result")


_GRID = 200  # dense-grid points for the fitted curves: smooth in a terminal, cheap to predict
_MAX_SCATTER = 400  # more data points than this are thinned for the plot only (all are used to fit)
_ZERO = 1e-15  # an MSE below this is a float-rounding zero


def _neighbours_fit(values: Mapping[str, Value]) -> list[ParamError]:
    """Rule: KNN cannot average more neighbours than there are training points."""
    k, n = as_int(values, "n_neighbors"), as_int(values, "n_samples")
    if k > n:
        return [
            ParamError(
                "n_neighbors",
                f"{k} is larger than n_samples ({n}); KNN cannot use more neighbours than training points",
            )
        ]
    return []


PARAMS = ParamSet(
    (
        Param(
            "n_neighbors", "int", 5, "KNN averages the targets of this many nearest training points", low=1, high=500
        ),
        Param("n_samples", "int", 60, "training points on x ∈ [−3, 3]", low=2, high=5000),
        Param("noise", "float", 0.1, "standard deviation of the noise added to sin(x)", low=0, high=10),
        Param("seed", "int", 0, "random seed for the noise", low=0, high=2**32 - 1),
    ),
    rules=(_neighbours_fit,),
)


def _compare(mse_lin: float, mse_knn: float, k: int, n: int, noise: float) -> str:
    """The first takeaway sentence: how the two training errors compare, in plain numbers."""
    lin_text, knn_text = rounded(mse_lin), rounded(mse_knn)
    if mse_knn < _ZERO and mse_lin < _ZERO:
        return f"Both models reproduce the {n} training points exactly (MSE 0): with so few points even a line can."
    if mse_knn < _ZERO:
        return (
            f"KNN with n_neighbors={k} reproduces the training points exactly (MSE 0 vs the line's {lin_text}): "
            "each point is its own nearest neighbour, which is memorising, not generalising."
        )
    if k == n:
        return (
            f"With n_neighbors={k} = n_samples, KNN averages every point and predicts one constant, so its MSE "
            f"({knn_text}) is no better than the line's ({lin_text})."
        )
    if mse_lin < _ZERO:
        return f"The line fits the {n} training points exactly (MSE 0) while KNN's MSE is {knn_text}."
    ratio = mse_lin / mse_knn
    if 1 / 1.1 < ratio < 1.1:
        why = (
            f"noise this large (σ = {noise:g}) swamps the sin(x) shape"
            if noise >= 0.5
            else f"averaging {k} neighbours flattens the curve almost into a line"
        )
        return (
            f"KNN's training MSE ({knn_text}) and linear regression's ({lin_text}) are within 10% of each other: {why}."
        )
    if ratio >= 1:
        return (
            f"KNN's training MSE ({knn_text}) is {ratio:.1f}× lower than linear regression's ({lin_text}): "
            "a straight line cannot bend to follow sin(x), KNN can."
        )
    return (
        f"KNN's training MSE ({knn_text}) is {1 / ratio:.1f}× higher than linear regression's ({lin_text}): "
        f"averaging {k} neighbours smooths the curve away."
    )


def run(values: dict[str, Value]) -> Result:
    """Fit LinearRegression and KNeighborsRegressor to noisy sin(x) and compare training MSE and model size."""
    import numpy as np
    from sklearn.linear_model import LinearRegression
    from sklearn.metrics import mean_squared_error
    from sklearn.neighbors import KNeighborsRegressor

    k, n = as_int(values, "n_neighbors"), as_int(values, "n_samples")
    noise, seed = as_float(values, "noise"), as_int(values, "seed")

    # Same data recipe as the seed, so the default numbers match it exactly.
    rng = np.random.RandomState(seed)
    X = np.linspace(-3, 3, n).reshape(-1, 1)
    y = np.sin(X).ravel() + noise * rng.randn(n)

    lin = LinearRegression().fit(X, y)
    mse_lin = float(mean_squared_error(y, lin.predict(X)))
    knn = KNeighborsRegressor(n_neighbors=k).fit(X, y)
    mse_knn = float(mean_squared_error(y, knn.predict(X)))
    linear_params = int(lin.coef_.size + 1)  # slope(s) + intercept: fixed however much data arrives
    knn_stored = int(knn.n_samples_fit_)  # KNN keeps every training point: grows with the data

    grid = np.linspace(-3, 3, _GRID).reshape(-1, 1)
    gx = tuple(grid.ravel().tolist())
    step = max(1, -(-n // _MAX_SCATTER))  # ceil(n / _MAX_SCATTER)
    data_label = "data" if step == 1 else f"data (1 in {step} shown)"
    plot = results.PlotSpec(
        title=f"Linear regression vs KNN (k={k}) on sin(x) + noise",
        series=(
            results.Series(data_label, tuple(X.ravel()[::step].tolist()), tuple(y[::step].tolist()), "scatter", "gray"),
            results.Series("sin(x) (truth)", gx, tuple(np.sin(grid).ravel().tolist()), "line", "green"),
            results.Series("linear fit", gx, tuple(lin.predict(grid).tolist()), "line", "blue"),
            results.Series(f"KNN fit (k={k})", gx, tuple(knn.predict(grid).tolist()), "line", "orange"),
        ),
        xlabel="x",
        ylabel="y",
    )

    takeaway = (
        _compare(mse_lin, mse_knn, k, n, noise) + " "
        f"Linear regression is parametric ({linear_params} numbers, whatever n_samples is); "
        f"KNN is non-parametric: it stores all {knn_stored} training points and would store more with more data."
    )
    notes = [
        "Both MSEs are measured on the training data, which flatters KNN; a held-out set "
        "(topic 7) is what shows generalisation."
    ]
    if noise == 0:
        notes.append("noise = 0: the targets are exactly sin(x), so any KNN error comes from averaging neighbours.")

    metrics = [
        results.Metric("mse_linear", "training MSE, linear regression", mse_lin, 4),
        results.Metric("mse_knn", f"training MSE, KNN (k={k})", mse_knn, 4),
        results.Metric("linear_params", "numbers stored by linear regression", linear_params, 0),
        results.Metric("knn_stored", "training points stored by KNN", knn_stored, 0),
    ]
    table = results.Table(
        "Model size vs training error",
        ("model", "kind", "what it stores", "training MSE"),
        (
            (
                "LinearRegression",
                "parametric",
                f"{linear_params} numbers (slope {rounded(float(lin.coef_[0]), 4)}, "
                f"intercept {rounded(float(lin.intercept_), 4)})",
                rounded(mse_lin, 4),
            ),
            (f"KNN regressor (k={k})", "non-parametric", f"all {knn_stored} training points", rounded(mse_knn, 4)),
        ),
    )
    code = f"""import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.neighbors import KNeighborsRegressor
from sklearn.metrics import mean_squared_error

n_samples, noise = {n}, {py(noise)}
rng = np.random.RandomState({seed})
X = np.linspace(-3, 3, n_samples).reshape(-1, 1)
y = np.sin(X).ravel() + noise*rng.randn(n_samples)

# Parametric: a slope and an intercept, however many points there are
lin = LinearRegression().fit(X, y)
mse_lin = mean_squared_error(y, lin.predict(X))

# Non-parametric: keeps every training point and averages the nearest ones
knn = KNeighborsRegressor(n_neighbors={k}).fit(X, y)
mse_knn = mean_squared_error(y, knn.predict(X))

print("MSE Linear Regression (parametric):", round(mse_lin, 4))
print("MSE KNN Regressor (non-parametric):", round(mse_knn, 4))

{SNIPPET_NOTE}
print("mse_linear:", mse_lin)
print("mse_knn:", mse_knn)
print("linear_params:", lin.coef_.size + 1)
print("knn_stored:", knn.n_samples_fit_)
"""
    return results.Result("parametric", dict(values), metrics, [table], [plot], takeaway, code, notes)


EXPERIMENT = Experiment(
    slug="parametric",
    number=5,
    title="Parametric vs non-parametric models",
    short_title="Parametric",
    params=PARAMS,
    run_values=run,
    needs_sklearn=True,
)
