"""The headless CLI: run, topics, --version, and exit code 2 with one clear line per problem."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tutor import __version__
from tutor.cli.entry import main

ROOT = Path(__file__).resolve().parents[2]


def test_run_json_has_the_contract_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "sigmoid", "--json", "--set", "threshold=0.9"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"topic", "params", "metrics", "tables", "series", "takeaway", "code"}
    assert data["topic"] == "sigmoid"
    assert data["params"]["threshold"] == 0.9
    assert data["metrics"]["predicted_positive"] == 1


@pytest.mark.parametrize("topic", ["cross-entropy", "8"])
def test_run_code_prints_the_jsons_code_and_nothing_else(topic: str, capsys: pytest.CaptureFixture[str]) -> None:
    # Issue 10, item 3: `run TOPIC --code` prints the snippet alone, ready to paste or redirect.
    sets = ["--set", "lam=0.5"] if topic == "cross-entropy" else ["--set", "lr=0.3"]
    assert main(["run", topic, *sets, "--json"]) == 0
    code = json.loads(capsys.readouterr().out)["code"]
    assert main(["run", topic, *sets, "--code"]) == 0
    captured = capsys.readouterr()
    assert captured.out == code.rstrip("\n") + "\n" and captured.err == ""
    assert ("lam = 0.5" in code) if topic == "cross-entropy" else ("lr, steps = 0.3, 200" in code)


def test_run_by_number_text_mode(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "2"]) == 0
    out = capsys.readouterr().out
    assert "0.2336" in out and "0.3316" in out
    assert "\x1b[" not in out  # not a terminal: no colour codes


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["run", "nine"], ["unknown topic 'nine'"]),
        (["run", "9"], ["unknown topic '9'"]),
        (["run", "sigmoid", "--set", "threshold=1.5"], ["threshold: 1.5 is outside [0, 1]"]),
        (["run", "sigmoid", "--set", "bogus=1"], ["bogus: unknown parameter"]),
        (["run", "sigmoid", "--set", "threshold"], ["expected NAME=VALUE"]),
        (
            ["run", "sigmoid", "--set", "threshold=x", "--set", "z_values=1,,q"],
            ["threshold: 'x' is not a number", "z_values: item 2 'q' is not a number"],
        ),
        (["run", "cross-entropy", "--set", "y_hat=0.5"], ["y_hat: has 1 values but y_true has 5"]),
    ],
)
def test_bad_input_exits_2_with_one_line_per_problem(argv, expected, capsys) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == len(expected)
    for line, fragment in zip(lines, expected, strict=True):
        assert fragment in line
    assert captured.out == ""


def test_topics_lists_eight(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["topics"]) == 0
    out = capsys.readouterr().out
    for number in range(1, 9):
        assert f"\n{number}  " in "\n" + out


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["run", "--help"], ["frobnicate"], ["run"]])
def test_usage_paths_never_traceback(argv: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "tutor", *argv], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert "Traceback" not in done.stderr
    if argv == ["--version"]:
        assert done.returncode == 0 and __version__ in done.stdout
    elif "--help" in argv:
        assert done.returncode == 0 and "usage" in done.stdout
    else:
        assert done.returncode == 2
        assert done.stderr.strip().splitlines()[0].startswith("mlprep-tui")


def test_deep_link_with_unknown_topic_fails_before_opening_the_app(capsys) -> None:
    assert main(["--topic", "zzz"]) == 2
    assert "unknown topic" in capsys.readouterr().err
