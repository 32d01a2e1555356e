"""The declared-parameter parser: values, precise errors, and nothing but ParamError on any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.engine.experiments import all_experiments
from tutor.engine.params import Param, ParamError, ParamSet, parse_assignments, same_length

THRESHOLD = Param("threshold", "float", 0.5, "cut-off", low=0, high=1)
DEPTH = Param("max_depth", "int", 2, "depth", low=1, high=20)
LR = Param("lr", "float", 0.5, "step", low=0, high=10, low_open=True)
PENALTY = Param("penalty", "choice", "l2", "kind", choices=("l2", "l1"))
PROBS = Param("y_hat", "floats", (0.9, 0.2), "probabilities", low=0, high=1, max_len=5)
LABELS = Param("y_true", "labels", (1, 0), "labels", max_len=5)


def test_float_in_bounds_and_the_issue_example_message() -> None:
    assert THRESHOLD.parse(" 0.25 ") == 0.25
    assert THRESHOLD.parse("1") == 1.0
    with pytest.raises(ParamError) as caught:
        THRESHOLD.parse("1.5")
    assert str(caught.value) == "threshold: 1.5 is outside [0, 1]"
    assert caught.value.name == "threshold"


@pytest.mark.parametrize("text", ["abc", "", "   ", "nan", "inf", "-inf", "1e999", "0.5.1", "1,2"])
def test_float_rejects_non_numbers_with_the_text_and_what_is_allowed(text: str) -> None:
    with pytest.raises(ParamError) as caught:
        THRESHOLD.parse(text)
    message = str(caught.value)
    assert message.startswith("threshold: ")
    assert "[0, 1]" in message


def test_open_bounds_exclude_the_endpoint() -> None:
    assert LR.parse("10") == 10
    with pytest.raises(ParamError, match=r"lr: 0 is outside \(0, 10\]"):
        LR.parse("0")


def test_int_accepts_whole_floats_and_rejects_fractions() -> None:
    assert DEPTH.parse("5") == 5 and isinstance(DEPTH.parse("5"), int)
    assert DEPTH.parse("3.0") == 3
    with pytest.raises(
        ParamError, match=re.escape("max_depth: '2.5' is not a whole number; expected a whole number in [1, 20]")
    ):
        DEPTH.parse("2.5")
    with pytest.raises(ParamError, match="max_depth: 0 is outside"):
        DEPTH.parse("0")


def test_choice_is_case_insensitive_and_lists_options() -> None:
    assert PENALTY.parse("L1") == "l1"
    with pytest.raises(ParamError, match="penalty: 'l3' is not allowed; expected one of l2, l1"):
        PENALTY.parse("l3")


@pytest.mark.parametrize("text", ["0.9, 0.2", "0.9 0.2", "[0.9,0.2]", "(0.9 , 0.2)", " [ 0.9,,0.2 ] "])
def test_lists_split_on_commas_and_spaces_brackets_optional(text: str) -> None:
    assert PROBS.parse(text) == (0.9, 0.2)


def test_list_errors_name_the_item() -> None:
    with pytest.raises(ParamError, match=r"y_hat: item 2 1.5 is outside \[0, 1\]"):
        PROBS.parse("0.1, 1.5")
    with pytest.raises(ParamError, match="y_hat: item 1 'x' is not a number"):
        PROBS.parse("x, 0.1")
    with pytest.raises(ParamError, match="y_hat: has 6 values; expected 1–5 numbers"):
        PROBS.parse("0 0 0 0 0 0")
    with pytest.raises(ParamError, match="y_hat: is empty"):
        PROBS.parse("[]")


def test_labels_are_zero_or_one() -> None:
    assert LABELS.parse("1 0 1") == (1, 0, 1)
    with pytest.raises(ParamError, match="y_true: item 3 '2' is not a label; expected 1–5 labels, each 0 or 1"):
        LABELS.parse("1,0,2")
    with pytest.raises(ParamError):
        LABELS.parse("1.0, 0")


def test_format_round_trips_defaults() -> None:
    for experiment in all_experiments():
        for param in experiment.params:
            assert param.parse(param.default_text) == param.default, (experiment.slug, param.name)


def test_paramset_collects_every_error_and_rules_run_after_fields_parse() -> None:
    params = ParamSet((LABELS, PROBS), rules=(same_length("y_true", "y_hat"),))
    _, errors = params.parse({"y_true": "1 0 1", "y_hat": "0.5"})
    assert [str(e) for e in errors] == ["y_hat: has 1 values but y_true has 3; they must be the same length"]
    _, errors = params.parse({"y_true": "2", "y_hat": "9", "nope": "1"})
    assert {e.name for e in errors} == {"y_true", "y_hat", "nope"}
    assert "unknown parameter" in next(str(e) for e in errors if e.name == "nope")


def test_parse_assignments() -> None:
    texts, problems = parse_assignments(["threshold=0.7", "z_values=1,2", "oops", "=3"])
    assert texts == {"threshold": "0.7", "z_values": "1,2"}
    assert len(problems) == 2 and "NAME=VALUE" in problems[0]


ALL_PARAMS = [p for e in all_experiments() for p in e.params]


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=60))
@pytest.mark.parametrize("param", ALL_PARAMS, ids=lambda p: p.name)
def test_any_text_gives_a_value_or_a_param_error(param: Param, text: str) -> None:
    try:
        value = param.parse(text)
    except ParamError as error:
        assert str(error).startswith(f"{param.name}: ")
        return
    # Whatever parsed must satisfy the declaration it was parsed by.
    assert param.parse(param.format(value)) == value


@settings(max_examples=40, deadline=None)
@given(numbers=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=0, max_size=8))
def test_number_lists_typed_any_way(numbers: list[float]) -> None:
    text = ", ".join(repr(n) for n in numbers)
    try:
        PROBS.parse(text)
    except ParamError as error:
        assert error.name == "y_hat"
