"""Running an exercise's checks from the screen: in a thread, one at a time, stale results never shown.

The run goes to the sandbox (a child process; seconds at worst), is recorded in the store (which
reviews the exercise's card) and, when every check passed, the learner's code is drawn beside the
library's. The screen says "running…" meanwhile and keeps taking keys; ctrl+r pressed during a run
runs the code as it is then once the current run ends.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.screen import Screen

from screens.exercise.results_text import report_text
from tutor.learning.store import exercise_progress as saved
from tutor.learning.store.progress import StoreError

if TYPE_CHECKING:
    from screens.exercise.code_editor import CodeEditor
    from tutor.exercises.results import RunReport
    from tutor.exercises.spec import Exercise
    from tutor.learning.session import Learning

RUNNING = "running the checks…"


@dataclass(frozen=True)
class Finished:
    """A run as it came back from the thread."""

    run_id: int
    exercise: Exercise
    report: RunReport
    comparison: Text | None  # the learner's series beside the library's, drawn; None when not drawn
    store_problem: str | None  # the run could not be recorded (the disk is full, say)


class ExerciseRuns(Screen[None]):
    """The running half of the exercise screen (the screen provides the exercise, the editor and the views)."""

    learning: Learning
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
        comparison = _comparison(exercise, code) if report.passed else None
        problem = None
        try:
            saved.record_check(self.learning.store, exercise.id, exercise.topic, report.passed, _detail(report))
        except StoreError as error:
            problem = str(error)
        # The app may have quit meanwhile: the run is recorded, and there is nothing left to show it on.
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(self._finished, Finished(run_id, exercise, report, comparison, problem))

    def _finished(self, finished: Finished) -> None:
        self._checks_running = False
        if not self.is_attached:
            return
        if finished.store_problem:
            self.notify(f"Run not recorded: {finished.store_problem}", severity="error", timeout=8, markup=False)
        if finished.run_id == self._check_run_id and finished.exercise is self.exercise:
            self.last_report = finished.report
            self.show_report_text(report_text(finished.report))
            self.show_comparison(finished.comparison)
        self.after_run()
        if self._run_again:
            self.action_run_checks()

    def show_comparison(self, drawn: Text | None) -> None:
        """Show the learner's series beside the library's (or nothing)."""
        raise NotImplementedError

    def after_run(self) -> None:
        """Refresh what shows progress (the task's progress line, the tabs)."""
        raise NotImplementedError


def _detail(report: RunReport) -> str:
    """The run as recorded: the JSON `exercise check --json` prints."""
    return json.dumps(report.to_dict(), sort_keys=True)


def _comparison(exercise: Exercise, code: str) -> Text | None:
    """Placeholder until the comparison API lands."""
    return None
