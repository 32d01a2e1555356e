"""Issue 9, app side: a failing run is a message, not a crash (item 1); text we did not write is shown
literally (item 2); a crash is logged and exits non-zero (item 5); notes typed just before quitting are
kept (item 6); the progress file alone holds everything after quitting (item 7)."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.widgets._toast import Toast

from screens.app import MLPrepApp, make_app
from screens.widgets.param_panel import ParamField, field_id
from screens.widgets.quiz_panel import QuizPanel
from screens.widgets.results_view import ResultsView
from tests.conftest import screen_of, settle, shown
from tutor.engine.experiments import Experiment, all_experiments
from tutor.engine.params import Value
from tutor.engine.result import Result
from tutor.learning.store.progress import StoreError, open_store


def home() -> Path:
    """The per-test data directory the autouse fixture points MLPREP_HOME at."""
    return Path(os.environ["MLPREP_HOME"])


def app_for_test(**options: Any) -> MLPrepApp:
    """The app as tests use it: no warm-up process, no blinking cursor."""
    return make_app(warm_sklearn=False, cursor_blink=False, **options)


def toasts(app: MLPrepApp) -> str:
    """Every notification on screen, as the learner reads it (title and message)."""
    return "\n".join(str(toast.render()) for toast in app.screen.query(Toast))


async def notices(pilot: Pilot[None]) -> str:
    """The notifications on screen once every one notified so far has its toast (a start-up notice
    expires after 8 s: read them before settle() may have waited that long on a busy machine)."""
    app = pilot.app
    for _ in range(250):
        await pilot.pause(0.02)
        if len(app.screen.query(Toast)) >= len(app._notifications):
            break
    return toasts(app)  # type: ignore[arg-type]


def status(app: MLPrepApp) -> str:
    """The results pane's problem line ('' when there is none)."""
    found = screen_of(app).query_one(ResultsView).query("#results-status")
    if not found or not found.first(Static).display:
        return ""
    return str(found.first(Static).render())


def marked(app: MLPrepApp) -> list[str]:
    """The parameters whose field is marked as wrong."""
    return [f.param.name for f in screen_of(app).query(ParamField) if f.has_class("-invalid")]


async def enter(pilot: Pilot[None], slug: str, name: str, text: str) -> None:
    """Type a new text into a parameter field and press Enter."""
    widget = screen_of(pilot.app).query_one(f"#{field_id(slug, name)}", Input)  # type: ignore[arg-type]
    widget.focus()
    await pilot.pause()
    widget.value = ""
    await pilot.press(*text, "enter")
    await settle(pilot)


# ----- item 1: an exception escaping a run ------------------------------------------------------
@pytest.mark.parametrize("slug", ["feature-engineering", "gradient-descent"])
@pytest.mark.parametrize("text", ["-0", "-0.0"])
async def test_noise_minus_zero_runs_in_the_app(slug: str, text: str) -> None:
    app = app_for_test(topic=slug)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await enter(pilot, slug, "noise", text)
        result = shown(app, slug)
        assert result is not None and result.params["noise"] == 0
        assert status(app) == "" and marked(app) == []


def _failing(experiment: Experiment, threshold: float) -> Experiment:
    """The experiment, raising a non-ParamError (quoting learner-like text) at one threshold value."""

    def run(values: dict[str, Value]) -> Result:
        if values["threshold"] == threshold:
            raise ValueError("scale [/] < 0")
        return experiment.run_values(values)

    return dataclasses.replace(experiment, run_values=run)


async def test_a_failing_run_says_what_failed_and_keeps_the_last_result() -> None:
    experiments = [_failing(e, 0.75) if e.slug == "sigmoid" else e for e in all_experiments()]
    app = app_for_test(topic="sigmoid", experiments=experiments)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        good = shown(app, "sigmoid")
        assert good is not None
        await enter(pilot, "sigmoid", "threshold", "0.75")
        said = status(app)
        assert "run failed" in said and "ValueError: scale [/] < 0" in said and "last good result" in said
        assert "Fix the marked field" not in said and marked(app) == []
        assert shown(app, "sigmoid") is good
        await pilot.press("escape", "2")
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        # Back on the topic: still the failure, never "Fix the marked field" with nothing marked.
        said = status(app)
        assert "run failed" in said and "Fix the marked field" not in said and marked(app) == []
        await enter(pilot, "sigmoid", "threshold", "0.5")
        assert status(app) == "" and shown(app, "sigmoid") is not good


class _BrokenRunner:
    """A run process whose runs fail in the child (the exception comes back unpickled, not RunFailed)."""

    def run(self, slug: str, values: dict[str, Value]) -> Result:
        raise RuntimeError(f"{slug} broke [b]here")

    def stop(self) -> None:
        pass


async def test_a_run_failing_in_the_run_process_is_a_message_too() -> None:
    app = app_for_test(topic="decision-tree")
    app.runner = _BrokenRunner()  # type: ignore[assignment]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        said = status(app)
        assert "run failed" in said and "RuntimeError: decision-tree broke [b]here" in said
        assert "Fix the marked field" not in said and marked(app) == []
        assert shown(app, "decision-tree") is None


# ----- item 2: text we did not write is shown literally -----------------------------------------
async def test_a_set_with_markup_is_reported_literally() -> None:
    app = app_for_test(topic=1, sets=["[/]=1", "[b]x=2"])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        said = await notices(pilot)
        assert "[/]: unknown parameter of sigmoid" in said and "[b]x: unknown parameter" in said


@pytest.mark.parametrize("name", ["try [/y] here", "try [old] here", "try [b]bold"])
async def test_a_damaged_file_under_a_path_with_brackets_is_reported_literally(tmp_path: Path, name: str) -> None:
    data = tmp_path / name
    data.mkdir(parents=True)
    (data / "progress.sqlite3").write_bytes(b"this is not a database" * 100)
    app = app_for_test(data_dir=data, topic=1)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        said = await notices(pilot)
        assert str(data / "progress.sqlite3") in said.replace("\n", "")
        await settle(pilot)


def _tamper(value: str) -> None:
    with open_store(home()):
        pass  # creates the file and its tables
    with sqlite3.connect(home() / "progress.sqlite3") as db:
        db.execute("INSERT OR REPLACE INTO state (key, value) VALUES ('last', ?)", (value,))
    db.close()


TAMPERED = [
    json.dumps({"topic": "sigmoid", "params": {"[/]": "1"}}),
    json.dumps({"topic": "sigmoid", "params": {"[b]nope": "[/]"}}),
    json.dumps({"topic": "sigmoid", "params": {"nope": "1"}}),
    json.dumps({"topic": "sigmoid", "params": {"threshold": "[/]", "z_values": "[b]1"}}),
    json.dumps({"topic": "cross-entropy", "params": {"penalty": "[/]"}}),
    json.dumps({"topic": "[/]", "params": {}}),
    json.dumps({"topic": "2", "params": {"[/]": "[/]"}}),
    json.dumps({"topic": None, "params": None}),
    json.dumps(["sigmoid"]),
    "[/]",
]


def _unknown_names(value: str) -> list[str]:
    """The parameter names in a stored 'last' row that its (real) topic does not have."""
    data = json.loads(value) if value.startswith("{") else None
    slugs = {e.slug: e for e in all_experiments()}
    if not isinstance(data, dict) or data["topic"] not in slugs:
        return []  # not a topic of ours: the app opens at the first topic, with nothing to report
    return [name for name in data["params"] if name not in slugs[data["topic"]].params.names]


@pytest.mark.parametrize("value", TAMPERED)
async def test_a_tampered_last_row_never_crashes_the_start(value: str) -> None:
    _tamper(value)
    app = app_for_test()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        said = await notices(pilot)
        for name in _unknown_names(value):
            assert f"{name}: unknown parameter of {screen_of(app).current}" in said
        await pilot.press("question_mark")  # still answers keys
        await settle(pilot)


def test_a_full_reset_forgets_where_the_learner_left_off() -> None:
    with open_store(home()) as store:
        store.set_last("sigmoid", {"[/]": "1"})
        store.reset("cross-entropy")
        assert store.last() is not None  # one topic's reset keeps the reopen position
        store.reset()
        assert store.last() is None


def _unwritable(app: MLPrepApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write to the store fails from now on, as on a full disk, with StoreError naming the file."""
    store = app.learning.store

    def fail(*_args: Any, **_kwargs: Any) -> None:
        raise StoreError(f"could not save progress to {store.path}: database or disk is full")

    monkeypatch.setattr(store, "set_note", fail)
    monkeypatch.setattr(store, "record_attempt", fail)


async def test_a_note_that_cannot_be_saved_names_the_path_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "notes [/y] here"
    app = app_for_test(data_dir=data, topic="sigmoid")
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        _unwritable(app, monkeypatch)
        await pilot.press(*"lost")
        await pilot.pause(0.6)
        await settle(pilot)
        said = toasts(app).replace("\n", "")
        assert f"Notes not saved: could not save progress to {data / 'progress.sqlite3'}" in said


async def test_an_answer_that_cannot_be_saved_names_the_path_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "answers [/y] here"
    app = app_for_test(data_dir=data, topic="sigmoid")
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        _unwritable(app, monkeypatch)
        quiz = screen_of(app).query_one("#quiz", QuizPanel)
        quiz.choose(quiz.current_question.correct_index)
        await settle(pilot)
        assert f"could not save progress to {data / 'progress.sqlite3'}" in toasts(app).replace("\n", "")


# ----- item 6: notes typed just before quitting -------------------------------------------------
async def test_notes_typed_right_before_ctrl_q_are_saved() -> None:
    app = app_for_test(topic="validation")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press(*"typed at the last moment", "ctrl+q")
        await pilot.pause()
    assert open_store(home()).note("validation") == "typed at the last moment"


# ----- item 7: the progress file alone holds everything -----------------------------------------
async def test_after_quitting_the_progress_file_alone_holds_the_answer_and_the_note(tmp_path: Path) -> None:
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        quiz = screen_of(app).query_one("#quiz", QuizPanel)
        question = quiz.current_question
        quiz.choose(question.correct_index)
        await settle(pilot)
        await pilot.press("escape", "w")
        await settle(pilot)
        await pilot.press(*"kept", "ctrl+q")
        await pilot.pause()
    wal = home() / "progress.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    alone = tmp_path / "copy" / "progress.sqlite3"
    alone.parent.mkdir()
    shutil.copyfile(home() / "progress.sqlite3", alone)
    db = sqlite3.connect(alone)
    try:
        assert db.execute("SELECT question_id FROM attempts").fetchall() == [(question.id,)]
        assert db.execute("SELECT text FROM notes WHERE topic = 'sigmoid'").fetchall() == [("kept",)]
    finally:
        db.close()


# ----- item 5: a crash is logged, named in one line, and exits non-zero ---------------------------
class _CrashingApp(MLPrepApp):
    """The app, run headless, with a bug that surfaces after start-up."""

    def run(self, *args: Any, **kwargs: Any) -> None:
        return super().run(headless=True, size=(100, 30))

    def on_mount(self) -> None:
        super().on_mount()
        self.set_timer(0.05, self._boom)

    def _boom(self) -> None:
        raise RuntimeError("boom [/] in the app")


def test_a_crash_in_the_app_is_logged_and_exits_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import screens.app

    real = screens.app.make_app

    def crashing(**options: Any) -> MLPrepApp:
        return real(warm_sklearn=False, cursor_blink=False, app_class=_CrashingApp, **options)

    monkeypatch.setattr(screens.app, "make_app", crashing)
    assert screens.app.run_app() == 70
    logs = list(home().glob("crash-*.log"))
    assert len(logs) == 1
    assert stat.S_IMODE(logs[0].stat().st_mode) == 0o600
    text = logs[0].read_text()
    assert "Traceback" in text and "_boom" in text and "RuntimeError: boom [/] in the app" in text
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last == f"mlprep-tui: unexpected error (RuntimeError: boom [/] in the app); the details are in {logs[0]}"
