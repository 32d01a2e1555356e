"""Run a Result's code snippet in a fresh interpreter and compare what it prints with the Result."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tutor.engine.result import Result

# Every snippet ends with one `metric_key: value` line per metric, at full precision.
LINE = re.compile(r"^(\w+): (.+)$")


def snippet_lines(result: Result) -> dict[str, str]:
    """Run the snippet (no warnings allowed); return its `key: value` lines as text."""
    done = subprocess.run([sys.executable, "-c", result.code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr, done.stderr
    return {m.group(1): m.group(2) for line in done.stdout.splitlines() if (m := LINE.match(line))}


def snippet_values(result: Result) -> dict[str, float]:
    """The snippet's `key: value` lines as floats (every such line must be a number)."""
    return {key: float(text) for key, text in snippet_lines(result).items()}


def assert_snippet_reproduces(result: Result) -> None:
    """Every metric of the Result is printed by its snippet, equal to 1e-9."""
    printed = snippet_lines(result)
    for metric in result.metrics:
        assert metric.key in printed, f"snippet does not print {metric.key}"
        assert float(printed[metric.key]) == pytest.approx(float(metric.value), rel=1e-9, abs=1e-12), metric.key
