"""Every topic's code snippet, run on its own, prints the numbers the app shows."""

from __future__ import annotations

import math
import re
import subprocess
import sys

import pytest

from tutor.experiments import all_experiments
from tutor.result import Result

LINE = re.compile(r"^(\w+): (.+)$")


def snippet_metrics(result: Result) -> dict[str, float]:
    """Run a result's snippet in a fresh interpreter and collect its `key: value` lines."""
    done = subprocess.run([sys.executable, "-c", result.code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr, done.stderr
    printed: dict[str, float] = {}
    for line in done.stdout.splitlines():
        match = LINE.match(line)
        if match:
            try:
                printed[match.group(1)] = float(match.group(2))
            except ValueError:
                continue
    return printed


@pytest.mark.parametrize("experiment", all_experiments(), ids=lambda e: e.slug)
def test_snippet_at_defaults_reproduces_every_metric(experiment) -> None:
    result = experiment.run()
    printed = snippet_metrics(result)
    for metric in result.metrics:
        assert metric.key in printed, f"{experiment.slug}: snippet does not print {metric.key}"
        assert math.isclose(printed[metric.key], float(metric.value), rel_tol=1e-9, abs_tol=1e-12), metric.key


def test_snippet_carries_the_current_parameter_values() -> None:
    from tutor.experiments import get

    result = get("sigmoid").run_texts({"z_values": "-2 0.5 7", "threshold": "0.8"})
    assert "z_values = [-2, 0.5, 7]" in result.code
    assert "threshold = 0.8" in result.code
    printed = snippet_metrics(result)
    assert printed["predicted_positive"] == 1
