"""Topic 2 (cross-entropy vs regularization): seed numbers, hand-computed cases, rules, edge cases, snippet."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from tests.snippet_check import assert_snippet_reproduces
from tutor.engine.experiments.cross_entropy import EXPERIMENT
from tutor.engine.params import ParamError

ROOT = Path(__file__).resolve().parents[2]


def by_hand_ce(y: list[int], p: list[float]) -> float:
    """Mean binary cross-entropy computed with NumPy, clipping like the seed."""
    yt, pp = np.asarray(y, float), np.clip(np.asarray(p, float), 1e-12, 1 - 1e-12)
    return float(-np.mean(yt * np.log(pp) + (1 - yt) * np.log(1 - pp)))


def num_in(text: str, value: float) -> bool:
    """The value, rounded as the app rounds it, appears in the text."""
    return repr(round(value, 4)) in text


def test_contract_names_and_defaults() -> None:
    assert (EXPERIMENT.slug, EXPERIMENT.number, EXPERIMENT.needs_sklearn) == ("cross-entropy", 2, False)
    assert EXPERIMENT.params.defaults() == {
        "y_true": (1, 0, 1, 1, 0),
        "y_hat": (0.9, 0.2, 0.6, 0.8, 0.1),
        "weights": (0.8, -0.3, 0.5),
        "lam": 0.1,
        "penalty": "l2",
    }


def test_l1_penalty_and_ce_by_hand() -> None:
    values = {
        "y_true": (0, 1, 1, 0),
        "y_hat": (0.3, 0.55, 0.99, 0.05),
        "weights": (1.0, -2.0, 3.0),
        "lam": 0.5,
        "penalty": "l1",
    }
    result = EXPERIMENT.run(values)
    ce = by_hand_ce([0, 1, 1, 0], [0.3, 0.55, 0.99, 0.05])
    assert result.metric("cross_entropy").value == pytest.approx(ce, rel=1e-12)
    assert result.metric("penalty").value == pytest.approx(0.5 * 6.0)
    assert result.metric("total").value == pytest.approx(ce + 3.0)


def test_l2_penalty_by_hand_and_independent_of_predictions() -> None:
    base = {"weights": (2.0, -1.5, 0.25, 4.0), "lam": 2.5}
    first = EXPERIMENT.run(base)
    second = EXPERIMENT.run({**base, "y_hat": (0.5, 0.5, 0.5, 0.5, 0.5)})
    expected = 2.5 * (4 + 2.25 + 0.0625 + 16)
    assert first.metric("penalty").value == pytest.approx(expected) == second.metric("penalty").value
    assert second.metric("cross_entropy").value == pytest.approx(math.log(2))
    assert first.metric("cross_entropy").value != second.metric("cross_entropy").value
    assert "0.6931" in second.takeaway
    assert num_in(second.takeaway, expected)


def test_lam_zero_means_total_is_ce() -> None:
    result = EXPERIMENT.run({"lam": 0.0})
    assert result.metric("penalty").value == 0
    assert result.metric("total").value == result.metric("cross_entropy").value
    assert "λ = 0" in result.takeaway


def test_takeaway_is_written_from_the_numbers() -> None:
    result = EXPERIMENT.run()
    for text in ("0.2336", "0.098", "0.3316", "sample 3"):
        assert text in result.takeaway
    assert 1 <= result.takeaway.count(". ") + 1 <= 3


def test_predictions_of_exactly_0_and_1_are_clipped_without_warnings() -> None:
    values = {"y_true": (1, 0, 1, 0), "y_hat": (0.0, 1.0, 1.0, 0.0)}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = EXPERIMENT.run(values)
    ce = result.metric("cross_entropy").value
    assert math.isfinite(ce)
    assert ce == pytest.approx(by_hand_ce([1, 0, 1, 0], [0.0, 1.0, 1.0, 0.0]))
    assert ce == pytest.approx(-math.log(1e-12) / 2, rel=1e-6)
    assert len(result.notes) == 4 and "clipped" in result.notes[0]
    plot = result.plots[0]
    assert plot.ylim is not None and plot.ylim[1] >= max(
        s for series in plot.series for s in series.y if series.kind == "scatter"
    )


@pytest.mark.parametrize(
    ("texts", "name", "fragment"),
    [
        ({"y_hat": "0.9, 0.2, 0.6"}, "y_hat", "has 3 values but y_true has 5"),
        ({"y_true": "1 0 1 1 0 1"}, "y_hat", "same length"),
        ({"y_hat": "0.9 0.2 1.5 0.8 0.1"}, "y_hat", "outside [0, 1]"),
        ({"y_true": "1 0 2 1 0"}, "y_true", "not a label"),
        ({"lam": "-1"}, "lam", "outside"),
        ({"penalty": "l3"}, "penalty", "one of l2, l1"),
        ({"weights": ", ".join(["1"] * 21)}, "weights", "has 21 values"),
    ],
)
def test_bad_parameters_name_the_field(texts: dict[str, str], name: str, fragment: str) -> None:
    with pytest.raises(ParamError) as caught:
        EXPERIMENT.run_texts(texts)
    assert caught.value.name == name
    assert fragment in str(caught.value)


def test_rule_also_guards_programmatic_run() -> None:
    with pytest.raises(ParamError) as caught:
        EXPERIMENT.run({"y_true": (1, 0)})
    assert caught.value.name == "y_hat"


def test_plot_has_both_curves_and_samples_split_by_class() -> None:
    plot = EXPERIMENT.run().plots[0]
    assert plot.kind == "xy" and plot.ylim == (0.0, 5.0)
    kinds = [(s.kind, len(s.x)) for s in plot.series]
    assert kinds[:2] == [("line", 199), ("line", 199)]
    assert [len(s.x) for s in plot.series if s.kind == "scatter"] == [3, 2]
    assert all(0 < x < 1 for x in plot.series[0].x)
    ones = plot.series[2]
    assert ones.y == pytest.approx(tuple(-math.log(p) for p in ones.x))


def test_a_clipped_prediction_is_strict_json() -> None:
    # The defaults' JSON is checked for every topic in test_experiments_common.py; this is the 0/1 edge.
    result = EXPERIMENT.run({"y_true": (1,), "y_hat": (0.0,)})
    back = json.loads(json.dumps(result.to_dict(), allow_nan=False))
    assert back["metrics"]["cross_entropy"] == pytest.approx(-math.log(1e-12), rel=1e-6)
    assert back["metrics"] == {m.key: m.value for m in result.metrics}
    assert all(v is not None for s in back["series"][0]["series"] for v in s["x"] + s["y"])


def test_snippet_reproduces_l1_case() -> None:
    result = EXPERIMENT.run_texts(
        {"y_true": "0 1 1", "y_hat": "0, 1, 0.35", "weights": "[3, -0.25]", "lam": "1.5", "penalty": "L1"}
    )
    assert result.params["penalty"] == "l1"
    assert_snippet_reproduces(result)


def test_module_runs_without_sklearn() -> None:
    code = (
        "import sys; from tutor.engine.experiments.cross_entropy import EXPERIMENT; EXPERIMENT.run(); "
        "assert 'sklearn' not in sys.modules, 'sklearn imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def test_samples_are_numbered_from_1_in_the_table_the_takeaway_and_the_notes() -> None:
    # Issue 10, item 6: "sample 2" in the takeaway was the third sample, while field errors say "item 3".
    result = EXPERIMENT.run()
    rows = result.tables[0].rows
    assert [row[0] for row in rows] == ["1", "2", "3", "4", "5"]
    worst = max(rows, key=lambda row: float(row[4]))
    assert f"sample {worst[0]} (y={worst[1]}, ŷ={worst[2]}, loss {worst[4]})" in result.takeaway
    clipped = EXPERIMENT.run({"y_true": (1, 0), "y_hat": (0.5, 1.0)})
    assert clipped.notes[0].startswith("Sample 2: ŷ = 1 was clipped")
