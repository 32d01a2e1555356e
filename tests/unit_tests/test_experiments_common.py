"""What every topic promises at its defaults: the seed notebook's printout, strict JSON, and a code
snippet that prints the same numbers. Topic-specific checks stay in the test_exp_<topic>.py files."""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.snippet_check import assert_printout_matches
from tutor.engine.experiments import all_experiments, get
from tutor.engine.result import Result

SLUGS = [e.slug for e in all_experiments()]


@dataclass(frozen=True)
class Seed:
    """What the seed cell prints at the defaults, and how the app shows the same run."""

    # metric key -> (digits the seed rounds to, the text it prints): repr(round(value, digits)) == text
    rounded: dict[str, tuple[int, str]] = field(default_factory=dict)
    # counts, labels and flags: metric value == this, exactly
    exact: dict[str, float] = field(default_factory=dict)
    # every metric's display(), in the order the results pane lists them
    shown: tuple[str, ...] = ()
    # (table title, column index) -> that column, top to bottom
    columns: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)
    # `name: value` lines the snippet prints that are not metrics (the seed's own print statements)
    extra_lines: frozenset[str] = frozenset()


SEED: dict[str, Seed] = {
    # sigmoid(z): [0.018, 0.2689, 0.5, 0.7311, 0.9526]; class predictions @0.5: [0, 0, 1, 1, 1]
    "sigmoid": Seed(
        rounded={
            "sigmoid_0": (4, "0.018"),
            "sigmoid_1": (4, "0.2689"),
            "sigmoid_2": (4, "0.5"),
            "sigmoid_3": (4, "0.7311"),
            "sigmoid_4": (4, "0.9526"),
        },
        exact={"predicted_positive": 3},
        # the seed's numbers, then TPR, FPR and ROC-AUC against the default labels 0, 1, 0, 1, 1
        shown=("0.018", "0.2689", "0.5", "0.7311", "0.9526", "3", "0.667", "0.5", "0.833"),
        columns={("Each z", 2): ("0", "0", "1", "1", "1")},
        extra_lines=frozenset({"z"}),
    ),
    # Cross-Entropy Loss: 0.2336; L2 penalty: 0.098  Total loss: 0.3316
    "cross-entropy": Seed(
        rounded={"cross_entropy": (4, "0.2336"), "penalty": (4, "0.098"), "total": (4, "0.3316")},
        shown=("0.2336", "0.098", "0.3316"),
        columns={("Each sample's loss", 4): ("0.1054", "0.2231", "0.5108", "0.2231", "0.1054")},
    ),
    # export_text's four rules; Pred(1.5) = 0, Pred(3.2) = 1
    "decision-tree": Seed(
        exact={"pred_0": 0, "pred_1": 1, "n_leaves": 2, "depth": 1, "train_accuracy": 1.0},
        shown=("0", "1", "2", "1", "1.0"),
        columns={
            ("Rules (export_text)", 0): ("|--- x <= 2.50", "|   |--- class: 0", "|--- x >  2.50", "|   |--- class: 1")
        },
    ),
    # Confusion Matrix [[2 0] [1 3]]; Accuracy 0.833, Precision 1.0, Recall 0.75, F1 0.857
    "metrics": Seed(
        rounded={"accuracy": (3, "0.833"), "precision": (3, "1.0"), "recall": (3, "0.75"), "f1": (3, "0.857")},
        exact={"tn": 2, "fp": 0, "fn": 1, "tp": 3},
        shown=("0.833", "1.0", "0.75", "0.857", "2", "0", "1", "3", "0.9486", "0.375", "0.6124", "0.5"),
    ),
    # MSE Linear Regression (parametric): 0.187; MSE KNN Regressor (non-parametric): 0.0094
    "parametric": Seed(
        rounded={"mse_linear": (4, "0.187"), "mse_knn": (4, "0.0094")},
        shown=("0.187", "0.0094", "2", "60"),
    ),
    # Baseline acc (raw): 0.311; With polynomial feature acc: 0.911
    "feature-engineering": Seed(
        rounded={"acc_raw": (3, "0.311"), "acc_poly": (3, "0.911")},
        shown=("0.311", "0.911", "0.689"),  # the seed's two, then the best single cut on raw x (what one cut can do)
    ),
    # Best params via CV (validation): {'n_neighbors': 3}; Best CV accuracy: 0.895
    "validation": Seed(
        rounded={"best_cv_accuracy": (3, "0.895")},
        exact={"best_k": 3},
        shown=("5", "0.9", "0.84", "3", "0.895"),  # the protocol first (the lesson), then the seed's search
    ),
    # Estimated w,b: 1.997 -0.495; the MSE column of the step=0/50/100/150 lines
    "gradient-descent": Seed(
        rounded={"w": (3, "1.997"), "b": (3, "-0.495")},
        exact={"steps_run": 200, "diverged": 0},
        shown=("1.997", "-0.495", "0.0026", "0.5995", "0.0028", "0.0026", "0.0026", "200", "no"),
    ),
}


@pytest.fixture(scope="module")
def defaults() -> Callable[[str], Result]:
    """Each topic's run at its defaults, made once for this module, with every warning an error."""
    cache: dict[str, Result] = {}

    def run(slug: str) -> Result:
        if slug not in cache:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                cache[slug] = get(slug).run()
        return cache[slug]

    return run


def test_the_table_covers_every_topic_in_order() -> None:
    assert list(SEED) == SLUGS and len(SLUGS) == 8


@pytest.mark.parametrize("slug", SLUGS)
def test_defaults_reproduce_the_seed_printout(slug: str, defaults: Callable[[str], Result]) -> None:
    result, seed = defaults(slug), SEED[slug]
    assert seed.rounded or seed.exact, "a topic without seed numbers checks nothing"
    for key, (digits, text) in seed.rounded.items():
        assert repr(round(result.metric(key).value, digits)) == text, key
    for key, value in seed.exact.items():
        assert result.metric(key).value == value, key
    assert tuple(m.display() for m in result.metrics) == seed.shown
    for (title, column), expected in seed.columns.items():
        table = next(t for t in result.tables if t.title == title)
        assert tuple(row[column] for row in table.rows) == expected, title


def _plain(value: Any) -> Any:
    """Tuples as lists, as JSON gives them back."""
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


@pytest.mark.parametrize("slug", SLUGS)
def test_result_is_strict_json_with_the_whole_result(slug: str, defaults: Callable[[str], Result]) -> None:
    result = defaults(slug)
    back = json.loads(json.dumps(result.to_dict(), allow_nan=False))
    assert back["topic"] == slug
    assert back["params"] == {key: _plain(value) for key, value in result.params.items()}
    assert back["params"] == {key: _plain(value) for key, value in get(slug).params.defaults().items()}
    assert back["metrics"] == {m.key: m.value for m in result.metrics} and back["metrics"]
    assert [t["title"] for t in back["tables"]] == [t.title for t in result.tables]
    assert [t["rows"] for t in back["tables"]] == [_plain(t.rows) for t in result.tables]
    assert len(back["series"]) == len(result.plots) >= 1
    for plot, spec in zip(back["series"], result.plots, strict=True):
        assert [s["label"] for s in plot["series"]] == [s.label for s in spec.series]
        for series, source in zip(plot["series"], spec.series, strict=True):
            # Finite at the defaults, so nothing was written as null.
            assert series["x"] == list(source.x) and series["y"] == list(source.y), series["label"]
            assert all(math.isfinite(v) for v in series["x"] + series["y"]), series["label"]
    assert back["takeaway"] == result.takeaway and result.takeaway.strip()
    assert back["notes"] == list(result.notes)
    assert back["code"] == result.code and result.code.strip()


@pytest.mark.parametrize("slug", SLUGS)
def test_snippet_reproduces_every_metric(
    slug: str, defaults: Callable[[str], Result], snippet_output: Callable[[Result], dict[str, str]]
) -> None:
    result = defaults(slug)
    assert_printout_matches(result, snippet_output(result), SEED[slug].extra_lines)
