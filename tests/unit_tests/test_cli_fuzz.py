"""CLI fuzz (issue 9, "tests that find the next one"): `run TOPIC --json --set ...` over every parameter of
every topic, with texts at and around the bounds, -0, huge, tiny, nan/inf, lists of odd lengths, garbage
and unicode. Every outcome is exit 0 with finite JSON, or exit 2 (or 1 for a run that fails cleanly) with
exactly one stderr line per problem, never a traceback.

Derandomized (the same examples every run, so CI is reproducible); the example count is bounded so the
file runs in well under a minute. FUZZ_EXAMPLES=N raises the count per topic for a longer hunt.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.cli.entry import main
from tutor.engine.experiments import Experiment, all_experiments
from tutor.engine.params import Param

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))

_ODD = ["-0", "-0.0", "+0", "0e0", "-0e-5", "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e309", "-1e309"]
_ODD += ["1e308", "-1e308", "5e-324", "-5e-324", "1e-300", "2.5e-16", "99999999999999999999", "1_000", "0x10"]
_GARBAGE = ["", " ", "abc", "1,", ",", "[]", "[1", "1]", "()", "1..2", "--1", "1e", "e5", "½", "١٢", "٣.٥", "１"]
_GARBAGE += ["\u00a0", "\u2212" + "1", "💥", "[/]", "1 2 3\n4", "\t", "True", "None", "1j", "'1'", "=", "a=b"]


def _numbers(param: Param) -> list[str]:
    """Texts at and around a numeric parameter's bounds."""
    found = ["0", "1", "-1", "2", "0.5"]
    for bound in (param.low, param.high):
        if bound is None:
            continue
        for delta in (0.0, 1.0, -1.0, 1e-9, -1e-9, 0.5, -0.5):
            value = bound + delta
            found += [repr(value), str(int(value)) if math.isfinite(value) and abs(value) < 1e18 else repr(value)]
        found += [f"{bound:g}", f"{bound:.3e}", f"{bound * 10:g}"]
    return found


def _scalar(param: Param) -> st.SearchStrategy[str]:
    pieces = [*_numbers(param), *_ODD, *_GARBAGE, *param.choices]
    if param.kind == "choice":
        pieces += [choice.upper() for choice in param.choices] + [f" {choice} " for choice in param.choices]
    return st.one_of(st.sampled_from(pieces), st.text(max_size=6))


def _text(param: Param) -> st.SearchStrategy[str]:
    """A text for one parameter: a scalar, or (for lists) items of odd lengths and separators."""
    scalar = _scalar(param)
    if param.kind not in ("floats", "labels"):
        return scalar
    item = st.one_of(st.sampled_from(["0", "1", "-0", "0.5", "1e308"]), scalar)
    lengths = sorted({0, 1, 2, 3, param.min_len, max(param.min_len - 1, 0), param.max_len, param.max_len + 1})
    listed = st.sampled_from(lengths).flatmap(lambda n: st.lists(item, min_size=n, max_size=n))
    separator = st.sampled_from([", ", ",", " ", ",,", " , ", "\n"])
    return st.one_of(
        scalar,
        st.tuples(listed, separator, st.booleans()).map(
            lambda t: ("[" + t[1].join(t[0]) + "]") if t[2] else t[1].join(t[0])
        ),
    )


def _assignments(experiment: Experiment) -> st.SearchStrategy[list[tuple[str, str]]]:
    """One to three (name, text) pairs over the topic's parameters, now and then an unknown name."""
    names = [param.name for param in experiment.params]
    pair = st.sampled_from([*names, "bogus"]).flatmap(
        lambda name: st.tuples(st.just(name), _text(experiment.params[name]) if name in names else st.just("1"))
    )
    return st.lists(pair, min_size=1, max_size=3, unique_by=lambda p: p[0])


def _no_nan(constant: str) -> float:
    raise AssertionError(f"JSON holds {constant}")


def _check(experiment: Experiment, pairs: list[tuple[str, str]]) -> None:
    argv = ["run", experiment.slug, "--json"]
    for name, text in pairs:
        argv += ["--set", f"{name}={text}"]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    stdout, stderr = out.getvalue(), err.getvalue()
    assert "Traceback" not in stderr, (argv, stderr)
    if code == 0:
        assert stderr == "", (argv, stderr)
        data = json.loads(stdout, parse_constant=_no_nan)  # NaN/Infinity would be parse constants
        assert data["topic"] == experiment.slug
        return
    assert code in (1, 2), (argv, code, stderr)
    assert stdout == "", (argv, stdout)
    lines = stderr.splitlines()
    # One line per problem: every problem is a parameter's (or the run's), so at most one per --set,
    # except a cross-parameter rule, which names one parameter; never zero, never a continuation line.
    assert 1 <= len(lines) <= max(len(pairs), 1), (argv, lines)
    assert all(line.startswith("mlprep-tui: ") for line in lines), (argv, lines)


@pytest.mark.parametrize("experiment", all_experiments(), ids=lambda e: e.slug)
def test_cli_run_never_tracebacks(experiment: Experiment) -> None:
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(_assignments(experiment))
    def fuzz(pairs: list[tuple[str, str]]) -> None:
        _check(experiment, pairs)

    fuzz()


@pytest.mark.parametrize("experiment", all_experiments(), ids=lambda e: e.slug)
def test_every_parameter_at_every_odd_text(experiment: Experiment) -> None:
    """Not sampled: each parameter alone at each bound-adjacent and odd text, so none is missed."""
    for param in experiment.params:
        texts = [*_ODD, *_GARBAGE[:12]]
        if param.kind in ("int", "float"):
            texts += [t for t in _numbers(param) if "e" not in t][:8]
        for text in texts:
            _check(experiment, [(param.name, text)])
