"""Loading content/exercises/*.toml: the installed exercises, and one clear line per problem in a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.exercises.spec import UnknownExercise, exercises_for, get_exercise, load_exercises
from tutor.exercises.validate import validate_exercises

ROOT = Path(__file__).resolve().parents[2]
GOOD = (ROOT / "content" / "exercises" / "sigmoid-threshold.toml").read_text(encoding="utf-8")


def _content(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "exercises"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return tmp_path


def test_the_installed_exercises_load_without_problems_in_topic_order() -> None:
    exercises, errors = load_exercises()
    assert errors == []
    from tutor.engine.experiments import all_experiments

    order = [e.slug for e in all_experiments()]
    assert [order.index(e.topic) for e in exercises] == sorted(order.index(e.topic) for e in exercises)
    assert next(e.id for e in exercises_for("sigmoid")) == "sigmoid-threshold"
    assert exercises_for("no-such-topic") == []


def test_an_unknown_id_is_a_clear_value_error() -> None:
    with pytest.raises(UnknownExercise, match="unknown exercise 'nope' \\(known: sigmoid-threshold, "):
        get_exercise("nope")
    assert issubclass(UnknownExercise, ValueError)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('topic = "sigmoid"', 'topic = "nope"'), "sigmoid-threshold.toml: topic: 'nope' is not one of sigmoid"),
        (('id = "sigmoid-threshold"', 'id = "other"'), "id: 'other' does not match the file name"),
        (('call = "predict"\nargs = [[0.3', 'call = "predikt"\nargs = [[0.3'), "checks[6].call: 'predikt' is not one"),
        (('caught_by = "predict at threshold 0.7"', 'caught_by = "no such check"'), "mistakes[2].caught_by: 'no such"),
        (("hints = [", "hints = [] \nold_hints = ["), "unknown key"),
        (('feedback = "Use the threshold', 'feedbak = "Use the threshold'), "checks[4].feedbak: unknown key"),
        (('[compare]\nkind = "curve"', '[compare]\nkind = "spiral"'), "compare.kind: 'spiral' is not one of"),
    ],
)
def test_a_bad_file_gives_one_line_naming_file_and_key(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in GOOD
    root = _content(tmp_path, {"sigmoid-threshold.toml": GOOD.replace(old, new, 1)})
    exercises, errors = load_exercises(root)
    assert exercises == [] and len(errors) == 1
    assert errors[0].startswith(f"{root}/exercises/sigmoid-threshold.toml: ") and message in errors[0], errors


def test_broken_toml_and_bytes_never_crash(tmp_path: Path) -> None:
    root = _content(tmp_path, {"a.toml": "id = ", "b.toml": b"\xff\xfe", "sigmoid-threshold.toml": GOOD})
    exercises, errors = load_exercises(root)
    assert [e.id for e in exercises] == ["sigmoid-threshold"]
    assert errors[0].startswith(f"{root}/exercises/a.toml: not valid TOML")
    assert errors[1].startswith(f"{root}/exercises/b.toml: not UTF-8 text")


def test_too_few_hints_is_a_problem(tmp_path: Path) -> None:
    start = GOOD.index("hints = [")
    end = GOOD.index("]\n", start) + 2
    root = _content(tmp_path, {"sigmoid-threshold.toml": GOOD[:start] + 'hints = ["just one"]\n' + GOOD[end:]})
    _, errors = load_exercises(root)
    assert "hints: 1 hint(s); at least 2" in errors[0]


def test_validation_catches_a_passing_starter_and_an_uncaught_mistake(tmp_path: Path) -> None:
    solution_start = GOOD.index("solution = ")
    starter_start = GOOD.index("starter = ")
    solution = GOOD[solution_start : GOOD.index("hints = [")]
    broken = GOOD[:starter_start] + "starter = " + solution[len("solution = ") :] + GOOD[solution_start:]
    # the "fixed 0.5 threshold" mistake now names a check that cannot catch it
    broken = broken.replace('caught_by = "predict at threshold 0.7"', 'caught_by = "sigmoid(0) is one half"')
    root = _content(tmp_path, {"sigmoid-threshold.toml": broken})
    counts, errors = validate_exercises(root)
    assert counts == {"sigmoid": {"exercises": 1, "checks": 7, "mistakes": 4}}
    where = f"{root}/exercises/sigmoid-threshold.toml"
    assert errors == [
        f"{where}: starter: passes every check; it must fail at least one",
        f"{where}: mistakes[2] (a fixed 0.5 threshold): passes check 'sigmoid(0) is one half', which must catch it",
    ]


def test_validation_catches_a_reference_that_fails(tmp_path: Path) -> None:
    old = (
        "    return 1.0 / (1.0 + math.exp(-z))\n\n\ndef predict(probs, threshold=0.5):\n    return [1 if p >= threshold"
    )
    at = GOOD.index(old, GOOD.index("solution = "))
    broken = GOOD[:at] + old.replace("1.0 / (1.0 + math.exp(-z))", "1.0 / z", 1) + GOOD[at + len(old) :]
    root = _content(tmp_path, {"sigmoid-threshold.toml": broken})
    _, errors = validate_exercises(root)
    assert errors == [
        f"{root}/exercises/sigmoid-threshold.toml: solution: fails check 'sigmoid(0) is one half': "
        "line 5: ZeroDivisionError: float division by zero"
    ]


def test_validation_finds_no_problem_in_the_installed_exercises() -> None:
    counts, errors = validate_exercises()
    assert errors == []
    assert sum(topic["exercises"] for topic in counts.values()) >= 5
