"""Parsed parameter values and typed reads of them, so an experiment's `run` needs no casts."""

from __future__ import annotations

from collections.abc import Mapping

# What Param.parse returns: int and float for numbers, str for a choice, a tuple for a list
# (floats for "floats", 0/1 ints for "labels"; an int is a float to the type checker).
Value = int | float | str | tuple[float, ...]


def plain_zero(value: Value) -> Value:
    """The value with -0.0 read as 0.0 (in lists too): the sign of zero is not the learner's meaning, and
    a -0.0 that passed a `>= 0` check makes numpy's `normal(scale=-0.0)` raise."""
    if isinstance(value, float) and value == 0:
        return 0.0
    if isinstance(value, tuple) and any(isinstance(item, float) and item == 0 for item in value):
        return tuple(0.0 if isinstance(item, float) and item == 0 else item for item in value)
    return value


def _wrong(name: str, expected: str, value: object) -> TypeError:
    """The error for a value of the wrong kind: a programming mistake, never the learner's text."""
    return TypeError(f"{name}: expected {expected}, got {type(value).__name__} {value!r}")


def as_int(values: Mapping[str, Value], name: str) -> int:
    """The whole-number value of an "int" parameter."""
    value = values[name]
    if not isinstance(value, int):
        raise _wrong(name, "a whole number", value)
    return int(value)  # a bool is an int; int() keeps arithmetic on it ordinary


def as_float(values: Mapping[str, Value], name: str) -> float:
    """The value of a "float" parameter (an int is accepted and converted, as float() would)."""
    value = values[name]
    if not isinstance(value, int | float):
        raise _wrong(name, "a number", value)
    return float(value)


def as_str(values: Mapping[str, Value], name: str) -> str:
    """The value of a "choice" parameter."""
    value = values[name]
    if not isinstance(value, str):
        raise _wrong(name, "text", value)
    return value


def as_floats(values: Mapping[str, Value], name: str) -> tuple[float, ...]:
    """The numbers of a "floats" (or "labels") parameter, as given."""
    value = values[name]
    if not isinstance(value, tuple) or not all(isinstance(item, int | float) for item in value):
        raise _wrong(name, "a tuple of numbers", value)
    return value


def as_labels(values: Mapping[str, Value], name: str) -> tuple[int, ...]:
    """The 0/1 class labels of a "labels" parameter."""
    value = values[name]
    if not isinstance(value, tuple) or not all(isinstance(item, int) for item in value):
        raise _wrong(name, "a tuple of whole numbers", value)
    return tuple(int(item) for item in value)
