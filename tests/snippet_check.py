"""Run a Result's code snippet in a fresh interpreter and compare what it prints with the Result.

Each check takes the printout as an argument where it can, so a test that checks one snippet twice
(or a fixture that caches snippet runs) runs the interpreter once.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # annotations only: importing this helper (conftest does) loads no engine module
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


def assert_printout_matches(result: Result, printed: dict[str, str], extra: Iterable[str] = ()) -> None:
    """The printout has exactly one line per metric (plus the named `extra` lines, e.g. the seed's own
    `z: [...]`), and each metric line is a number equal to the metric to 1e-9 (1e-12 near zero)."""
    assert set(printed) == {m.key for m in result.metrics} | set(extra), sorted(printed)
    for metric in result.metrics:
        value = float(printed[metric.key])
        # approx's tolerance scales with the expected value only: never looser than math.isclose's.
        assert value == pytest.approx(float(metric.value), rel=1e-9, abs=1e-12), metric.key


def assert_snippet_reproduces(result: Result, extra: Iterable[str] = ()) -> None:
    """Run the snippet once; it prints every metric of the Result and nothing else (but `extra`)."""
    assert_printout_matches(result, snippet_lines(result), extra)
