"""`mlprep-tui check`, `stats` and `reset`: JSON contracts, exit codes, asking before deleting."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import missing_content
from tutor.cli.entry import main
from tutor.engine.experiments import all_experiments
from tutor.learning.store.progress import FILENAME, open_store

ROOT = Path(__file__).resolve().parents[2]
SLUGS = [e.slug for e in all_experiments()]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MLPREP_HOME pointed at a temp dir holding a few answers (never the real home)."""
    monkeypatch.setenv("MLPREP_HOME", str(tmp_path))
    long_ago = datetime.now(UTC) - timedelta(days=400)
    with open_store() as store:
        store.record_attempt("sigmoid-range", "sigmoid", 1, False, 3_000, when=long_ago)
        store.record_attempt("sigmoid-range", "sigmoid", 2, True, 3_000, when=long_ago + timedelta(minutes=1))
        store.record_attempt("sigmoid-symmetry", "sigmoid", 0, True, 3_000, when=long_ago)
        store.record_attempt("metrics-recall", "metrics", 3, False, 3_000, when=long_ago)
        store.set_note("sigmoid", "a note to keep")
    return tmp_path


class FakeTerminal(io.StringIO):
    """stdin that claims to be a terminal, holding what the learner types."""

    def isatty(self) -> bool:
        return True


# ----- check ---------------------------------------------------------------------------------
def test_check_json_on_the_real_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert missing_content() == []
    code = main(["check", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == [] and code == 0
    assert list(data["topics"]) == SLUGS and len(data["topics"]) == 8
    assert all(info["questions"] > 0 and info["recap"] is True for info in data["topics"].values())


def test_check_text_on_the_real_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert missing_content() == []
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["topic", "questions", "predict", "longest", "explain", "recap", "errors"]
    assert "All content is valid:" in out and "in 8 topics" in out


def test_check_json_on_broken_content_exits_1_naming_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sigmoid.toml").write_text(
        'topic = "sigmoid"\n[[questions]]\nid = "sigmoid-x"\nidea = "i"\nprompt = "p"\n'
        '[[questions.options]]\ntext = "a"\ncorrect = true\nexplanation = "e"\n'
        '[[questions.options]]\ntext = "b"\ncorrect = false\n',
        encoding="utf-8",
    )
    code = main(["check", "--json", "--content-dir", str(tmp_path)])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    sigmoid = data["topics"]["sigmoid"]
    assert {key: sigmoid[key] for key in ("questions", "predict", "explain", "recap", "longest_share")} == {
        "questions": 0,
        "predict": 0,
        "explain": 0,
        "recap": False,
        "longest_share": 0.0,
    }
    assert sigmoid["errors"] == [error for error in data["errors"] if error.startswith(f"{tmp_path}/sigmoid.")]
    assert f"{tmp_path}/sigmoid.toml: questions[0].options[1].explanation: missing (id 'sigmoid-x')" in data["errors"]
    assert (
        f"{tmp_path}/sigmoid.toml: questions[0].options: has 2 options; expected 3–5 (id 'sigmoid-x')" in data["errors"]
    )
    assert f"{tmp_path}/sigmoid.md: missing" in data["errors"]


def test_check_text_lists_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "sigmoid.toml").write_text("topic = \n", encoding="utf-8")
    assert main(["check", "--content-dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "problems:" in out and f"{tmp_path}/sigmoid.toml: TOML syntax:" in out


def test_check_with_a_missing_directory_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content-dir", str(tmp_path / "nope")]) == 2
    assert "not a directory" in capsys.readouterr().err


# ----- stats ---------------------------------------------------------------------------------
def test_stats_json(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--json"]) == 0
    topics = json.loads(capsys.readouterr().out)["topics"]
    assert list(topics) == SLUGS
    assert topics["sigmoid"] == {"attempts": 3, "correct": 2, "due": 2, "answered": 2, "right_latest": 2}
    assert topics["metrics"] == {"attempts": 1, "correct": 0, "due": 1, "answered": 1, "right_latest": 0}
    assert topics["validation"] == {"attempts": 0, "correct": 0, "due": 0, "answered": 0, "right_latest": 0}


def test_stats_text_table(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["topic", "attempts", "correct", "due"]
    assert ["sigmoid", "3", "2", "2"] in [line.split() for line in lines]
    assert lines[-1].split() == ["total", "4", "2", "3"]


def test_stats_on_a_damaged_file_says_where_it_went(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MLPREP_HOME", str(tmp_path))
    (tmp_path / FILENAME).write_bytes(b"garbage" * 100)
    assert main(["stats", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["topics"]["sigmoid"]["attempts"] == 0
    assert "damaged" in captured.err and ".damaged-" in captured.err


def test_stats_in_an_unwritable_place_warns_without_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    env = {**os.environ, "MLPREP_HOME": str(blocker / "home"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "tutor", "stats"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0
    assert "in memory" in done.stderr and "Traceback" not in done.stderr


# ----- reset ---------------------------------------------------------------------------------
def _attempts(home: Path) -> list[str]:
    with open_store(home) as store:
        return [a.topic for a in store.attempts()]


def test_reset_yes_deletes_everything_but_notes(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reset", "--yes"]) == 0
    assert "Deleted all progress: 4 answers." in capsys.readouterr().out
    assert _attempts(home) == []
    with open_store(home) as store:
        assert store.note("sigmoid") == "a note to keep" and store.due_count() == 0


def test_reset_one_topic(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reset", "--topic", "1", "--yes"]) == 0
    assert "Deleted progress on sigmoid: 3 answers." in capsys.readouterr().out
    assert _attempts(home) == ["metrics"]


def test_reset_without_a_terminal_refuses(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # piped input is not a person
    assert main(["reset"]) == 1
    assert "pass --yes" in capsys.readouterr().err
    assert len(_attempts(home)) == 4


@pytest.mark.parametrize(
    "typed, code, remaining",
    [("y\n", 0, 0), ("YES\n", 0, 0), ("n\n", 1, 4), ("\n", 1, 4), ("", 1, 4)],
    ids=["y", "YES", "n", "enter", "eof"],
)
def test_reset_asks_on_a_terminal(
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    typed: str,
    code: int,
    remaining: int,
) -> None:
    monkeypatch.setattr(sys, "stdin", FakeTerminal(typed))
    assert main(["reset"]) == code
    out = capsys.readouterr().out
    assert "Delete all progress? [y/N]" in out and "4 answers" in out
    assert len(_attempts(home)) == remaining
    if code:
        assert "Nothing deleted." in out


def test_reset_topic_prompt_names_the_topic(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", FakeTerminal("n\n"))
    assert main(["reset", "--topic", "metrics"]) == 1
    assert "Delete progress on metrics? [y/N]" in capsys.readouterr().out


def test_reset_unknown_topic_is_a_usage_error(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reset", "--topic", "nine", "--yes"]) == 2
    assert "unknown topic 'nine'" in capsys.readouterr().err
    assert len(_attempts(home)) == 4


def test_reset_in_an_unwritable_place_deletes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("MLPREP_HOME", str(tmp_path / "file" / "home"))
    assert main(["reset", "--yes"]) == 1
    assert "nothing deleted" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["reset", "--topic"], ["stats", "--bogus"], ["check", "extra"]], ids=" ".join)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["check", "--json"], ["stats", "--json"]], ids=" ".join)
def test_progress_commands_never_import_sklearn_or_textual(argv: list[str], tmp_path: Path) -> None:
    code = (
        f"import sys\nfrom tutor.cli.entry import main\ncode = main({argv!r})\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "MLPREP_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr  # the command ran and succeeded: it did its work
    loaded = set(done.stderr.split())
    assert "tutor" in loaded and json.loads(done.stdout)  # the module list was printed, after real output
    assert "sklearn" not in loaded and "textual" not in loaded
