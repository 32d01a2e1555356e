"""The exercise data types: Exercise, Check, Mistake, Compare (plain frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JsonValue = Any  # a plain JSON-able value as TOML gives it: numbers, strings, booleans, lists, tables


@dataclass(frozen=True)
class Check:
    """One call of the learner's function; its expected value comes from the reference solution."""

    name: str
    call: str  # the function to call, one of Exercise.functions
    args: tuple[JsonValue, ...] = ()
    kwargs: dict[str, JsonValue] = field(default_factory=dict)
    as_numpy: bool = False  # pass list arguments as NumPy arrays (code that only works on lists fails here)
    tolerance: float = 1e-9  # relative and absolute, per number
    feedback: str = ""  # the classic mistake this check catches, shown when it fails

    def call_text(self) -> str:
        """The call as the learner would write it, e.g. `sigmoid(0.0)` (arrays as np.array([...]))."""
        parts = [_arg_text(value, self.as_numpy) for value in self.args]
        parts += [f"{key}={_arg_text(value, self.as_numpy)}" for key, value in self.kwargs.items()]
        text = f"{self.call}({', '.join(parts)})"
        return text if len(text) <= 160 else text[:157] + "..."


def _arg_text(value: JsonValue, as_numpy: bool) -> str:
    """One argument as Python source: lists become np.array(...) in NumPy checks."""
    text = repr(value)
    return f"np.array({text})" if as_numpy and isinstance(value, list) else text


@dataclass(frozen=True)
class Mistake:
    """A wrong implementation a real candidate writes, and the check that must catch it."""

    name: str
    code: str
    caught_by: str  # a Check.name


@dataclass(frozen=True)
class Compare:
    """How a passing implementation is drawn beside the library's (see tutor.exercises.compare)."""

    kind: str  # "curve", "loss-per-step" or "metrics"
    call: str
    title: str
    options: dict[str, JsonValue] = field(default_factory=dict)


@dataclass(frozen=True)
class Exercise:
    """A code exercise: the task, the starter, the checks, the reference solution and the mistakes it catches."""

    id: str
    topic: str
    title: str
    task: str
    functions: tuple[str, ...]
    starter: str
    solution: str
    hints: tuple[str, ...]
    asked_as: str
    checks: tuple[Check, ...]
    mistakes: tuple[Mistake, ...] = ()
    allow_numpy: bool = True
    forbidden_imports: tuple[str, ...] = ("sklearn",)
    compare: Compare | None = None
    source: str = ""  # the file it came from, for messages

    def check(self, name: str) -> Check:
        """A check by name; ValueError if there is none."""
        for check in self.checks:
            if check.name == name:
                return check
        raise ValueError(f"{self.id}: no check named {name!r}")
