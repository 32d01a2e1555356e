"""The review screen: questions due for spaced review across all topics, most overdue first; then the due
exercises and explain prompts, which Enter asks the app to open (Review closes with the one chosen)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static

from screens.widgets.quiz_panel import QuizPanel, Record
from tutor.learning.due_items import DueItem
from tutor.learning.questions import Question

NOTHING_DUE = "Nothing is due. Answer questions with q in a topic; the ones you miss come back here."


class ReviewScreen(Screen[tuple[int, int] | DueItem]):
    """A QuizPanel over the due questions, then a list of due exercises and explain prompts; Escape closes
    and returns the score (right, answered), Enter on the list closes and returns the item to open."""

    CSS_PATH = "review_screen.tcss"  # loaded when the screen first opens, not with the app

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(
        self,
        questions: Sequence[Question],
        record: Record,
        topic_titles: Mapping[str, str],
        rng: random.Random | None = None,
        extras: Sequence[DueItem] = (),
    ) -> None:
        super().__init__()
        self._rng = rng  # shuffles the options (None: the panel seeds its own)
        self._questions = tuple(questions)
        self._record = record
        self._titles = dict(topic_titles)
        self._extras = tuple(extras)

    def compose(self) -> ComposeResult:
        """Header, the quiz (or the nothing-due message), footer."""
        yield Header()
        if self._questions:
            yield QuizPanel(
                self._questions,
                self._record,
                heading=self._heading,
                wrap=False,
                end_hint="Esc closes the review.",
                runs_predict=False,  # nothing runs here: a predict answer only says what the topic would run
                rng=self._rng,
                id="review-quiz",
            )
        elif not self._extras:
            yield Static(NOTHING_DUE, id="review-empty", markup=False)
        if self._extras:
            from screens.review.due_labels import due_label

            labels = [Text(due_label(item, self._titles)) for item in self._extras]  # content: shown literally
            yield OptionList(*labels, id="review-extras")
        yield Footer()

    def on_mount(self) -> None:
        """Say how many are due; give the quiz the keys."""
        count = len(self._questions) + len(self._extras)
        self.sub_title = f"Review: {count} due" if count else "Review"
        if self._extras:
            extras = self.query_one("#review-extras", OptionList)
            if self._questions:
                extras.border_title = "Also due: exercises and explain prompts (Tab, then Enter opens one)"
            else:
                extras.border_title = "Due: exercises and explain prompts (Enter opens one)"
            extras.highlighted = 0
        if self._questions:
            self.query_one(QuizPanel).focus()
        elif self._extras:
            self.add_class("-extras-only")
            self.query_one("#review-extras").focus()
        else:
            self.query_one("#review-empty").border_title = "Review"

    def _heading(self, question: Question) -> str:
        """Which topic the question is from; the slug if the caller has no title for it."""
        return f"Review · {self._titles.get(question.topic, question.topic)}"

    @property
    def panel(self) -> QuizPanel | None:
        """The quiz (None when nothing is due)."""
        found = self.query(QuizPanel)
        return found.first() if found else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a due exercise or prompt: close Review and hand it to the app to open."""
        if event.option_list.id == "review-extras":
            event.stop()
            if self.is_current:  # a second Enter read in the same burst finds Review already closing
                self.dismiss(self._extras[event.option_index])

    def action_close(self) -> None:
        """Close the review, handing back (right, answered)."""
        panel = self.panel
        self.dismiss(panel.score if panel is not None else (0, 0))
