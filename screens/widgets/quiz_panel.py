"""The quiz panel: multiple-choice checks whose every option is explained the moment one is chosen."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from screens.widgets.quiz_keys import ANSWER_HINT, LOWERCASE_HINT, QUIZ_BINDINGS
from screens.widgets.quiz_text import LETTERS, end_message, explanation, option_state, verdict
from tutor.learning.questions import Question

Record = Callable[[Question, int, bool, int, bool], None]
Heading = str | Callable[[Question], str]


class QuizMessage(Message):
    """Base of the panel's messages: the question, and the panel as `control` for `@on(..., "#id")`."""

    def __init__(self, question: Question, panel: QuizPanel | None = None) -> None:
        super().__init__()
        self.question = question
        self.panel = panel

    @property
    def control(self) -> QuizPanel | None:
        """The panel that asked."""
        return self.panel


class QuizOption(Horizontal):
    """One option row: a letter column and the wrapped text beside it (a hanging indent)."""

    def __init__(self, index: int) -> None:
        super().__init__(classes="quiz-option")
        self.index = index

    def compose(self) -> ComposeResult:
        """The letter column and the option text."""
        yield Static("", classes="quiz-letter", markup=False)
        yield Static("", classes="quiz-text", markup=False)

    def show(self, text: str, highlighted: bool, state: str = "") -> None:
        """Fill the row; state is '', 'right', 'wrong' (the chosen wrong one) or 'other' once answered."""
        # The ▸ and the ✓/✗ marks keep their meaning without colour (NO_COLOR).
        mark = {"right": "  ✓", "wrong": "  ✗ your answer"}.get(state, "")
        self.query_one(".quiz-letter", Static).update(f"{'▸' if highlighted else ' '} {LETTERS[self.index]}.")
        self.query_one(".quiz-text", Static).update(text + mark)
        self.set_class(highlighted, "-highlight")
        self.set_class(state == "right", "-right").set_class(state == "wrong", "-wrong")
        self.set_class(state == "other", "-other")

    def on_click(self, event: events.Click) -> None:
        """A click answers with this option, like its letter key."""
        event.stop()
        panel = self.query_ancestor(QuizPanel)
        panel.focus()
        panel.choose(self.index)


class QuizPanel(Vertical, can_focus=True):
    """Asks questions one at a time; shift+A–E, or ↑↓ then Enter, answers; n moves on; every answer is
    recorded once. No key a screen binds answers (see quiz_keys.py)."""

    # Styles load with the first quiz, not with the app (quiz_panel.tcss, scoped to this widget).
    DEFAULT_CSS = Path(__file__).with_name("quiz_panel.tcss").read_text(encoding="utf-8")
    BINDINGS: ClassVar[list[BindingType]] = QUIZ_BINDINGS  # capitals answer: see quiz_keys.py

    class Answered(QuizMessage):
        """The learner answered a question (sent after `record` was called)."""

        def __init__(
            self, question: Question, option_index: int, correct: bool, panel: QuizPanel | None = None
        ) -> None:
            super().__init__(question, panel)
            self.option_index = option_index
            self.correct = correct

    class PredictAnswered(QuizMessage):
        """A question with `predict` values was answered: apply them, run, show the plot."""

    def __init__(
        self,
        questions: Sequence[Question],
        record: Record,
        *,
        heading: Heading = "",
        clock: Callable[[], float] = time.monotonic,
        wrap: bool = True,
        end_hint: str = "",
        runs_predict: bool = True,
        **kwargs: Any,  # the Widget's own: id, classes, name, disabled
    ) -> None:
        super().__init__(**kwargs)
        self._record, self._clock = record, clock
        # A topic quiz starts again after its last question; a review does not (answering a card
        # twice in one sitting would record a second review of it). end_hint says what to do instead.
        self._wrap, self._end_hint = wrap, end_hint
        self._runs_predict = runs_predict  # a predict answer runs the experiment here (not in Review)
        self._questions: tuple[Question, ...] = tuple(questions)
        self._heading: Heading = heading
        self._index = 0  # == len(questions) is the end state
        self._highlight: int | None = None  # none until an arrow picks one: a stray Enter answers nothing
        self._chosen: int | None = None
        self._right = self._answered = 0
        self._answered_ids: set[str] = set()  # this pass through the list, for the end message
        self._recap_reopened = self._ready = False
        self._shown_at = clock()

    def compose(self) -> ComposeResult:
        """Heading, a scrolling body (prompt, options, feedback) and the score line."""
        yield Static("", id="quiz-heading", markup=False)
        with VerticalScroll(id="quiz-body") as body:
            body.can_focus = False  # the panel keeps the focus so its keys work; wheel and PgUp/PgDn scroll
            yield Static("", id="quiz-prompt", markup=False)
            for index in range(len(LETTERS)):
                yield QuizOption(index)
            yield Static("", id="quiz-verdict", markup=False)
            yield Static("", id="quiz-explain", markup=False)
            yield Static("", id="quiz-next", markup=False)
            yield Static("", id="quiz-message", markup=False)
        yield Static("", id="quiz-score", markup=False)

    def on_mount(self) -> None:
        """Show the first question."""
        self._ready = True  # before this, set_questions only stores the list: there is nothing to draw on
        self._start_question()

    # ----- public ---------------------------------------------------------------------
    @property
    def current_question(self) -> Question | None:
        """The question on screen; None when the list is empty or at the end."""
        return self._questions[self._index] if self._index < len(self._questions) else None

    @property
    def answered(self) -> bool:
        """Whether the current question has been answered (its options are locked)."""
        return self._chosen is not None

    @property
    def score(self) -> tuple[int, int]:
        """(right, answered) since the panel got its current list of questions."""
        return self._right, self._answered

    @property
    def feedback_text(self) -> str:
        """The feedback shown after answering ('' before): verdict first, then the explanations."""
        if self._chosen is None:
            return ""
        question, chosen = self.current_question, self._chosen
        return verdict(question, chosen) + "\n" + explanation(question, chosen, self._runs_predict)

    def set_questions(self, questions: Sequence[Question], heading: Heading = "") -> None:
        """Switch to another list (another topic): back to question 1, score reset."""
        self._questions = tuple(questions)
        self._heading = heading
        self._index = self._right = self._answered = 0
        self._answered_ids.clear()
        self._start_question()

    def note_recap_opened(self) -> None:
        """The learner reopened the recap while this question was shown (the answer is rated Hard)."""
        self._recap_reopened = True

    def restart_timer(self) -> None:
        """Start the answer clock now, e.g. when a hidden panel is shown."""
        self._shown_at = self._clock()

    def choose(self, index: int) -> None:
        """Answer the current question with option `index`; ignored once answered or out of range."""
        question = self.current_question
        if question is None or self._chosen is not None or not 0 <= index < len(question.options):
            return
        duration_ms = max(0, round((self._clock() - self._shown_at) * 1000))
        correct = question.is_correct(index)
        self._chosen = index
        self._answered += 1
        self._right += int(correct)
        self._answered_ids.add(question.id)
        try:
            self._record(question, index, correct, duration_ms, self._recap_reopened)
        except Exception as error:
            self.notify(  # the error quotes a path: shown literally
                f"This answer could not be saved: {error}", title="Progress", severity="error", timeout=8, markup=False
            )
        self._refresh_view()
        # Show the feedback, not the options the learner just read, on short panels.
        self.call_after_refresh(self._reveal_feedback)
        self.post_message(self.Answered(question, index, correct, panel=self))
        if question.predict:
            self.post_message(self.PredictAnswered(question, panel=self))

    # ----- actions --------------------------------------------------------------------
    def action_choose(self, index: int) -> None:
        """Answer with the option of this letter."""
        self.choose(index)

    def action_choose_highlighted(self) -> None:
        """Answer with the option an arrow picked (nothing picked: nothing happens)."""
        if self._highlight is not None:
            self.choose(self._highlight)

    def action_move(self, step: int) -> None:
        """Move the highlight (before answering)."""
        question = self.current_question
        if question is None or self._chosen is not None:
            return
        moved = 0 if self._highlight is None else self._highlight + step  # the first arrow picks A
        self._highlight = min(max(moved, 0), len(question.options) - 1)
        self._refresh_view()
        row = list(self.query(QuizOption))[self._highlight]
        self.query_one("#quiz-body", VerticalScroll).scroll_to_widget(row, animate=False)

    def action_next(self) -> None:
        """Next question; after the last an end screen; from there, back to question 1 (if it wraps)."""
        if not self._questions:
            return
        if self._index >= len(self._questions):
            if not self._wrap:
                return
            self._index = 0
            self._answered_ids.clear()
        else:
            self._index += 1
        self._start_question()

    def action_scroll_body(self, direction: int) -> None:
        """Scroll long feedback a page at a time."""
        body = self.query_one("#quiz-body", VerticalScroll)
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)

    def on_key(self, event: events.Key) -> None:
        """A lowercase a–e that nothing on this screen binds: say which keys answer (it answers nothing)."""
        if len(event.key) == 1 and event.key in LETTERS.lower() and event.key not in self.screen.active_bindings:
            self.notify(LOWERCASE_HINT, timeout=4)

    # ----- drawing --------------------------------------------------------------------
    def _start_question(self) -> None:
        """Reset per-question state and draw it."""
        self._highlight, self._chosen, self._recap_reopened = None, None, False
        self._shown_at = self._clock()
        if self._ready:
            self._refresh_view()
            self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)

    def _refresh_view(self) -> None:
        """Put the current state on screen."""
        question, total, chosen = self.current_question, len(self._questions), self._chosen
        static = {
            name: self.query_one(f"#quiz-{name}", Static)
            for name in ("heading", "prompt", "verdict", "explain", "next", "message", "score")
        }
        if question is None:
            title = self._heading if isinstance(self._heading, str) else ""
            static["heading"].update(" · ".join(filter(None, [title, "Done" if total else ""])))
            static["message"].update(self._end_message() if total else "No questions for this topic yet.")
        else:
            position = f"Question {self._index + 1} of {total}"
            title = self._heading(question) if callable(self._heading) else self._heading
            static["heading"].update(" · ".join(filter(None, [title, position])))
            static["prompt"].update(question.prompt)
        static["prompt"].display = question is not None
        static["message"].display = question is None
        static["score"].display = total > 0
        static["score"].update(f"Score: {self._right} right of {self._answered} answered")
        for row in self.query(QuizOption):
            row.display = question is not None and row.index < len(question.options)
            if question is not None and row.display:
                state = option_state(row.index, chosen, question.correct_index)
                row.show(question.options[row.index].text, chosen is None and row.index == self._highlight, state)
        for name in ("verdict", "explain"):
            static[name].display = chosen is not None
        static["next"].display = question is not None
        static["next"].update(ANSWER_HINT)
        if chosen is not None:
            said = verdict(question, chosen)
            static["verdict"].update(said)
            static["verdict"].set_class(said.startswith("✓"), "-right")
            static["verdict"].set_class(not said.startswith("✓"), "-wrong")
            static["explain"].update(explanation(question, chosen, self._runs_predict))
            static["next"].update("n: finish" if self._index == total - 1 else "n: next question")

    def _end_message(self) -> str:
        right, answered = self.score
        then = "n starts again." if self._wrap else self._end_hint
        return end_message(len(self._questions), len(self._answered_ids), right, answered, then)

    def _reveal_feedback(self) -> None:
        line = self.query_one("#quiz-verdict")
        self.query_one("#quiz-body", VerticalScroll).scroll_to_widget(line, animate=False, top=True)
