"""The quiz panel's rows: an option (letter and text) and, once answered, an option's explanation."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from screens.widgets.quiz_text import with_code

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
