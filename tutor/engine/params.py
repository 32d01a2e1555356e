"""Declared parameters: one declaration gives parsing, the error message, the form field and its help."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tutor.engine.values import Value as Value  # re-exported: the experiments, runner and screens import it here
from tutor.engine.values import as_floats, plain_zero
from tutor.support.numbers import short

Kind = Literal["int", "float", "choice", "floats", "labels"]

# Separators in a list: commas and/or whitespace; brackets around the whole list are optional.
_LIST_SPLIT = re.compile(r"[,\s]+")
_INT_TEXT = re.compile(r"[+-]?\d+")
_MAX_TEXT = 2000  # longer input is refused outright, so a pasted novel never reaches float()


class ParamError(ValueError):
    """A learner's text (or a combination of values) that a parameter does not accept."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message

    def __reduce__(self) -> tuple[type[ParamError], tuple[str, str]]:
        """Pickle by name and message (a run in the child process can raise one)."""
        return (ParamError, (self.name, self.message))


def _show(text: str) -> str:
    """Quote the learner's text for an error message, shortened if it is long."""
    text = text.strip()
    return repr(text if len(text) <= 40 else text[:37] + "...")


@dataclass(frozen=True)
class Param:
    """One experiment parameter: kind, default, bounds and a one-line help text."""

    name: str
    kind: Kind
    default: Value
    help: str
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    choices: tuple[str, ...] = ()
    min_len: int = 1
    max_len: int = 200

    # ----- description -------------------------------------------------------------
    def range_text(self) -> str:
        """The allowed interval, e.g. `[0, 1]`, `(0, 10]` or `>= 1`."""
        low, high = self.low, self.high
        if low is None:
            return "any number" if high is None else f"{'<' if self.high_open else '<='} {short(high)}"
        if high is None:
            return f"{'>' if self.low_open else '>='} {short(low)}"
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        return f"{left}{short(low)}, {short(high)}{right}"

    def allowed_text(self) -> str:
        """What the parameter accepts, in words, for help text and error messages."""
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        if self.kind == "labels":
            return f"{self._count_text()} labels, each 0 or 1"
        if self.kind == "floats":
            return f"{self._count_text()} numbers in {self.range_text()}"
        noun = "a whole number" if self.kind == "int" else "a number"
        bounds = self.range_text()
        if self.low is None and self.high is None:
            return noun
        return f"{noun} in {bounds}" if bounds[0] in "[(" else f"{noun} {bounds}"

    def _count_text(self) -> str:
        if self.min_len == self.max_len:
            return str(self.min_len)
        return f"{self.min_len}–{self.max_len}"

    def format(self, value: Value) -> str:
        """The text a learner would type to get this value (used to fill form fields)."""
        if self.kind == "choice":
            return str(value)
        if isinstance(value, str):
            raise TypeError(f"{self.name}: {value!r} is text, but a {self.kind} parameter holds numbers")
        if isinstance(value, tuple):  # "floats" and "labels"
            return ", ".join(short(v) for v in value)
        return short(value)

    @property
    def default_text(self) -> str:
        """The default value as text."""
        return self.format(self.default)

    # ----- parsing -------------------------------------------------------------------
    def parse(self, text: object) -> Value:
        """Turn the learner's text into a value, or raise ParamError naming the problem."""
        # Any object is read as its text: a programmatic or JSON caller may hand over a number.
        text = text if isinstance(text, str) else str(text)
        if len(text) > _MAX_TEXT:
            raise ParamError(self.name, f"input is {len(text)} characters long; expected {self.allowed_text()}")
        stripped = text.strip()
        if self.kind == "choice":
            return self._parse_choice(stripped)
        if self.kind in ("floats", "labels"):
            return self._parse_list(stripped)
        if not stripped:
            raise ParamError(self.name, f"is empty; expected {self.allowed_text()}")
        number = self._parse_number(stripped, whole=self.kind == "int")
        self._check_bounds(number, stripped)
        return number

    def _parse_choice(self, text: str) -> str:
        lowered = text.lower()
        for choice in self.choices:
            if lowered == choice.lower():
                return choice
        if not text:
            raise ParamError(self.name, f"is empty; expected {self.allowed_text()}")
        raise ParamError(self.name, f"{_show(text)} is not allowed; expected {self.allowed_text()}")

    def _parse_number(self, text: str, whole: bool, what: str = "") -> int | float:
        """Parse one number; `what` names the list item in messages (e.g. 'item 3 ')."""
        if whole:
            if _INT_TEXT.fullmatch(text):
                return int(text)
            try:
                as_float = float(text)
            except ValueError:
                as_float = math.nan
            if math.isfinite(as_float) and as_float.is_integer() and abs(as_float) < 1e15:
                return int(as_float)
            raise ParamError(self.name, f"{what}{_show(text)} is not a whole number; expected {self.allowed_text()}")
        try:
            number = float(text)
        except ValueError:
            raise ParamError(
                self.name, f"{what}{_show(text)} is not a number; expected {self.allowed_text()}"
            ) from None
        if not math.isfinite(number):
            raise ParamError(self.name, f"{what}{_show(text)} is not a finite number; expected {self.allowed_text()}")
        return 0.0 if number == 0 else number  # "-0" is zero: -0.0 would pass ">= 0" and then upset numpy

    def _check_bounds(self, number: float, text: str, what: str = "") -> None:
        too_low = self.low is not None and (number <= self.low if self.low_open else number < self.low)
        too_high = self.high is not None and (number >= self.high if self.high_open else number > self.high)
        if too_low or too_high:
            raise ParamError(self.name, f"{what}{text} is outside {self.range_text()}")

    def _parse_list(self, text: str) -> tuple[float, ...]:
        if text[:1] in "[(" and text[-1:] in "])":
            text = text[1:-1].strip()
        items = [item for item in _LIST_SPLIT.split(text) if item]
        if not items:
            raise ParamError(self.name, f"is empty; expected {self.allowed_text()}")
        if not self.min_len <= len(items) <= self.max_len:
            raise ParamError(self.name, f"has {len(items)} values; expected {self.allowed_text()}")
        values: list[int | float] = []
        for position, item in enumerate(items, start=1):
            what = f"item {position} "
            if self.kind == "labels":
                if item not in ("0", "1"):
                    raise ParamError(self.name, f"{what}{_show(item)} is not a label; expected {self.allowed_text()}")
                values.append(int(item))
                continue
            number = self._parse_number(item, whole=False, what=what)
            self._check_bounds(number, item, what=what)
            values.append(number)
        return tuple(values)


Rule = Callable[[Mapping[str, Value]], Iterable[ParamError]]


@dataclass(frozen=True)
class ParamSet:
    """An experiment's parameters plus the rules that hold across them."""

    params: tuple[Param, ...]
    rules: tuple[Rule, ...] = field(default=())

    def __iter__(self) -> Iterator[Param]:
        return iter(self.params)

    def __getitem__(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        """Parameter names in declaration order."""
        return tuple(p.name for p in self.params)

    def defaults(self) -> dict[str, Value]:
        """Every parameter at its default."""
        return {p.name: p.default for p in self.params}

    def default_texts(self) -> dict[str, str]:
        """Every parameter's default, as the text a form field shows."""
        return {p.name: p.default_text for p in self.params}

    def parse(self, texts: Mapping[str, str]) -> tuple[dict[str, Value], list[ParamError]]:
        """Parse texts (missing names take defaults); return values and every error found.

        Unknown names are errors too. Cross-parameter rules run only when every field parsed,
        so a learner sees one problem per field rather than a cascade.
        """
        values = self.defaults()
        errors: list[ParamError] = []
        for name, text in texts.items():
            try:
                param = self[name]
            except KeyError:
                errors.append(ParamError(name, f"unknown parameter; this topic has {', '.join(self.names)}"))
                continue
            try:
                values[name] = param.parse(text)
            except ParamError as error:
                errors.append(error)
        if not errors:
            errors.extend(self.check(values))
        return values, errors

    def check(self, values: Mapping[str, Value]) -> list[ParamError]:
        """Run the cross-parameter rules on already-parsed values."""
        found: list[ParamError] = []
        for rule in self.rules:
            found.extend(rule(values))
        return found

    def validated(self, values: Mapping[str, Value] | None = None) -> dict[str, Value]:
        """Complete values with defaults and raise the first error, for programmatic callers."""
        merged = self.defaults()
        merged.update({name: plain_zero(value) for name, value in (values or {}).items()})
        errors = self.check(merged)
        if errors:
            raise errors[0]
        return merged


def same_length(first: str, second: str) -> Rule:
    """Rule: two list parameters must hold the same number of values."""

    def rule(values: Mapping[str, Value]) -> list[ParamError]:
        a, b = as_floats(values, first), as_floats(values, second)
        if len(a) != len(b):
            return [ParamError(second, f"has {len(b)} values but {first} has {len(a)}; they must be the same length")]
        return []

    return rule


def parse_assignments(pairs: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """Split CLI `NAME=VALUE` strings into a dict; return it and messages for malformed ones."""
    texts: dict[str, str] = {}
    problems: list[str] = []
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            problems.append(f"--set {pair!r}: expected NAME=VALUE, e.g. --set threshold=0.7")
            continue
        texts[name] = value
    return texts, problems
