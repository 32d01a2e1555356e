"""Issue 9, items 1 and 5: `-0` is plain zero; a failing run is one line and exit 1; a crash is
logged to a 0600 file in the data directory, named in one line, and exits 70."""

from __future__ import annotations

import dataclasses
import math
import stat
from pathlib import Path

import pytest

from tutor.cli import entry
from tutor.cli.entry import main
from tutor.engine.experiments import all_experiments, get
from tutor.engine.params import Param, ParamSet, Value
from tutor.engine.result import Result


# ----- item 1: -0 ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["-0", "-0.0", " -0e5 ", "-.0", "-0.000"])
def test_negative_zero_parses_as_plain_zero(text: str) -> None:
    number = Param("x", "float", 1.0, "", low=0, high=5).parse(text)
    assert number == 0 and math.copysign(1.0, float(number)) == 1.0
    items = Param("xs", "floats", (1.0,), "", low=-1, high=1).parse(f"1, {text}, 0.5")
    assert isinstance(items, tuple)
    assert [math.copysign(1.0, v) for v in items] == [1.0, 1.0, 1.0]


def test_negative_zero_given_as_a_value_is_plain_zero_too() -> None:
    params = ParamSet((Param("x", "float", 1.0, "", low=0, high=5), Param("xs", "floats", (1.0,), "")))
    values = params.validated({"x": -0.0, "xs": (-0.0, 2.0)})
    assert math.copysign(1.0, float(values["x"])) == 1.0  # type: ignore[arg-type]
    assert values["xs"] == (0.0, 2.0) and math.copysign(1.0, values["xs"][0]) == 1.0  # type: ignore[index]


@pytest.mark.parametrize("topic", ["feature-engineering", "gradient-descent", "parametric"])
@pytest.mark.parametrize("text", ["-0", "-0.0"])
def test_noise_minus_zero_runs_like_zero(topic: str, text: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", topic, "--json", "--set", f"noise={text}"]) == 0
    minus = capsys.readouterr()
    assert main(["run", topic, "--json", "--set", "noise=0"]) == 0
    assert minus.out == capsys.readouterr().out and minus.err == ""


def _broken(values: dict[str, Value]) -> Result:
    raise ValueError("scale < 0\nsecond line")


def test_an_exception_escaping_a_run_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = dataclasses.replace(get("sigmoid"), run_values=_broken)
    monkeypatch.setattr("tutor.engine.experiments._cache", {"sigmoid": fake})
    assert main(["run", "sigmoid", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert lines[0].startswith("mlprep-tui: sigmoid: ") and "ValueError: scale < 0" in lines[0]


def test_run_failed_names_the_topic_and_pickles() -> None:
    import pickle

    from tutor.engine.experiments import RunFailed

    error = RunFailed("validation", "ValueError: boom")
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again, RunFailed) and str(again) == str(error)
    assert "validation" in str(error) and "ValueError: boom" in str(error)


def test_check_survives_a_predict_question_whose_run_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a run raised inside check")

    monkeypatch.setattr("tutor.learning.content.validate_content", explode)
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and len(captured.err.splitlines()) == 1
    assert "RuntimeError: a run raised inside check" in captured.err


def test_every_topic_accepts_minus_zero_wherever_zero_is_allowed(capsys: pytest.CaptureFixture[str]) -> None:
    for experiment in all_experiments():
        for param in experiment.params:
            if param.kind in ("int", "float") and param.low is not None and param.low == 0 and not param.low_open:
                code = main(["run", experiment.slug, "--json", "--set", f"{param.name}=-0.0"])
                err = capsys.readouterr().err
                assert code in (0, 2), (experiment.slug, param.name, err)
                assert "Traceback" not in err


# ----- item 5: unexpected errors ------------------------------------------------------------------
def _raise_in_dispatch(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def dispatch(arguments: list[str]) -> int:
        raise error

    monkeypatch.setattr(entry, "_dispatch", dispatch)


def test_an_unexpected_error_is_logged_named_in_one_line_and_exits_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tutor.cli.crash import EXIT_CRASH

    home = tmp_path / "home"
    monkeypatch.setenv("MLPREP_HOME", str(home))
    _raise_in_dispatch(monkeypatch, ValueError("bad thing"))
    assert main(["topics"]) == EXIT_CRASH == 70
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert lines[0].startswith("mlprep-tui: unexpected error (ValueError: bad thing); the details are in ")
    logs = list(home.glob("crash-*.log"))
    assert len(logs) == 1 and lines[0].endswith(str(logs[0]))
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "ValueError: bad thing" in text
    assert stat.S_IMODE(logs[0].stat().st_mode) == 0o600


def test_keyboard_interrupt_and_broken_pipe_keep_their_exits(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MLPREP_HOME", str(tmp_path / "home"))
    _raise_in_dispatch(monkeypatch, KeyboardInterrupt())
    assert main(["topics"]) == 130
    assert not (tmp_path / "home").exists()


def test_crash_log_falls_back_to_the_temp_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tutor.cli.crash import write_crash_log

    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("MLPREP_HOME", str(blocker / "home"))  # cannot be created: a file is in the way
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    try:
        raise OSError("disk")
    except OSError as error:
        path = write_crash_log(error)
    assert path is not None and path.parent == tmp_path / "tmp" and path.name.startswith("crash-")
    assert "OSError: disk" in path.read_text(encoding="utf-8")


def test_two_crashes_in_one_second_get_two_logs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tutor.cli.crash import write_crash_log

    monkeypatch.setenv("MLPREP_HOME", str(tmp_path / "home"))
    paths = {write_crash_log(RuntimeError(str(n))) for n in range(3)}
    assert len(paths) == 3 and all(p is not None and p.is_file() for p in paths)


def test_report_crash_message_is_one_line_even_for_long_multiline_errors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tutor.cli.crash import EXIT_CRASH, report_crash

    monkeypatch.setenv("MLPREP_HOME", str(tmp_path / "home"))
    assert report_crash(RuntimeError("line one\nline two " + "x" * 500)) == EXIT_CRASH
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and len(err) < 400 and "line one line two" in err
