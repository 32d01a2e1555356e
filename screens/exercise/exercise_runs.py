"""Running an exercise's checks from the screen: in a thread, one at a time, stale results never shown.

The run goes to the sandbox (a child process; seconds at worst), is recorded in the store (which
reviews the exercise's card) and, when every check passed, the learner's code is drawn beside the
library's. The screen says "running…" meanwhile and keeps taking keys; ctrl+r pressed during a run
runs the code as it is then once the current run ends.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.screen import Screen

from screens.exercise.results_text import report_text
from tutor.learning.store import exercise_progress as saved
from tutor.learning.store.progress import StoreError

if TYPE_CHECKING:
    from screens.exercise.code_editor import CodeEditor
    from tutor.engine.result import Result
    from tutor.engine.runner import ExperimentProcess
    from tutor.exercises.compare import Comparison
    from tutor.exercises.results import RunReport
    from tutor.exercises.spec import Exercise
    from tutor.learning.session import Learning

RUNNING = "running the checks…"
DRAWING = "All checks pass: drawing your code beside the library's…"


@dataclass(frozen=True)
class Finished:
    """A run as it came back from the thread."""

    run_id: int
    exercise: Exercise
    report: RunReport
    store_problem: str | None  # the run could not be recorded (the disk is full, say)


@dataclass(frozen=True)
class Compared:
    """The learner's series beside the library's, after a run that passed (or why it could not be drawn)."""

    run_id: int
    exercise: Exercise
    comparison: Comparison | None
    problem: str | None = None


class ExerciseRuns(Screen[None]):
    """The running half of the exercise screen (the screen provides the exercise, the editor and the views)."""

    learning: Learning
    runner: ExperimentProcess | None = None  # the app's warm run process: scikit-learn stays out of the UI
    _check_run_id = 0
    _checks_running = False
    _run_again = False  # ctrl+r came during a run: run once more when it ends
    last_report: RunReport | None = None

    @property
    def exercise(self) -> Exercise:
        """The exercise on screen."""
        raise NotImplementedError

    @property
    def editor(self) -> CodeEditor:
        """The code editor."""
        raise NotImplementedError

    def save_code(self) -> None:
        """Write the editor's code now."""
        raise NotImplementedError

    def show_report_text(self, text: Text) -> None:
        """Show a run's results."""
        raise NotImplementedError

    @property
    def checks_running(self) -> bool:
        """Whether a run is under way."""
        return self._checks_running

    def warm_sandbox(self, exercises: list[Exercise]) -> None:
        """Start a spare sandbox child and the reference answers now, in a thread, so the first ctrl+r
        costs about one run of the learner's code (the screen opening is the sandbox's first use)."""
        self.run_worker(partial(_warm, exercises), thread=True, group="exercise-warm", exit_on_error=False)

    def action_run_checks(self) -> None:
        """Run the checks on the code as it is now (saved first), in a thread."""
        if self._checks_running:
            self._run_again = True
            self.notify("Still running the last checks; these run next.", timeout=3)
            return
        self.save_code()
        self._check_run_id += 1
        self._checks_running = True
        self._run_again = False
        self.last_report = None
        self.show_report_text(Text(RUNNING, style="italic"))
        self.show_comparison(None)
        work = partial(self._run_in_thread, self._check_run_id, self.exercise, self.editor.text)
        self.run_worker(work, thread=True, group="exercise-checks", exit_on_error=False)

    def _run_in_thread(self, run_id: int, exercise: Exercise, code: str) -> None:
        from tutor.exercises.sandbox import run_checks

        report = run_checks(exercise, code)
        problem = None
        try:
            saved.record_check(self.learning.store, exercise.id, exercise.topic, report.passed, _detail(report))
        except StoreError as error:
            problem = str(error)
        self._to_screen(self._checked, Finished(run_id, exercise, report, problem))
        compared = Compared(run_id, exercise, None)
        if report.passed and exercise.compare is not None:
            compared = self._compare(run_id, exercise, code)
        self._to_screen(self._compared, compared)

    def _compare(self, run_id: int, exercise: Exercise, code: str) -> Compared:
        from tutor.exercises.compare import compare_series

        runner = self.runner
        run_topic = None if runner is None else lambda slug, values: _run_topic(runner, slug, values)
        try:
            return Compared(run_id, exercise, compare_series(exercise, code, run_topic=run_topic))
        except Exception as error:  # a drawing that fails must not lose the run that passed
            return Compared(run_id, exercise, None, f"Could not draw yours beside the library's ({error}).")

    def _to_screen(self, callback: Callable[[Any], None], value: object) -> None:
        # The app may have quit meanwhile: the run is recorded, and there is nothing left to show it on.
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(callback, value)

    def _current(self, run_id: int, exercise: Exercise) -> bool:
        return self.is_attached and run_id == self._check_run_id and exercise is self.exercise

    def _checked(self, finished: Finished) -> None:
        if not self.is_attached:
            return
        if finished.store_problem:
            self.notify(f"Run not recorded: {finished.store_problem}", severity="error", timeout=8, markup=False)
        if self._current(finished.run_id, finished.exercise):
            self.last_report = finished.report
            self.show_report_text(report_text(finished.report))
            if finished.report.passed and finished.exercise.compare is not None:
                self.show_comparison_message(DRAWING)
        self.after_run()

    def _compared(self, compared: Compared) -> None:
        self._checks_running = False
        if not self.is_attached:
            return
        if self._current(compared.run_id, compared.exercise):
            if compared.comparison is not None:
                self.show_comparison(compared.comparison)
            elif compared.problem is not None:
                self.show_comparison_message(compared.problem)
        if self._run_again:
            self.action_run_checks()

    def show_comparison_message(self, message: str) -> None:
        """Say something where the comparison goes (drawing…, or why it could not be drawn)."""
        raise NotImplementedError

    def show_comparison(self, comparison: Comparison | None) -> None:
        """Show the learner's series beside the library's (or nothing)."""
        raise NotImplementedError

    def after_run(self) -> None:
        """Refresh what shows progress (the task's progress line, the tabs)."""
        raise NotImplementedError


def _warm(exercises: list[Exercise]) -> None:
    """A spare child with NumPy imported (kept warm after each run), then each exercise's reference answers."""
    from tutor.exercises.sandbox import expected_values, prewarm

    prewarm(stay_warm=True)
    for exercise in exercises:
        expected_values(exercise)


def _detail(report: RunReport) -> str:
    """The run as recorded: the JSON `exercise check --json` prints."""
    return json.dumps(report.to_dict(), sort_keys=True)


def _run_topic(runner: ExperimentProcess, slug: str, values: Mapping[str, Any]) -> Result:
    """Run an experiment in the app's warm run process (the comparison's library side)."""
    return runner.run(slug, values)
