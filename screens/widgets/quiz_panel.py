"""The quiz panel: multiple-choice checks whose every option is explained the moment one is chosen."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from screens.widgets.quiz_keys import LOWERCASE_HINT, QUIZ_BINDINGS, answer_binding_fits, score_line
from screens.widgets.quiz_rows import ExplainRow, QuizMessage, QuizOption, fill_explanations, fill_options
from screens.widgets.quiz_text import (
    LETTERS,
    end_message,
    explanation,
    predict_note,
    shuffled_order,
    verdict,
    with_code,
)
from tutor.learning.questions import Question

__all__ = ["QuizMessage", "QuizOption", "QuizPanel", "Record"]

# (question, option index in the content, correct, duration_ms, recap reopened, the content's option
# indexes in the order shown): what was on screen is what is stored.
Record = Callable[[Question, int, bool, int, bool, tuple[int, ...]], None]
Heading = str | Callable[[Question], str]


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
        rng: random.Random | None = None,
        **kwargs: Any,  # the Widget's own: id, classes, name, disabled
    ) -> None:
        super().__init__(**kwargs)
        self._record, self._clock = record, clock
        # A topic quiz starts again after its last question; a review does not (answering a card
        # twice in one sitting would record a second review of it). end_hint says what to do instead.
        self._wrap, self._end_hint = wrap, end_hint
        self._runs_predict = runs_predict  # a predict answer runs the experiment here (not in Review)
        # Options are shuffled each time a question is shown, so the letter of the right answer is never
        # learnt by heart; the OS seeds it unless a test hands in a seeded one.
        self._rng = rng if rng is not None else random.Random()
        self._questions: tuple[Question, ...] = tuple(questions)
        self._heading: Heading = heading
        self._index = 0  # == len(questions) is the end state
        self._order: tuple[int, ...] = ()  # the content's option indexes as shown, letter A first
        self._highlight: int | None = None  # a shown position; none until an arrow picks one
        self._chosen: int | None = None  # the content's index of the chosen option
        self._right = self._answered = 0
        self._answered_ids: set[str] = set()  # this pass through the list, for the end message
        self._recap_reopened = self._ready = False
        self._shown_at = clock()

    def compose(self) -> ComposeResult:
        """Heading; the question and its options; below them the feedback (each scrolls on its own, so the
        options stay in view while the explanations scroll); the score and keys line."""
        yield Static("", id="quiz-heading", markup=False)
        with VerticalScroll(id="quiz-body") as body:
            body.can_focus = False  # the panel keeps the focus so its keys work; wheel and PgUp/PgDn scroll
            yield Static("", id="quiz-prompt", markup=False)
            for position in range(len(LETTERS)):
                yield QuizOption(position)
            yield Static("", id="quiz-message", markup=False)
        with VerticalScroll(id="quiz-feedback") as feedback:
            feedback.can_focus = False
            yield Static("", id="quiz-verdict", markup=False)
            for _ in LETTERS:
                yield ExplainRow()
            yield Static("", id="quiz-predict", markup=False)
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
    def shown_order(self) -> tuple[int, ...]:
        """The current question's option indexes (as in the content) in the order shown, letter A first."""
        return self._order

    def letter_of(self, index: int) -> str:
        """The letter the option with this content index is shown under now."""
        return LETTERS[self._order.index(index)]

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
        """The feedback shown after answering ('' before): verdict first, then every explanation."""
        if self._chosen is None:
            return ""
        question, chosen, order = self.current_question, self._chosen, self._order
        return verdict(question, chosen, order) + "\n" + explanation(question, chosen, self._runs_predict, order)

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
        """Answer with the option whose index in the content is `index` (whatever letter shows it);
        ignored once answered or out of range."""
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
            self._record(question, index, correct, duration_ms, self._recap_reopened, self._order)
        except Exception as error:
            self.notify(  # the error quotes a path: shown literally
                f"This answer could not be saved: {error}", title="Progress", severity="error", timeout=8, markup=False
            )
        self._refresh_view()
        # The question and options stay where they are; the explanations start at their top.
        self.call_after_refresh(self.query_one("#quiz-feedback", VerticalScroll).scroll_home, animate=False)
        self.post_message(self.Answered(question, index, correct, panel=self))
        if question.predict:
            self.post_message(self.PredictAnswered(question, panel=self))

    # ----- actions --------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the letters this question has, and only before it is answered, are answer keys (and so
        in the footer); the arrows and Enter pick only then too."""
        question = self.current_question
        open_count = None if question is None or self._chosen is not None else len(question.options)
        if action == "choose":
            return answer_binding_fits(parameters, open_count)
        if action == "move":  # before answering it picks an option; after, it scrolls the explanations
            return question is not None
        if action == "choose_highlighted":
            return open_count is not None
        return True

    def action_choose(self, position: int, _count: int = 0) -> None:
        """Answer with the option shown under this letter (`_count` only picks the footer's label)."""
        if 0 <= position < len(self._order):
            self.choose(self._order[position])

    def action_choose_highlighted(self) -> None:
        """Answer with the option an arrow picked (nothing picked: nothing happens)."""
        if self._highlight is not None:
            self.action_choose(self._highlight)

    def on_quiz_option_clicked(self, event: QuizOption.Clicked) -> None:
        """A click on an option answers with it."""
        event.stop()
        self.focus()
        self.action_choose(event.position)

    def action_move(self, step: int) -> None:
        """Move the highlight before answering; after, scroll the explanations a line."""
        question = self.current_question
        if question is not None and self._chosen is not None:
            self.query_one("#quiz-feedback", VerticalScroll).scroll_relative(y=step, animate=False)
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
        """Scroll a page at a time: the explanations once answered, else the question."""
        body = self.query_one("#quiz-feedback" if self._chosen is not None else "#quiz-body", VerticalScroll)
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)

    def on_key(self, event: events.Key) -> None:
        """A lowercase a–e that nothing on this screen binds: say which keys answer (it answers nothing)."""
        if len(event.key) == 1 and event.key in LETTERS.lower() and event.key not in self.screen.active_bindings:
            self.notify(LOWERCASE_HINT, timeout=4)

    # ----- drawing --------------------------------------------------------------------
    def _start_question(self) -> None:
        """Reset per-question state, shuffle its options afresh and draw it."""
        self._highlight, self._chosen, self._recap_reopened = None, None, False
        question = self.current_question
        self._order = shuffled_order(len(question.options), self._rng) if question is not None else ()
        self._shown_at = self._clock()
        if self._ready:
            self._refresh_view()
            self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)

    def _refresh_view(self) -> None:
        """Put the current state on screen."""
        question, total, chosen = self.current_question, len(self._questions), self._chosen
        static = {
            name: self.query_one(f"#quiz-{name}", Static)
            for name in ("heading", "prompt", "verdict", "predict", "message", "score")
        }
        self.set_class(chosen is not None, "-answered")
        self.query_one("#quiz-feedback").display = chosen is not None
        if question is None:
            title = self._heading if isinstance(self._heading, str) else ""
            static["heading"].update(" · ".join(filter(None, [title, "Done" if total else ""])))
            static["message"].update(self._end_message() if total else "No questions for this topic yet.")
        else:
            position = f"Question {self._index + 1} of {total}"
            title = self._heading(question) if callable(self._heading) else self._heading
            static["heading"].update(" · ".join(filter(None, [title, position])))
            static["prompt"].update(with_code(question.prompt))
        static["prompt"].display = question is not None
        static["message"].display = question is None
        fill_options(list(self.query(QuizOption)), question, self._order, chosen, self._highlight)
        last = self._index == total - 1
        static["score"].update(score_line(self.score, total, question, chosen is not None, last))
        static["score"].display = total > 0
        if question is not None and chosen is not None:
            self._show_feedback(question, chosen, static["verdict"], static["predict"])
        self.refresh_bindings()  # the footer's answer letters follow the question

    def _show_feedback(self, question: Question, chosen: int, said: Static, note: Static) -> None:
        """The verdict, then every option's explanation (chosen and right first), then the predict note."""
        said.update(verdict(question, chosen, self._order))
        said.set_class(question.is_correct(chosen), "-right").set_class(not question.is_correct(chosen), "-wrong")
        fill_explanations(list(self.query(ExplainRow)), question, chosen, self._order)
        text = predict_note(question, self._runs_predict)
        note.display = bool(text)
        note.update(with_code(text))

    def _end_message(self) -> str:
        right, answered = self.score
        then = "n starts again." if self._wrap else self._end_hint
        return end_message(len(self._questions), len(self._answered_ids), right, answered, then)
