"""Read content/exercises/*.toml into Exercise specs; every problem is one line naming the file and the key."""

from __future__ import annotations

import math
import re
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from tutor.exercises.model import Check, Compare, Exercise, Mistake

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOP_KEYS = {
    "id",
    "topic",
    "title",
    "task",
    "functions",
    "starter",
    "solution",
    "hints",
    "asked_as",
    "checks",
    "mistakes",
    "allow_numpy",
    "forbidden_imports",
    "compare",
}
_CHECK_KEYS = {"name", "call", "args", "kwargs", "as_numpy", "tolerance", "feedback"}
_MISTAKE_KEYS = {"name", "code", "caught_by"}
_COMPARE_KINDS = ("curve", "loss-per-step", "metrics")
MIN_HINTS = 2


class _Problem(Exception):
    """One problem in one file: the message is the whole line."""


def _root(content_dir: Path | str | None) -> tuple[Traversable, str]:
    """The exercises folder and how messages name it."""
    if content_dir is None:
        return resources.files("content").joinpath("exercises"), "content/exercises"
    return Path(content_dir) / "exercises", f"{content_dir}/exercises"


def _topic_order() -> list[str]:
    """The eight topic slugs in curriculum order."""
    from tutor.engine.experiments import all_experiments

    return [experiment.slug for experiment in all_experiments()]


def load_all(content_dir: Path | str | None) -> tuple[list[Exercise], list[str]]:
    """Every valid exercise (topic order, then file name) and one line per problem."""
    root, label = _root(content_dir)
    try:
        entries = sorted((e for e in root.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return [], []
    except OSError as error:
        return [], [f"{label}: unreadable ({error.strerror or error})"]
    topics = _topic_order()
    exercises: list[Exercise] = []
    errors: list[str] = []
    seen: dict[str, str] = {}
    for entry in entries:
        where = f"{label}/{entry.name}"
        try:
            exercise = _parse_file(entry, where, topics)
        except _Problem as problem:
            errors.append(str(problem))
            continue
        if exercise.id in seen:
            errors.append(f"{where}: id: {exercise.id!r} is already used by {seen[exercise.id]}")
            continue
        seen[exercise.id] = where
        exercises.append(exercise)
    exercises.sort(key=lambda e: topics.index(e.topic))  # stable: file order within a topic
    return exercises, errors


def _parse_file(entry: Traversable, where: str, topics: list[str]) -> Exercise:
    """One file into an Exercise, or _Problem naming the first thing wrong."""
    try:
        raw = entry.read_bytes()
    except OSError as error:
        raise _Problem(f"{where}: unreadable ({error.strerror or error})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise _Problem(f"{where}: not UTF-8 text (offset {error.start})") from None
    except tomllib.TOMLDecodeError as error:
        raise _Problem(f"{where}: not valid TOML ({error})") from None
    return _exercise(data, where, topics, Path(entry.name).stem)


def _unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    """Reject a misspelt key instead of silently ignoring it."""
    extra = sorted(set(table) - allowed)
    if extra:
        raise _Problem(f"{where}{extra[0]}: unknown key")


def _get(table: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, default: Any = None) -> Any:
    """A key of the expected type; missing keys without a default are a problem."""
    if key not in table:
        if default is None:
            raise _Problem(f"{where}{key}: missing")
        return default
    value = table[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind in (int, float, (int, float))):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise _Problem(f"{where}{key}: expected {names}, got {type(value).__name__}")
    return value


def _text(table: dict[str, Any], key: str, where: str) -> str:
    """A non-empty string."""
    value: str = _get(table, key, str, where)
    if not value.strip():
        raise _Problem(f"{where}{key}: empty")
    return value


def _strings(table: dict[str, Any], key: str, where: str, default: list[str] | None = None) -> tuple[str, ...]:
    """A list of non-empty strings."""
    values: list[Any] = _get(table, key, list, where, default)
    for index, value in enumerate(values):
        if not isinstance(value, str) or not value.strip():
            raise _Problem(f"{where}{key}[{index}]: expected a non-empty string")
    return tuple(values)


def _exercise(data: dict[str, Any], where: str, topics: list[str], stem: str) -> Exercise:
    """The top-level table into an Exercise."""
    file = f"{where}: "
    _unknown(data, _TOP_KEYS, file)
    exercise_id = _text(data, "id", file)
    if not _ID.fullmatch(exercise_id):
        raise _Problem(f"{file}id: {exercise_id!r} is not lowercase-with-dashes")
    if exercise_id != stem:
        raise _Problem(f"{file}id: {exercise_id!r} does not match the file name {stem}.toml")
    topic = _text(data, "topic", file)
    if topic not in topics:
        raise _Problem(f"{file}topic: {topic!r} is not one of {', '.join(topics)}")
    functions = _strings(data, "functions", file)
    if not functions:
        raise _Problem(f"{file}functions: empty")
    for index, name in enumerate(functions):
        if not _NAME.fullmatch(name):
            raise _Problem(f"{file}functions[{index}]: {name!r} is not a Python name")
    hints = _strings(data, "hints", file)
    if len(hints) < MIN_HINTS:
        raise _Problem(f"{file}hints: {len(hints)} hint(s); at least {MIN_HINTS}, from a nudge to nearly the answer")
    raw_checks: list[Any] = _get(data, "checks", list, file)
    if not raw_checks:
        raise _Problem(f"{file}checks: empty")
    allow_numpy: bool = _get(data, "allow_numpy", bool, file, True)
    checks = tuple(_check(raw, f"{where}: checks[{i}].", functions, allow_numpy) for i, raw in enumerate(raw_checks))
    names = [check.name for check in checks]
    for index, name in enumerate(names):
        if names.index(name) != index:
            raise _Problem(f"{where}: checks[{index}].name: {name!r} is used twice")
    raw_mistakes: list[Any] = _get(data, "mistakes", list, file, [])
    mistakes = tuple(_mistake(raw, f"{where}: mistakes[{i}].", names) for i, raw in enumerate(raw_mistakes))
    compare = None
    if "compare" in data:
        compare = _compare(_get(data, "compare", dict, file), f"{where}: compare.", functions)
    return Exercise(
        id=exercise_id,
        topic=topic,
        title=_text(data, "title", file),
        task=_text(data, "task", file),
        functions=functions,
        starter=_text(data, "starter", file),
        solution=_text(data, "solution", file),
        hints=hints,
        asked_as=_text(data, "asked_as", file),
        checks=checks,
        mistakes=mistakes,
        allow_numpy=allow_numpy,
        forbidden_imports=_strings(data, "forbidden_imports", file, ["sklearn"]),
        compare=compare,
        source=where,
    )


def _check(raw: Any, where: str, functions: tuple[str, ...], allow_numpy: bool) -> Check:
    """One [[checks]] table."""
    if not isinstance(raw, dict):
        raise _Problem(f"{where.rstrip('.')}: expected a table")
    _unknown(raw, _CHECK_KEYS, where)
    call = _text(raw, "call", where)
    if call not in functions:
        raise _Problem(f"{where}call: {call!r} is not one of the exercise's functions ({', '.join(functions)})")
    as_numpy: bool = _get(raw, "as_numpy", bool, where, False)
    if as_numpy and not allow_numpy:
        raise _Problem(f"{where}as_numpy: true in an exercise with allow_numpy = false")
    tolerance = float(_get(raw, "tolerance", (int, float), where, 1e-9))
    if not math.isfinite(tolerance) or tolerance < 0:
        raise _Problem(f"{where}tolerance: {tolerance} is not a finite number >= 0")
    return Check(
        name=_text(raw, "name", where),
        call=call,
        args=tuple(_get(raw, "args", list, where, [])),
        kwargs=dict(_get(raw, "kwargs", dict, where, {})),
        as_numpy=as_numpy,
        tolerance=tolerance,
        feedback=_text(raw, "feedback", where),
    )


def _mistake(raw: Any, where: str, check_names: list[str]) -> Mistake:
    """One [[mistakes]] table; caught_by must name a check."""
    if not isinstance(raw, dict):
        raise _Problem(f"{where.rstrip('.')}: expected a table")
    _unknown(raw, _MISTAKE_KEYS, where)
    caught_by = _text(raw, "caught_by", where)
    if caught_by not in check_names:
        raise _Problem(f"{where}caught_by: {caught_by!r} is not the name of a check")
    return Mistake(name=_text(raw, "name", where), code=_text(raw, "code", where), caught_by=caught_by)


def _compare(raw: dict[str, Any], where: str, functions: tuple[str, ...]) -> Compare:
    """The optional [compare] table: which drawing, which function, its options."""
    kind = _text(raw, "kind", where)
    if kind not in _COMPARE_KINDS:
        raise _Problem(f"{where}kind: {kind!r} is not one of {', '.join(_COMPARE_KINDS)}")
    call = _text(raw, "call", where)
    if call not in functions:
        raise _Problem(f"{where}call: {call!r} is not one of the exercise's functions")
    options = {key: value for key, value in raw.items() if key not in ("kind", "call", "title")}
    return Compare(kind=kind, call=call, title=_text(raw, "title", where), options=options)
