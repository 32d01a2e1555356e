"""The exercise screen as a learner uses it: open with e, write code, run the checks, hints, the solution,
reset, autosave through quitting, Escape, keys typed fast."""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.pilot import Pilot

from screens.app import MLPrepApp, make_app
from screens.exercise.exercise_screen import ExerciseScreen, open_exercises
from screens.widgets.plot_view import PlotView
from tests.app_tests.key_bursts import burst
from tests.conftest import settle
from tutor.exercises.spec import Exercise, exercises_for, get_exercise
from tutor.learning.store.exercise_progress import card_id, exercise_summary, load_code
from tutor.learning.store.progress import open_store

SIGMOID = "sigmoid-threshold"


def home() -> Path:
    return Path(os.environ["MLPREP_HOME"])


def app_at(topic: str = "sigmoid") -> MLPrepApp:
    return make_app(home(), topic=topic, warm_sklearn=False, cursor_blink=False)


def exercise_screen(app: MLPrepApp) -> ExerciseScreen:
    screen = app.screen
    assert isinstance(screen, ExerciseScreen), f"expected the exercise screen, found {type(screen).__name__}"
    return screen


async def open_with_e(pilot: Pilot[Any], at: str | None = SIGMOID) -> ExerciseScreen:
    """e on the topic screen; then, if the topic's first exercise is not `at`, that one shown instead
    (the tests below write code for sigmoid-threshold), with the cursor in the code."""
    await settle(pilot)
    await pilot.press("e")
    await pilot.pause()
    screen = exercise_screen(pilot.app)
    ids = [exercise.id for exercise in screen.exercises]
    if at is not None and at in ids and screen.exercise.id != at:
        screen.show_exercise(ids.index(at))
        screen.editor.focus()
        await pilot.pause()
    return screen


async def run_checks(pilot: Pilot[Any], screen: ExerciseScreen) -> str:
    """ctrl+r, wait for the sandbox, return the results as shown."""
    await pilot.press("ctrl+r")
    await pilot.pause()
    for _ in range(600):
        if not screen.checks_running:
            break
        await pilot.pause(0.05)
    assert not screen.checks_running, "the checks never came back"
    await pilot.pause()
    return shown(screen, "#exercise-results")


def shown(screen: ExerciseScreen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def set_code(screen: ExerciseScreen, code: str) -> None:
    """Put code in the editor as a paste would (typing each key is tested separately)."""
    screen.editor.load_text(code)
    screen.editor.post_message(screen.editor.Changed(screen.editor))


def toasts(app: MLPrepApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def sigmoid() -> Exercise:
    return get_exercise(SIGMOID)


# ----- opening -----------------------------------------------------------------------------------
async def test_e_opens_the_topics_exercises_with_the_starter_and_the_task() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot, at=None)
        assert [e.id for e in screen.exercises] == [e.id for e in exercises_for("sigmoid")]
        assert screen.exercise.id == screen.exercises[0].id
        assert screen.editor.text == screen.exercise.starter.lstrip("\n")
        assert screen.exercise.title in shown(screen, "#exercise-task")
        assert screen.editor.has_focus  # ready to type


async def test_digits_switch_exercises_keeping_each_ones_code() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot, at=None)
        first, second = screen.exercises[0], screen.exercises[1]
        await pilot.press(*"# one", "escape", "2")
        await pilot.pause()
        assert screen.exercise.id == second.id
        assert screen.editor.text == second.starter.lstrip("\n")
        assert second.title in shown(screen, "#exercise-task")
        await pilot.press("1")
        await pilot.pause()
        assert screen.editor.text == "# one" + first.starter.lstrip("\n")
        assert load_code(app.learning.store, first.id) == "# one" + first.starter.lstrip("\n")


async def test_open_exercises_at_an_id_from_review() -> None:
    app = app_at("metrics")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        target = exercises_for("sigmoid")[-1]
        open_exercises(app, app.learning, "metrics", target.id)
        await pilot.pause()
        screen = exercise_screen(app)
        assert screen.exercise.id == target.id
        assert {e.topic for e in screen.exercises} == {"sigmoid"}


async def test_an_unknown_exercise_id_is_said_in_one_line() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        open_exercises(app, app.learning, "sigmoid", "no-such-exercise")
        await pilot.pause()
        assert not isinstance(app.screen, ExerciseScreen)
        assert "no-such-exercise" in toasts(app)


# ----- running the checks ------------------------------------------------------------------------
async def test_a_correct_solution_passes_every_check_and_is_recorded() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        exercise = screen.exercise
        set_code(screen, exercise.solution)
        results = await run_checks(pilot, screen)
        assert f"All {len(exercise.checks)} checks passed" in results
        assert results.count("✓") == len(exercise.checks) and "✗" not in results
        progress = exercise_summary(app.learning.store)[exercise.id]
        assert (progress.attempts, progress.passed_ever, progress.last_passed) == (1, True, True)
        assert "✓" in shown(screen, "#exercise-tabs")  # the tab marks the pass
        assert "passed" in shown(screen, "#exercise-task")
        # Part 4: the learner's series drawn beside the library's, captioned with how they compare.
        plot = screen.query_one("#exercise-compare", PlotView)
        assert exercise.compare is not None and plot.display
        assert str(plot.render()).startswith("✓ ")


async def test_a_classic_mistake_fails_its_check_with_the_feedback_that_names_it() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        exercise = screen.exercise
        mistake = exercise.mistakes[0]
        caught = exercise.check(mistake.caught_by)
        set_code(screen, mistake.code)
        results = await run_checks(pilot, screen)
        assert "✗ " + caught.call_text() in results
        assert caught.feedback.split(":")[0] in results
        assert "expected" in results and "got" in results
        progress = exercise_summary(app.learning.store)[exercise.id]
        assert (progress.attempts, progress.passed_ever) == (1, False)
        # A failed exercise comes back in review within minutes.
        soon = datetime.now(UTC) + timedelta(minutes=10)
        assert card_id(exercise.id) in {qid for qid, _ in app.learning.store.due(soon)}


async def test_an_exception_shows_its_last_line_with_the_learners_line_number() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        code = sigmoid().solution.replace("return 1.0 / (1.0 + math.exp(-z))", "return 1 / 0")
        assert code != sigmoid().solution
        set_code(screen, code)
        line = next(n for n, text in enumerate(code.lstrip("\n").splitlines(), start=1) if "1 / 0" in text)
        results = await run_checks(pilot, screen)
        assert "ZeroDivisionError" in results
        assert f"line {line}" in results


async def test_a_timeout_is_a_problem_line_and_the_screen_keeps_taking_keys() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        set_code(screen, "while True:\n    pass\n")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "running the checks" in shown(screen, "#exercise-results")
        await pilot.press("escape", "h")  # the UI answers while the sandbox runs
        await pilot.pause()
        assert "Hint 1 of" in shown(screen, "#exercise-hints")
        results = await run_checks_finished(pilot, screen)
        assert "⚠" in results
        assert "No check ran" in results or "failed" in results


async def run_checks_finished(pilot: Pilot[Any], screen: ExerciseScreen) -> str:
    for _ in range(600):
        if not screen.checks_running:
            break
        await pilot.pause(0.05)
    await pilot.pause()
    return shown(screen, "#exercise-results")


async def test_printed_output_is_shown_literally() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        code = sigmoid().solution.replace("def sigmoid(z):\n", "def sigmoid(z):\n    print('[bold]z is[/bold]', z)\n")
        set_code(screen, code)
        results = await run_checks(pilot, screen)
        assert "printed" in results and "[bold]z is[/bold] 0.0" in results


# ----- hints, solution, reset --------------------------------------------------------------------
async def test_hints_come_one_at_a_time_and_are_recorded() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        hints = screen.exercise.hints
        await pilot.press("h")  # in the editor h is text, not a hint
        await pilot.pause()
        assert screen.editor.text.startswith("h")
        assert not screen.query_one("#exercise-hints").display
        await pilot.press("escape", "h")
        await pilot.pause()
        text = shown(screen, "#exercise-hints")
        assert f"Hint 1 of {len(hints)}" in text and hints[0].strip()[:30] in text
        assert "Hint 2" not in text
        await pilot.press("h")
        await pilot.pause()
        assert f"Hint 2 of {len(hints)}" in shown(screen, "#exercise-hints")
        assert exercise_summary(app.learning.store)[screen.exercise.id].hints_used == 2
        for _ in range(len(hints)):
            await pilot.press("h")
        await pilot.pause()
        assert "No more hints" in toasts(app)


async def test_the_solution_shows_only_after_yes_and_is_recorded() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        exercise = screen.exercise
        await pilot.press("escape", "s")
        await pilot.pause()
        assert type(app.screen).__name__ == "Confirm"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        assert exercise.solution.strip() not in shown(screen, "#exercise-solution")
        assert exercise.id not in exercise_summary(app.learning.store)
        await pilot.press("s", "y")
        await pilot.pause()
        assert exercise.solution.strip() in shown(screen, "#exercise-solution")
        assert exercise_summary(app.learning.store)[exercise.id].solution_shown


async def test_a_pass_after_the_solution_comes_back_until_a_reset() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        exercise = screen.exercise
        await pilot.press("escape", "s", "y")
        await pilot.pause()
        set_code(screen, exercise.solution)
        await run_checks(pilot, screen)
        # Rated Hard: back within minutes (a new card's Good waits for the second learning step, 10 min).
        assert interval(app, exercise.id) < timedelta(minutes=8)
        await pilot.press("r", "y")  # back to the starter: what follows is the learner's own
        await pilot.pause()
        set_code(screen, exercise.solution)
        await run_checks(pilot, screen)
        assert interval(app, exercise.id) >= timedelta(minutes=10)


def interval(app: MLPrepApp, exercise_id: str) -> timedelta:
    """How long the exercise's card waits after its last review."""
    from tutor.learning.schedule import card_from_json

    rows = app.learning.store._read("SELECT card FROM cards WHERE question_id = ?", (card_id(exercise_id),))
    card = card_from_json(rows[0][0])
    assert card.last_review is not None
    return card.due - card.last_review


async def test_reset_asks_then_puts_the_starter_back() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        exercise = screen.exercise
        await pilot.press(*"# mine", "escape", "r")
        await pilot.pause()
        await pilot.press("escape")  # no
        await pilot.pause()
        assert app.screen is screen and screen.editor.text.startswith("# mine")
        await pilot.press("r", "enter")  # yes
        await pilot.pause()
        assert screen.editor.text == exercise.starter.lstrip("\n")
        assert load_code(app.learning.store, exercise.id) == exercise.starter.lstrip("\n")
        kinds = app.learning.store._read("SELECT kind FROM exercise_events WHERE exercise_id = ?", (exercise.id,))
        assert [kind for (kind,) in kinds] == ["reset"]


# ----- keys --------------------------------------------------------------------------------------
async def test_escape_leaves_the_editor_first_then_the_screen_never_eating_text() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        before = screen.editor.text
        await pilot.press("x", "escape")
        await pilot.pause()
        assert screen.editor.text == "x" + before
        assert not screen.editor.has_focus and app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExerciseScreen)
        assert load_code(app.learning.store, SIGMOID) == "x" + before


async def test_keys_typed_fast_arrive_in_order() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        screen.editor.load_text("")
        # One terminal read: every key queued before any is handled (pilot.press would wait after each).
        burst(app, [*"ab", "backspace", *"cd", "left", "backspace", "e", "end", "enter", *"x = 1", "home", "#"])
        await pilot.pause()
        await pilot.pause()
        assert screen.editor.text == "aed\n#x = 1"


async def test_keys_and_footer_list_every_action() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_with_e(pilot)
        await pilot.press("escape")
        await pilot.pause()
        actions = {b.binding.action for b in app.active_bindings.values() if b.binding.show and b.enabled}
        for action in ("run_checks", "edit", "hint", "solution", "reset", "external", "back"):
            assert any(a.startswith(action) for a in actions), action
        await pilot.press("question_mark")
        await pilot.pause()
        from screens.help.help_screen import HelpScreen, binding_rows

        assert isinstance(app.screen, HelpScreen)
        rows = {text for section, _keys, text in binding_rows(app.screen._groups) if section.startswith("Exercise")}
        for binding in ExerciseScreen.BINDINGS:
            if isinstance(binding, Binding) and binding.show:
                assert (binding.tooltip or binding.description) in rows


async def test_editor_key_says_why_when_it_cannot_suspend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "true")
    monkeypatch.delenv("VISUAL", raising=False)
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        before = screen.editor.text
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "cannot hand over" in toasts(app)
        assert screen.editor.text == before


async def test_editor_key_without_editor_says_how_to_set_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_with_e(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "Set $EDITOR" in toasts(app)


# ----- autosave ----------------------------------------------------------------------------------
async def test_code_typed_right_before_ctrl_q_is_kept_and_comes_back() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        starter = screen.editor.text
        await pilot.press(*"# typed at the last moment", "ctrl+q")
        await pilot.pause()
    with open_store(home()) as store:
        assert load_code(store, SIGMOID) == "# typed at the last moment" + starter
    again = app_at("sigmoid")
    async with again.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        assert screen.editor.text == "# typed at the last moment" + starter


async def test_code_is_saved_while_typing_without_leaving() -> None:
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        await pilot.press(*"# kept")
        await pilot.pause(0.8)  # the debounced save, with no quit to force it
        db = sqlite3.connect(home() / "progress.sqlite3")
        try:
            rows = db.execute("SELECT code FROM exercise_code WHERE exercise_id = ?", (SIGMOID,)).fetchall()
        finally:
            db.close()
        assert rows == [("# kept" + screen.exercise.starter.lstrip("\n"),)]


# ----- highlighting ------------------------------------------------------------------------------
def test_without_tree_sitter_the_editor_is_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    import screens.exercise.code_editor as code_editor

    real = importlib.import_module

    def without_tree_sitter(name: str, package: str | None = None) -> Any:
        if name.startswith("tree_sitter"):
            raise ImportError(f"No module named {name!r}")
        return real(name, package)

    code_editor.python_language.cache_clear()
    monkeypatch.setattr(code_editor.importlib, "import_module", without_tree_sitter)
    try:
        assert code_editor.python_language() is None
        assert code_editor.CodeEditor("x = 1").language is None
    finally:
        code_editor.python_language.cache_clear()


def test_a_grammar_that_does_not_load_falls_back_to_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import types

    import screens.exercise.code_editor as code_editor

    pytest.importorskip("tree_sitter")
    real = importlib.import_module

    def broken_grammar(name: str, package: str | None = None) -> Any:
        if name == "tree_sitter_python":
            return types.SimpleNamespace(language=lambda: 0)  # no grammar behind this pointer
        return real(name, package)

    code_editor.python_language.cache_clear()
    monkeypatch.setattr(code_editor.importlib, "import_module", broken_grammar)
    try:
        assert code_editor.python_language() is None
    finally:
        code_editor.python_language.cache_clear()


async def test_python_is_highlighted_when_the_highlight_extra_is_installed() -> None:
    pytest.importorskip("tree_sitter")
    pytest.importorskip("tree_sitter_python")
    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        assert screen.editor.language == "python"
        assert type(screen.editor.document).__name__ == "SyntaxAwareDocument"


# ----- progress elsewhere: sidebar and stats -----------------------------------------------------
async def test_a_pass_shows_in_the_sidebar_and_the_stats() -> None:
    from screens.stats.stats_screen import StatsScreen
    from screens.widgets.sidebar import TopicSidebar
    from tests.conftest import screen_of

    app = app_at("sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_with_e(pilot)
        total = len(screen.exercises)
        set_code(screen, screen.exercise.solution)
        await run_checks(pilot, screen)
        await pilot.press("escape", "escape")  # out of the editor, then back to the topic
        await settle(pilot)
        assert f"✎1/{total}" in screen_of(app).query_one(TopicSidebar).prompt(0)
        await pilot.press("s")
        await pilot.pause()
        stats = app.screen
        assert isinstance(stats, StatsScreen)
        sigmoid_row = next(row for row in stats.rows if row.slug == "sigmoid")
        assert (sigmoid_row.exercises, sigmoid_row.exercises_passed) == (total, 1)
        assert "exercises 1 of" in str(stats.query_one("#stats-summary").render())


# ----- a signal right after typing (the real app in a pseudo-terminal) ----------------------------
LAUNCHER = """
import sys
import screens.app as app
app.MLPrepApp.show_welcome = False
real = app.make_app
app.make_app = lambda **options: real(warm_sklearn=False, **options)
sys.exit(app.run_app(topic="sigmoid"))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and pseudo-terminals")
def test_code_typed_right_before_sigterm_is_saved(tmp_path: Path) -> None:
    import contextlib
    import fcntl
    import pty
    import select
    import signal
    import struct
    import termios
    import time

    root = Path(__file__).resolve().parents[2]
    home_dir = tmp_path / "home"
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, in the pty's session
        os.chdir(root)
        os.environ.update(MLPREP_HOME=str(home_dir), TERM="xterm-256color")
        os.execv(sys.executable, [sys.executable, "-c", LAUNCHER])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    output = b""

    def read_until(text: bytes, timeout: float = 30) -> None:
        nonlocal output
        end = time.monotonic() + timeout
        while text not in output:
            assert time.monotonic() < end, f"{text!r} never appeared"
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                with contextlib.suppress(OSError):
                    output += os.read(fd, 65536)

    status = None
    try:
        read_until(b"Recap")
        os.write(fd, b"e")
        read_until(b"saved as you type")
        os.write(fd, b"# kept at SIGTERM")
        read_until(b"SIGTERM")  # on screen; its 0.4 s save is (most likely) still pending
        os.kill(pid, signal.SIGTERM)
        end = time.monotonic() + 15
        while time.monotonic() < end:
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status, pid = os.waitstatus_to_exitcode(raw), 0
                break
            with contextlib.suppress(OSError):
                if select.select([fd], [], [], 0.05)[0]:
                    os.read(fd, 65536)
    finally:
        if pid:
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        os.close(fd)
    assert status == 128 + signal.SIGTERM
    db = sqlite3.connect(home_dir / "progress.sqlite3")
    try:
        first = exercises_for("sigmoid")[0].id  # e opens the topic's first exercise
        rows = db.execute("SELECT code FROM exercise_code WHERE exercise_id = ?", (first,)).fetchall()
    finally:
        db.close()
    assert len(rows) == 1 and rows[0][0].startswith("# kept at SIGTERM")


# ----- how a run reads (the text the results pane shows) -----------------------------------------
def test_a_run_stopped_before_any_check_says_so_with_its_problem() -> None:
    from screens.exercise.results_text import report_text
    from tutor.exercises.results import RunReport

    text = report_text(RunReport(results=(), problem="timed out after 5 s [red]", duration_s=5.0)).plain
    assert text.splitlines() == ["No check ran", "⚠ timed out after 5 s [red]"]


def test_failures_come_first_and_long_output_is_cut() -> None:
    from screens.exercise.results_text import MAX_LINES, report_text
    from tutor.exercises.results import CheckResult, RunReport

    printed = "\n".join(f"line {n}" for n in range(MAX_LINES + 5))
    results = (
        CheckResult("ok", True, "f(1)", "1", "1"),
        CheckResult("bad", False, "f(2)", "4", "", printed, "line 3: ZeroDivisionError: x", "why"),
    )
    text = report_text(RunReport(results=results, problem=None, duration_s=0.1)).plain
    lines = text.splitlines()
    assert lines[0] == "1 of 2 checks passed, 1 failed"
    assert lines[1] == "✗ f(2)" and lines[-1] == "✓ f(1) → 1"
    assert "   error    line 3: ZeroDivisionError: x" in lines
    assert f"line {MAX_LINES - 1}" in text and f"line {MAX_LINES}" not in text
    assert "… (5 more lines)" in text
