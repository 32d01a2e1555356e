"""The quiz panel's rows (an option; once answered, an option's explanation) and its messages' base."""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from screens.widgets.quiz_text import LETTERS, explanation_rows, option_state, with_code
from tutor.learning.questions import Question


class QuizMessage(Message):
    """Base of the panel's messages: the question, and the panel as `control` for `@on(..., "#id")`."""

    def __init__(self, question: Question, panel: Widget | None = None) -> None:
        super().__init__()
        self.question = question
        self.panel = panel

    @property
    def control(self) -> Widget | None:
        """The panel that asked."""
        return self.panel


# The ▸ and the ✓/✗ marks keep their meaning without colour (NO_COLOR).
MARKS = {"right": "  ✓", "wrong": "  ✗ your answer"}


class QuizOption(Horizontal):
    """One option row at a shown position: a letter column and the wrapped text beside it (a hanging indent)."""

    class Clicked(Message):
        """The learner clicked this row: it answers like its letter key."""

        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, position: int) -> None:
        super().__init__(classes="quiz-option")
        self.position = position

    def compose(self) -> ComposeResult:
        """The letter column and the option text."""
        yield Static("", classes="quiz-letter", markup=False)
        yield Static("", classes="quiz-text", markup=False)

    def show(self, letter: str, text: str, highlighted: bool, state: str = "") -> None:
        """Fill the row; state is '', 'right', 'wrong' (the chosen wrong one) or 'other' once answered."""
        self.query_one(".quiz-letter", Static).update(f"{'▸' if highlighted else ' '}{letter}.")
        self.query_one(".quiz-text", Static).update(with_code(text + MARKS.get(state, "")))
        self.set_class(highlighted, "-highlight")
        self.set_class(state == "right", "-right").set_class(state == "wrong", "-wrong")
        self.set_class(state == "other", "-other")

    def on_click(self, event: events.Click) -> None:
        """A click answers with this option, like its letter key."""
        event.stop()
        self.post_message(self.Clicked(self.position))


class ExplainRow(Horizontal):
    """Why one option is right or wrong, under its letter; the label says 'your answer' / 'the right answer'."""

    def __init__(self) -> None:
        super().__init__(classes="quiz-why")

    def compose(self) -> ComposeResult:
        """The letter column and the explanation."""
        yield Static("", classes="quiz-letter", markup=False)
        yield Static("", classes="quiz-text", markup=False)

    def show(self, letter: str, label: str, text: str, state: str) -> None:
        """Fill the row: state 'right', 'wrong' (the chosen wrong one) or 'other' colours the label."""
        self.query_one(".quiz-letter", Static).update(f" {letter}.")
        head = with_code(f"{label}: ", "bold") if label else with_code("")
        self.query_one(".quiz-text", Static).update(head + with_code(text))
        self.set_class(state == "right", "-right").set_class(state == "wrong", "-wrong")
        self.set_class(state == "other", "-other")


def fill_explanations(rows: Sequence[ExplainRow], question: Question, chosen: int, order: Sequence[int]) -> None:
    """Show every option's explanation in the rows (chosen and right first, see explanation_rows); hide the rest."""
    found = explanation_rows(question, chosen, order)
    for number, row in enumerate(rows):
        row.display = number < len(found)
        if row.display:
            index, label = found[number]
            state = option_state(index, chosen, question.correct_index)
            row.show(LETTERS[list(order).index(index)], label, question.options[index].explanation, state)


def fill_options(
    rows: Sequence[QuizOption],
    question: Question | None,
    order: Sequence[int],
    chosen: int | None,
    highlight: int | None,
) -> None:
    """Show the question's options in their shown order, letter A first; hide the rows past the last."""
    for row in rows:
        row.display = question is not None and row.position < len(order)
        if question is not None and row.display:
            index = order[row.position]
            state = option_state(index, chosen, question.correct_index)
            highlighted = chosen is None and row.position == highlight
            row.show(LETTERS[row.position], question.options[index].text, highlighted, state)
