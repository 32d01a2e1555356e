"""`mlprep-tui exercise list|show|check` through tutor.cli.entry.main: output, JSON and exit codes 0/1/2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tutor.cli.entry import main
from tutor.exercises.spec import get_exercise
from tutor.learning.store.exercise_progress import record_check
from tutor.learning.store.progress import open_store

NAMED = ["sigmoid-threshold", "bce-l2", "precision-recall-f1", "knn-regressor", "gradient-descent-line"]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MLPREP_HOME in a temp dir: never the real progress."""
    monkeypatch.setenv("MLPREP_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _write(tmp_path: Path, code: str | bytes) -> str:
    path = tmp_path / "mine.py"
    if isinstance(code, bytes):
        path.write_bytes(code)
    else:
        path.write_text(code, encoding="utf-8")
    return str(path)


def test_list_shows_every_named_exercise(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exercise", "list"]) == 0
    out = capsys.readouterr().out
    for exercise_id in NAMED:
        assert exercise_id in out


def test_list_json_carries_the_learners_progress(capsys: pytest.CaptureFixture[str]) -> None:
    with open_store() as store:
        record_check(store, "bce-l2", "cross-entropy", True, "{}")
    assert main(["exercise", "list", "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)["exercises"]}
    assert set(NAMED) <= set(rows)
    assert rows["bce-l2"]["topic"] == "cross-entropy"
    assert rows["bce-l2"]["progress"]["attempts"] == 1 and rows["bce-l2"]["progress"]["passed"] is True
    assert rows["sigmoid-threshold"]["progress"] is None


def test_show_prints_a_file_that_runs_and_fails_the_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exercise", "show", "sigmoid-threshold"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# sigmoid-threshold: ") and "def sigmoid(z):" in text and "TODO" in text
    compile(text, "shown.py", "exec")  # ready to save as a .py file
    assert main(["exercise", "check", "sigmoid-threshold", _write(tmp_path, text)]) == 1


@pytest.mark.parametrize("exercise_id", NAMED)
def test_check_exits_0_on_the_reference(exercise_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, get_exercise(exercise_id).solution)
    assert main(["exercise", "check", exercise_id, path]) == 0
    assert "checks passed: all done." in capsys.readouterr().out


def test_check_exits_1_with_the_named_mistake_in_text_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exercise = get_exercise("precision-recall-f1")
    swapped = next(m for m in exercise.mistakes if m.name == "precision and recall swapped")
    path = _write(tmp_path, swapped.code)
    assert main(["exercise", "check", "precision-recall-f1", path]) == 1
    text = capsys.readouterr().out
    assert "✗ precision and recall differ: precision_recall_f1([1, 1, 0, 0, 1, 0], [1, 0, 1, 1, 1, 0])" in text
    assert "Precision and recall swapped" in text
    assert main(["exercise", "check", "precision-recall-f1", path, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["exercise"] == "precision-recall-f1" and data["passed"] is False
    check = next(c for c in data["checks"] if c["name"] == "precision and recall differ")
    assert set(check) >= {"name", "passed", "expected", "got", "error", "output", "feedback"}
    assert check["passed"] is False and check["expected"] != check["got"]


def test_check_exits_1_on_a_crash_a_timeout_or_a_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "def sigmoid(z):\n    return 1 / 0\n")
    assert main(["exercise", "check", "sigmoid-threshold", path, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["checks"][0]["error"] == "line 2: ZeroDivisionError: division by zero"
    path = _write(tmp_path, "def sigmoid(z)\n    return z\n")
    assert main(["exercise", "check", "sigmoid-threshold", path]) == 1
    assert "Stopped: SyntaxError on line 1" in capsys.readouterr().out


def test_usage_errors_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, "x = 1\n")
    cases = [
        (["exercise", "check", "no-such-exercise", good], "unknown exercise 'no-such-exercise'"),
        (["exercise", "show", "no-such-exercise"], "unknown exercise 'no-such-exercise'"),
        (["exercise", "check", "bce-l2", str(tmp_path / "missing.py")], "missing.py: no such file"),
        (["exercise", "check", "bce-l2", str(tmp_path)], "is a directory"),
        (["exercise", "check", "bce-l2", _write(tmp_path, b"x = '\xff'\n")], "not UTF-8 text"),
    ]
    for argv, message in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err


def test_an_unreadable_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(_write(tmp_path, "x = 1\n"))
    path.chmod(0)
    try:
        if path.open("rb"):  # root reads anything: nothing to test then
            pytest.skip("running as root: permissions do not stop reading")
    except PermissionError:
        assert main(["exercise", "check", "bce-l2", str(path)]) == 2
        assert "unreadable" in capsys.readouterr().err


def test_argparse_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["exercise", "check", "bce-l2"])
    assert exit_info.value.code == 2


def test_check_validates_the_exercises_in_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json"]) == 0
    part = json.loads(capsys.readouterr().out)["exercises"]
    assert part["errors"] == []
    metrics = part["topics"]["metrics"]  # more exercises may join a topic: at least the named one's numbers
    assert metrics["exercises"] >= 1 and metrics["checks"] >= 6 and metrics["mistakes"] >= 4
    assert sum(topic["exercises"] for topic in part["topics"].values()) >= 5
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    # The column widths follow the longest topic name listed, so the header is matched by its words.
    assert re.search(r"^topic\s+exercises\s+checks\s+mistakes$", out, re.MULTILINE)
