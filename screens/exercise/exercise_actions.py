"""The exercise screen's keys beyond running: the next hint, the solution and a reset (each asks first
where it costs something, and is recorded), and handing the code to the learner's own editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from screens.exercise.exercise_runs import ExerciseRuns
from screens.exercise.results_text import solution_text
from tutor.learning.store import exercise_progress as saved
from tutor.learning.store.progress import StoreError

if TYPE_CHECKING:
    from tutor.exercises.spec import Exercise


class ExerciseActions(ExerciseRuns):
    """Hints, the solution, reset and $EDITOR (the screen provides the views they update)."""

    hints_shown = 0
    solution_shown = False

    def _show_hints(self) -> None:
        """Show the hints revealed so far."""
        raise NotImplementedError

    def _refresh_task(self) -> None:
        """Redraw the task with the learner's progress."""
        raise NotImplementedError

    def action_hint(self) -> None:
        """Reveal the next hint (recorded)."""
        exercise = self.exercise
        if self.hints_shown >= len(exercise.hints):
            self.notify("No more hints: s shows the reference solution.", timeout=4)
            return
        self.hints_shown += 1
        self._show_hints()
        try:
            saved.record_hint(self.learning.store, exercise.id, exercise.topic, self.hints_shown)
        except StoreError as error:
            self.notify(f"Hint not recorded: {error}", severity="error", timeout=8, markup=False)
        self._refresh_task()
        self.query_one("#exercise-hints").scroll_visible(animate=False)

    def action_solution(self) -> None:
        """Show the reference solution, after asking (it is recorded, and a pass then counts less)."""
        from screens.exercise.confirm import Confirm

        exercise = self.exercise
        question = (
            f"Show the reference solution of '{exercise.title}'? It is recorded: a pass after seeing it "
            "brings the exercise back in review until you reset and write it yourself."
        )
        self.app.push_screen(Confirm(question), callback=lambda yes: self._show_solution(exercise) if yes else None)

    def _show_solution(self, exercise: Exercise) -> None:
        if exercise is not self.exercise:
            return
        try:
            saved.record_solution(self.learning.store, exercise.id, exercise.topic)
        except StoreError as error:
            self.notify(f"Not recorded: {error}", severity="error", timeout=8, markup=False)
        self.solution_shown = True
        solution = self.query_one("#exercise-solution", Static)
        solution.update(solution_text(exercise.solution))
        solution.display = True
        self._refresh_task()
        solution.scroll_visible(animate=False)

    def action_reset(self) -> None:
        """Put the starter code back, after asking (the learner's code is replaced)."""
        from screens.exercise.confirm import Confirm

        exercise = self.exercise
        question = f"Replace your code for '{exercise.title}' with the starter code? Your code is not kept."
        self.app.push_screen(Confirm(question), callback=lambda yes: self._reset(exercise) if yes else None)

    def _reset(self, exercise: Exercise) -> None:
        if exercise is not self.exercise:
            return
        self.editor.load_text(exercise.starter.lstrip("\n"))
        try:
            saved.save_code(self.learning.store, exercise.id, exercise.topic, self.editor.text)
            saved.record_reset(self.learning.store, exercise.id, exercise.topic)
        except StoreError as error:
            self.notify(f"Not recorded: {error}", severity="error", timeout=8, markup=False)
        self.query_one("#exercise-solution", Static).display = False
        self.solution_shown = False
        self.notify("Back to the starter code.", timeout=3)

    def action_external(self) -> None:
        """Edit the code in the learner's own editor; the app suspends meanwhile."""
        from screens.exercise.external_editor import edit_externally

        self.save_code()
        edited = edit_externally(self.app, self.editor.text, f"{self.exercise.id}.py")
        if edited.text is None:
            self.notify(edited.problem or "The code is unchanged.", severity="warning", timeout=8, markup=False)
            return
        if edited.text != self.editor.text:
            self.editor.load_text(edited.text)
            self.save_code()
        self.refresh()
