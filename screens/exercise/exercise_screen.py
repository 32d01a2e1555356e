"""The exercise screen: a topic's exercises, the task beside an editor, checks run in the sandbox.

The code is saved as it is typed (at most every 0.4 s, and at once when the learner leaves the editor,
switches exercise, closes the screen or quits), hints come one at a time, the solution and a reset ask
first; all of it is recorded in the progress store. The checks run in a thread: the screen never waits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Static, TextArea

from screens.exercise.code_editor import CodeEditor
from screens.exercise.exercise_actions import ExerciseActions
from screens.exercise.results_pane import ResultsPane
from screens.exercise.results_text import hints_text, task_text
from screens.widgets.fitting_footer import FittingFooter
from screens.widgets.plot_view import PlotView
from tutor.learning.store import exercise_progress as saved
from tutor.learning.store.progress import StoreError

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    from tutor.engine.runner import ExperimentProcess
    from tutor.exercises.compare import Comparison
    from tutor.exercises.spec import Exercise
    from tutor.learning.session import Learning

# Below this many columns the task sits above the editor instead of beside it.
NARROW_WIDTH = 100
SAVE_DELAY_S = 0.4  # as the notes: every save is a committed, fsynced write
# Keys that are text while the editor has the focus.
SCREEN_KEYS = {"edit", "hint", "solution", "reset", "pick", "toggle_maximize"}


def _number(parameters: tuple[object, ...]) -> int:
    """The exercise number an action was bound with."""
    return parameters[0] if parameters and isinstance(parameters[0], int) else 1


@runtime_checkable
class _ShowsProgress(Protocol):
    """An app that refreshes the due count and the sidebar marks when asked (MLPrepApp)."""

    def refresh_progress(self) -> None:
        """Update what shows progress."""


@runtime_checkable
class _HasRunner(Protocol):
    """An app with a warm run process for experiments (MLPrepApp; None when everything runs in threads)."""

    runner: ExperimentProcess | None


def open_exercises(app: App[None], learning: Learning, topic: str, exercise_id: str | None = None) -> None:
    """Open a topic's exercises (at `exercise_id` if given: review sends the learner to one)."""
    from tutor.exercises.spec import exercises_for, get_exercise

    try:
        chosen = get_exercise(exercise_id) if exercise_id is not None else None
    except ValueError as error:
        app.notify(str(error), severity="error", markup=False)
        return
    exercises = exercises_for(chosen.topic if chosen is not None else topic)
    if not exercises:
        app.notify(f"No exercises for {topic} yet.", severity="warning", markup=False)
        return
    start = next((i for i, e in enumerate(exercises) if chosen is not None and e.id == chosen.id), 0)

    def closed(_result: None) -> None:
        if isinstance(app, _ShowsProgress):
            app.refresh_progress()  # the sidebar marks and the due count follow the runs

    cursor_blink = bool(getattr(app, "cursor_blink", True))
    runner = app.runner if isinstance(app, _HasRunner) else None
    screen = ExerciseScreen(learning, exercises, start, cursor_blink=cursor_blink, runner=runner)
    app.push_screen(screen, callback=closed)


class ExerciseScreen(ExerciseActions):
    """One topic's exercises: pick with 1–9, write the code, run the checks, ask for hints."""

    CSS_PATH = "exercise_screen.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "run_checks", "Run checks", priority=True),
        # Shown while the code has the focus (the editor itself takes Escape there and moves the focus on).
        Binding("escape", "leave_editor", "Leave editor", tooltip="Leave the code (saved); the keys act again"),
        Binding("escape", "back", "Back", tooltip="Back to the topic"),
        Binding("i,enter", "edit", "Edit", tooltip="Put the cursor in the code (Esc leaves it)"),
        Binding("h", "hint", "Hint", tooltip="Show the next hint (recorded)"),
        Binding("s", "solution", "Solution", tooltip="Show the reference solution (asks first; recorded)"),
        Binding("r", "reset", "Reset", tooltip="Put the starter code back (asks first)"),
        Binding("z", "toggle_maximize", "Max", tooltip="Give the task and results the whole screen, or restore it"),
        Binding("ctrl+o", "external", "$EDITOR", tooltip="Edit the code in your own editor ($VISUAL or $EDITOR)"),
        Binding("1", "pick(1)", "Exercise", key_display="1–9", tooltip="Switch to exercise 1–9 of this topic"),
        *[Binding(str(n), f"pick({n})", "", show=False) for n in range(2, 10)],
    ]

    def __init__(
        self,
        learning: Learning,
        exercises: list[Exercise],
        start: int = 0,
        *,
        cursor_blink: bool = True,
        runner: ExperimentProcess | None = None,
    ) -> None:
        super().__init__()
        self.learning = learning
        self.runner = runner
        self.exercises = list(exercises)
        self.index = start
        self.cursor_blink = cursor_blink
        self.hints_shown = 0
        self.solution_shown = False
        self._editor: CodeEditor | None = None  # held: on quit it unmounts before the screen saves
        self._editor_for: str | None = None  # the exercise whose code the editor holds
        self._save_timer: Timer | None = None

    @property
    def exercise(self) -> Exercise:
        """The exercise on screen."""
        return self.exercises[self.index]

    # ----- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Header, the exercise tabs, the task and results beside (or above) the editor, footer."""
        yield Header()
        yield Static(id="exercise-tabs")
        with Horizontal(id="exercise-body"):
            with VerticalScroll(id="exercise-info"):
                yield Static(id="exercise-task")
                yield Static(id="exercise-hints")
                yield Static(id="exercise-solution")
                yield ResultsPane(id="exercise-results")
                compare = PlotView(id="exercise-compare")
                compare.can_focus = False  # drawn only; the keys stay with the task pane
                compare.display = False
                yield compare
            self._editor = CodeEditor("", cursor_blink=self.cursor_blink, id="exercise-code")
            yield self._editor
        yield FittingFooter()

    def on_mount(self) -> None:
        """Show the first exercise, with the cursor in its code."""
        self.query_one("#exercise-info").border_title = "Task"
        self._apply_width(self.app.size.width)
        self.show_exercise(self.index)
        self.set_focus(self.editor)  # at once: keys read together with `e` are typed into the code
        self.warm_sandbox([self.exercise, *(e for e in self.exercises if e is not self.exercise)])

    def on_resize(self) -> None:
        """Task above the editor on small terminals; the tabs fit the width."""
        self._apply_width(self.app.size.width)
        self._show_tabs()

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")

    @property
    def editor(self) -> CodeEditor:
        """The code editor."""
        assert self._editor is not None  # composed with the screen
        return self._editor

    # ----- showing an exercise -------------------------------------------------------
    def show_exercise(self, index: int) -> None:
        """Show exercise `index` with the learner's kept code (or the starter), its hints so far, no results."""
        self.save_code()
        self.index = index
        exercise = self.exercise
        self.sub_title = f"Exercise {index + 1} of {len(self.exercises)} · {exercise.id}"
        progress = saved.exercise_summary(self.learning.store).get(exercise.id)
        self.hints_shown = min(progress.hints_used if progress else 0, len(exercise.hints))
        self.solution_shown = False
        kept = saved.load_code(self.learning.store, exercise.id)
        self._editor_for = exercise.id
        self.editor.load_text(kept if kept is not None else exercise.starter.lstrip("\n"))
        self.editor.border_title = f"{exercise.id}.py (saved as you type · ctrl+r runs the checks)"
        self.query_one("#exercise-task", Static).update(task_text(exercise, progress))
        self._show_hints()
        solution = self.query_one("#exercise-solution", Static)
        solution.update("")
        solution.display = False
        self.query_one(ResultsPane).update("")
        self.show_comparison(None)
        self._show_tabs()
        self.query_one("#exercise-info", VerticalScroll).scroll_home(animate=False)

    def _show_tabs(self) -> None:
        """One line: each exercise's number, title and ✓ once passed; where the titles do not all fit,
        only the current one keeps its title."""
        summary = saved.exercise_summary(self.learning.store)
        width = self.app.size.width - 2
        for short in (False, True):
            text = Text()
            for number, exercise in enumerate(self.exercises, start=1):
                progress = summary.get(exercise.id)
                mark = " ✓" if progress is not None and progress.passed_ever else ""
                current = number - 1 == self.index
                title = f" {exercise.title}" if current or not short else ""
                if number > 1:
                    text.append(" ")
                text.append(f" {number}{title}{mark} ", style="reverse bold" if current else "")
            if text.cell_len <= width:
                break
        self.query_one("#exercise-tabs", Static).update(text)

    def _show_hints(self) -> None:
        hints = self.query_one("#exercise-hints", Static)
        hints.update(hints_text(self.exercise.hints, self.hints_shown))
        hints.display = self.hints_shown > 0

    def _refresh_task(self) -> None:
        progress = saved.exercise_summary(self.learning.store).get(self.exercise.id)
        self.query_one("#exercise-task", Static).update(task_text(self.exercise, progress))

    # ----- saving the code -----------------------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """The code changed: save it soon."""
        if event.text_area is not self._editor:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY_S, self.save_code)

    def save_code(self) -> None:
        """Write the editor's code for its exercise now (only once the learner has changed it)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        editor, exercise_id = self._editor, self._editor_for
        if editor is None or exercise_id is None:
            return
        kept = saved.load_code(self.learning.store, exercise_id)
        starter = next(e.starter.lstrip("\n") for e in self.exercises if e.id == exercise_id)
        if editor.text == (kept if kept is not None else starter):
            return  # nothing typed since the last save
        topic = next(e.topic for e in self.exercises if e.id == exercise_id)
        try:
            saved.save_code(self.learning.store, exercise_id, topic, editor.text)
        except StoreError as error:
            self.notify(f"Code not saved: {error}", severity="error", timeout=8, markup=False)

    def on_unmount(self) -> None:
        """Nothing typed is lost on quit (ctrl+q, or a signal the app turns into a quit)."""
        self.save_code()

    def on_descendant_blur(self) -> None:
        """Leaving the editor saves at once."""
        if self._editor is not None and not self._editor.has_focus:
            self.save_code()

    # ----- keys ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letter and digit keys are text while the editor has the focus (Escape still leaves it)."""
        if action == "leave_editor":
            return self.editor.has_focus
        if action == "back":
            return not self.editor.has_focus
        if action == "pick" and (len(self.exercises) < 2 or _number(parameters) > len(self.exercises)):
            return False
        if action in SCREEN_KEYS:
            return not self.editor.has_focus
        return True

    def action_leave_editor(self) -> None:
        """Out of the editor (saving); the screen's keys act again."""
        self.save_code()
        self.set_focus(self.query_one("#exercise-info"))  # at once: keys read with Escape are the screen's

    def action_back(self) -> None:
        """Restore a maximised pane; else back to the topic (saving)."""
        if self.maximized is not None:
            self.minimize()
            return
        self.save_code()
        self.dismiss(None)

    def action_toggle_maximize(self) -> None:
        """The task and results on the whole screen (at 80x24 the drawing needs it), or back."""
        if self.maximized is not None:
            self.minimize()
        else:
            # Set directly: Screen.maximize refuses containers (a scroll is one).
            self.maximized = self.query_one("#exercise-info")

    def action_edit(self) -> None:
        """Put the cursor in the code."""
        self.set_focus(self.editor)  # at once: keys read with this one are typed into the code

    def action_pick(self, number: int) -> None:
        """Switch to exercise `number` of this topic."""
        if 1 <= number <= len(self.exercises) and number - 1 != self.index:
            self.show_exercise(number - 1)

    def after_run(self) -> None:
        """A run was recorded: the progress line and the tabs' marks follow it."""
        self._refresh_task()
        self._show_tabs()

    def show_comparison(self, comparison: Comparison | None) -> None:
        """The learner's series beside the library's under the results, captioned (hidden when None)."""
        plot = self.query_one("#exercise-compare", PlotView)
        plot.display = comparison is not None
        if comparison is None:
            return
        plot.show_plots([comparison.plot])
        note = comparison.note[:1].upper() + comparison.note[1:]
        plot.show_message(f"{'✓' if comparison.matches else '≠'} {note}")
        plot.scroll_visible(animate=False)

    def show_comparison_message(self, message: str) -> None:
        """A line where the comparison goes: drawing…, or why it could not be drawn."""
        plot = self.query_one("#exercise-compare", PlotView)
        plot.show_plots([])
        plot.show_message(message)
        plot.display = True

    def show_report_text(self, text: Text) -> None:
        """Show a run's results (or 'running…') and bring them into view."""
        self.query_one(ResultsPane).show(text)
