"""`mlprep-tui notes [TOPIC] [--append TEXT]`: printing notes literally, appending lines, clear failures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.cli.entry import main
from tutor.learning.store.progress import FILENAME, open_store

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "σ → λ ŷ [b]not bold[/b] **x** <script>"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MLPREP_HOME", str(tmp_path))
    return tmp_path


def test_no_notes_says_so_on_stderr(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notes"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no notes yet" in captured.err
    assert main(["notes", "sigmoid"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no notes on sigmoid yet" in captured.err


def test_append_then_print_one_topic_literally(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notes", "sigmoid", "--append", HOSTILE]) == 0
    assert main(["notes", "1", "--append", "second line"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Added a line to the notes on sigmoid."] * 2
    assert main(["notes", "1"]) == 0
    assert capsys.readouterr().out == f"{HOSTILE}\nsecond line\n"
    with open_store(home) as store:
        assert store.note("sigmoid") == f"{HOSTILE}\nsecond line"


def test_append_keeps_what_the_app_wrote(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(home) as store:
        store.set_note("metrics", "from the app\n")
    assert main(["notes", "metrics", "--append", "from the shell"]) == 0
    with open_store(home) as store:
        assert store.note("metrics") == "from the app\nfrom the shell"


def test_all_topics_with_headings_in_curriculum_order(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(home) as store:
        store.set_note("validation", "val note")
        store.set_note("sigmoid", "sig note\nline 2")
    assert main(["notes"]) == 0
    assert capsys.readouterr().out == (
        "## 1. Logistic regression: sigmoid → probability (sigmoid)\n\nsig note\nline 2\n\n"
        "## 7. Train / validation / test: validation picks k (validation)\n\nval note\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["notes", "nine"], "unknown topic 'nine'; choose 1–8"),
        (["notes", "9", "--append", "x"], "unknown topic '9'"),
        (["notes", "--append", "x"], "--append needs a TOPIC"),
        (["notes", "sigmoid", "--append", ""], "--append TEXT is empty"),
        (["notes", "sigmoid", "--append", "  "], "--append TEXT is empty"),
    ],
)
def test_usage_problems_exit_2_with_one_line(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1 and captured.err.startswith(f"mlprep-tui: {message}")
    with open_store(home) as store:
        assert store.note("sigmoid") == ""


def test_a_damaged_file_says_where_it_went_as_stats_does(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / FILENAME).write_bytes(b"garbage" * 100)
    assert main(["notes", "sigmoid", "--append", "after the damage"]) == 0
    captured = capsys.readouterr()
    assert "damaged" in captured.err and ".damaged-" in captured.err
    assert main(["notes", "sigmoid"]) == 0
    assert capsys.readouterr().out == "after the damage\n"


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MLPREP_HOME": str(home), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "tutor", "notes", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_an_unwritable_place_reads_and_refuses_to_append_without_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = _run(blocker / "home", "sigmoid", "--append", "lost")
    assert done.returncode == 1
    assert "in memory" in done.stderr and "nothing saved" in done.stderr and "Traceback" not in done.stderr
    done = _run(blocker / "home")
    assert done.returncode == 0 and "Traceback" not in done.stderr


def test_control_characters_reach_a_pipe_as_written_and_a_terminal_made_visible(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pasted = "red \x1b[31mtext\x1b[0m\tand a bell\x07 σ"
    with open_store(home) as store:
        store.set_note("sigmoid", pasted)
    assert main(["notes", "sigmoid"]) == 0
    assert capsys.readouterr().out == pasted + "\n"  # a pipe or file gets the bytes as stored
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["notes", "sigmoid"]) == 0
    assert capsys.readouterr().out == "red \\x1b[31mtext\\x1b[0m\tand a bell\\x07 σ\n"
