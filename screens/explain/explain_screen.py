"""The explain screen: answer a "why" prompt in your own words, then reveal the model answer and tick
the key points your answer covered; the self-grade is stored and the prompt comes back in Review.

The answer is saved as typed (at most every 0.4 s), on Escape, on moving to another prompt, on leaving
and on quit (the app's save_now, before a signal quits; the unmount, for ctrl+q). It is the learner's
text: shown by a TextArea, which reads no markup.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static, TextArea

from screens.explain.key_points import KeyPoints
from screens.widgets.notes_area import NotesArea
from tutor.learning.store.progress import StoreError
from tutor.support.clock import utc

if TYPE_CHECKING:
    from textual.app import App

    from tutor.learning.explain import ExplainPrompt
    from tutor.learning.session import Learning

ANSWER_TITLE = "Your answer, saved as you type (esc: stop typing)"
RATINGS = {"all": "Good", "some": "Hard", "none": "Again"}
# Actions on letter keys and space: those keys are text while the answer has the focus.
TEXT_KEYS = frozenset({"write", "reveal", "tick", "grade", "move"})


class ExplainScreen(Screen[None]):
    """One topic's prompts, one at a time: write, reveal, tick, grade; n/p move between prompts."""

    CSS_PATH = "explain_screen.tcss"  # loaded when the screen first opens, not with the app

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Back", tooltip="Stop typing (your answer is saved); again: back to the topic"),
        Binding("w", "write", "Write", tooltip="Write your answer (saved as you type)"),
        Binding("r", "reveal", "Reveal", tooltip="Show the model answer and its key points"),
        Binding("space", "tick", "Tick", tooltip="Tick or untick the highlighted key point (or Enter)"),
        Binding("g", "grade", "Grade", tooltip="Save your self-grade: the key points you ticked"),
        Binding("n", "move(1)", "Next", tooltip="Next prompt"),
        Binding("p", "move(-1)", "Prev", tooltip="Previous prompt"),
        Binding("pagedown", "scroll_model(1)", "Scroll the model answer down", show=False),
        Binding("pageup", "scroll_model(-1)", "Scroll the model answer up", show=False),
    ]

    def __init__(
        self, learning: Learning, prompts: list[ExplainPrompt], start: int, topic_title: str, cursor_blink: bool = True
    ) -> None:
        super().__init__()
        self.learning = learning
        self.prompts = prompts
        self.index = min(max(start, 0), len(prompts) - 1)
        self.topic_title = topic_title
        self.cursor_blink = cursor_blink
        self.revealed = False
        self._saved = ""  # the text last written (or read) for the prompt on screen
        self._timer: Timer | None = None
        # Held, not queried: at quit the editor is unmounted before this screen, and what it shows must
        # still be saved then (see on_unmount).
        self._answer: NotesArea | None = None

    @property
    def prompt(self) -> ExplainPrompt:
        """The prompt on screen."""
        return self.prompts[self.index]

    def compose(self) -> ComposeResult:
        """Header, the prompt, the answer, the (hidden) model answer and key points, a status line, footer."""
        yield Header()
        with Vertical(id="explain-main"):
            yield Static("", id="explain-heading", markup=False)
            yield Static("", id="explain-prompt", markup=False)
            answer = self._answer = NotesArea(id="explain-answer", soft_wrap=True, tab_behavior="focus")
            answer.cursor_blink = self.cursor_blink
            answer.border_title = ANSWER_TITLE
            yield answer
            with VerticalScroll(id="explain-model") as model:
                model.border_title = "Key points and the model answer (PgUp/PgDn scroll)"
                model.can_focus = False  # the key points take the focus
                # The checklist first: at 80x24 it is what the keys act on; the answer follows it.
                yield Static("Tick what your answer covered, then g saves your self-grade:", id="explain-points-title")
                yield KeyPoints(id="explain-points")
                yield Static("Model answer", id="explain-model-title")
                yield Static("", id="explain-model-text", markup=False)
            yield Static("", id="explain-status", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        """Show the first prompt with the learner's saved answer; the cursor goes into the answer."""
        self.sub_title = f"Explain · {self.topic_title}"
        self._show_prompt()

    # ----- drawing ------------------------------------------------------------------
    def _show_prompt(self) -> None:
        prompt = self.prompt
        source = "from the workbook" if prompt.source == "workbook" else "an interview favourite"
        self.query_one("#explain-heading", Static).update(f"Prompt {self.index + 1} of {len(self.prompts)} · {source}")
        self.query_one("#explain-prompt", Static).update(prompt.prompt)
        self._saved = self.learning.explain_answer(prompt.id)
        answer = self.answer_area
        answer.load_text(self._saved)
        answer.move_cursor(answer.document.end)
        self._set_revealed(False)
        self.query_one("#explain-model-text", Static).update(prompt.model_answer)
        self.query_one("#explain-points", KeyPoints).set_points(prompt.key_points)
        self._show_status(self._last_grade_text())
        self.set_focus(answer)  # at once: keys read together with `x` are typed into the answer

    def _last_grade_text(self) -> str:
        progress = self.learning.explain_progress(self.prompt.id)
        if progress is None or progress.covered is None:
            return "Write your answer, then r reveals the model answer and its key points."
        times = "once" if progress.grades == 1 else f"{progress.grades} times"
        return f"Last self-grade: {len(progress.covered)} of {progress.total} key points (graded {times})."

    def _show_status(self, text: str) -> None:
        self.query_one("#explain-status", Static).update(text)

    def _set_revealed(self, revealed: bool) -> None:
        self.revealed = revealed
        self.set_class(revealed, "-revealed")
        self.refresh_bindings()

    @property
    def answer_area(self) -> NotesArea:
        """The answer editor."""
        assert self._answer is not None  # composed before anything can ask
        return self._answer

    # ----- keys ---------------------------------------------------------------------
    def _typing(self) -> bool:
        return self.focused is self._answer

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letter keys are text while typing; ticking needs the key points, grading dims until they show."""
        if action in TEXT_KEYS and self._typing():
            return False
        if action == "tick" and not self.revealed:
            return False
        if action == "reveal" and self.revealed:
            return False  # already showing: the footer's room goes to the keys that act now
        if action == "grade" and not self.revealed:
            return None  # shown dimmed: it comes after revealing
        return True

    def action_leave(self) -> None:
        """Escape: stop typing (saved), or go back to the topic."""
        if self._typing():
            self.save_now()
            self.set_focus(self.query_one("#explain-points") if self.revealed else None)
            self.refresh_bindings()
            return
        self.save_now()
        if self.is_current:  # a second Escape read in the same burst finds the screen already closing
            self.dismiss(None)

    def action_write(self) -> None:
        """Put the cursor in the answer."""
        self.set_focus(self.answer_area)  # at once, as on opening
        self.refresh_bindings()

    def action_reveal(self) -> None:
        """Show the model answer and the key points to tick."""
        self.save_now()
        self._set_revealed(True)
        self.query_one("#explain-model", VerticalScroll).scroll_home(animate=False)
        self.query_one("#explain-points", KeyPoints).focus()
        self._show_status("Compare your answer with the model answer (PgUp/PgDn scroll it); space ticks, g saves.")

    def action_tick(self) -> None:
        """Toggle the highlighted key point (the list's own space and Enter do this when it has the focus)."""
        points = self.query_one("#explain-points", KeyPoints)
        points.focus()
        points.action_tick()

    def action_grade(self) -> None:
        """Store the self-grade (the ticked key points) and schedule the prompt's review."""
        if not self.revealed:
            return
        self.save_now()
        covered, total = sorted(self.query_one("#explain-points", KeyPoints).ticked), len(self.prompt.key_points)
        try:
            due = self.learning.grade_explain(self.prompt, covered, self.answer_area.text)
        except StoreError as error:
            self.notify(f"Self-grade not saved: {error}", severity="error", timeout=8, markup=False)
            return
        verdict = "all" if len(covered) == total else ("some" if covered else "none")
        self._show_status(
            f"Saved: {len(covered)} of {total} key points ({RATINGS[verdict]}); "
            f"back in Review {come_back(due)}. n: next prompt."
        )

    def action_move(self, step: int) -> None:
        """Next or previous prompt (the answer on screen is saved first)."""
        target = self.index + step
        if not 0 <= target < len(self.prompts):
            self.notify("That was the last prompt." if step > 0 else "This is the first prompt.", timeout=3)
            return
        self.save_now()
        self.index = target
        self._show_prompt()

    def action_scroll_model(self, direction: int) -> None:
        """Scroll the model answer a page at a time."""
        model = self.query_one("#explain-model", VerticalScroll)
        (model.scroll_page_down if direction > 0 else model.scroll_page_up)(animate=False)

    # ----- saving -------------------------------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """The answer changed: save it soon (each save is a committed write, so at most every 0.4 s)."""
        if event.text_area is not self._answer:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.4, self.save_now)

    def on_descendant_focus(self) -> None:
        """The footer follows what the keys mean now (text or commands)."""
        self.refresh_bindings()

    def save_now(self) -> None:
        """Write the answer on screen for its prompt now, if it changed since it was last written."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._answer is None or not self.prompts:
            return
        text = self._answer.text
        if text == self._saved:
            return
        try:
            self.learning.save_explain_answer(self.prompt, text)
        except StoreError as error:
            self.notify(f"Answer not saved: {error}", severity="error", timeout=8, markup=False)  # quotes a path
            return
        self._saved = text

    def on_unmount(self) -> None:
        """Nothing typed is lost on quit: what the editor shows is saved now."""
        self.save_now()


def come_back(due: datetime, now: datetime | None = None) -> str:
    """When a prompt returns, as a learner says it: 'in 10 minutes', 'in 3 hours', 'in 4 days'."""
    minutes = max(1, round((utc(due) - utc(now)).total_seconds() / 60))
    if minutes < 90:
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    if minutes < 36 * 60:
        return f"in {round(minutes / 60)} hours"
    return f"in {round(minutes / 1440)} days"


def open_explain(app: App[None], learning: Learning, topic: str, prompt_id: str | None = None) -> None:
    """Push the explain screen for a topic, at `prompt_id` if given (Review sends the learner to one)."""
    from tutor.engine.experiments import UnknownTopic, get

    prompts = learning.explain_prompts(topic)
    if not prompts:
        app.notify(
            f"No explain prompts for {topic}: run 'mlprep-tui check' to see why.", severity="warning", markup=False
        )
        return
    start = next((index for index, prompt in enumerate(prompts) if prompt.id == prompt_id), 0)
    try:
        experiment = get(topic)
        title = f"{experiment.number}. {experiment.title}"
    except UnknownTopic:
        title = topic
    blink = bool(getattr(app, "cursor_blink", True))  # the app's setting (tests turn blinking off)
    refresh = getattr(app, "refresh_progress", None)  # a grade moves the header's due count
    app.push_screen(
        ExplainScreen(learning, prompts, start, title, cursor_blink=blink),
        callback=(lambda _result: refresh()) if callable(refresh) else None,
    )
