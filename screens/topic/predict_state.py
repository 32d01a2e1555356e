"""Predict-then-run questions on the topic screen: a question puts its topic in exactly the state its
text describes (the topic's defaults plus its changes), never on top of what an earlier question or
the learner left behind; the learner's own values come back with `m`.

The question borrows the experiment. What the fields held before the first such question is kept per
topic until it is given back: with `m`, or when the study pane returns to the recap, if the fields
still show the question's state (a value the learner typed since is theirs and stays; `m` still
brings back the earlier ones).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from screens.topic.runs import RunScreen
from screens.widgets.recap_view import RecapView
from tutor.engine.experiments import Experiment

if TYPE_CHECKING:  # annotations only: the quiz panel loads with the first quiz, the run process is the app's
    from screens.widgets.quiz_panel import QuizPanel
    from tutor.engine.runner import ExperimentProcess
    from tutor.learning.session import Learning


class BorrowedValues:
    """Per topic: the learner's own texts and the state the last predict question applied."""

    def __init__(self) -> None:
        self._own: dict[str, dict[str, str]] = {}
        self._applied: dict[str, dict[str, str]] = {}

    def borrow(self, slug: str, own: Mapping[str, str], applied: Mapping[str, str]) -> None:
        """A question applied `applied`; `own` is kept only from the first question (not an earlier
        question's state)."""
        self._own.setdefault(slug, dict(own))
        self._applied[slug] = dict(applied)

    def has(self, slug: str) -> bool:
        """Whether the topic's own values are waiting to come back."""
        return slug in self._own

    def untouched(self, texts: Mapping[str, Mapping[str, str]]) -> list[str]:
        """The borrowing topics whose fields (`texts` by topic) still show the question's state."""
        return [slug for slug, applied in self._applied.items() if texts.get(slug) == applied]

    def slugs(self) -> list[str]:
        """Every topic with own values waiting."""
        return list(self._own)

    def give_back(self, slug: str) -> dict[str, str] | None:
        """The topic's own texts (None if nothing was borrowed); forgotten from here on."""
        self._applied.pop(slug, None)
        return self._own.pop(slug, None)


class PredictStateScreen(RunScreen):
    """RunScreen plus the predict questions' states; TopicScreen adds the layout and the keys (`m`)."""

    def __init__(
        self, experiments: Sequence[Experiment], topic: str, learning: Learning, runner: ExperimentProcess | None
    ) -> None:
        super().__init__(experiments, topic, learning, runner)
        self.borrowed = BorrowedValues()  # the learner's values while a predict question's state shows

    # Handlers by name: the quiz panel's module loads when the quiz is first opened.
    def on_quiz_panel_predict_answered(self, event: QuizPanel.PredictAnswered) -> None:
        """A predict question was answered: run its topic in exactly the state the question describes
        (the defaults plus its changes), keeping the learner's own values to give back."""
        from tutor.learning.questions import predict_state

        question = event.question
        if question.topic != self.current:
            return
        panel = self.panel()
        state = predict_state(question, self.experiments[self.current].params.default_texts())
        self.borrowed.borrow(self.current, panel.texts(), state)
        panel.set_texts(state)
        panel.force_request()
        self.refresh_bindings()

    def action_own_values(self) -> None:
        """Bring back the values this topic had before a predict question set its own, and re-run."""
        self._give_back(self.current)

    def _give_back(self, slug: str) -> None:
        own = self.borrowed.give_back(slug)
        if own is None:
            return
        panel = self.panel(slug)
        panel.set_texts(own)
        panel.force_request()
        self.refresh_bindings()
        self.notify(f"{self.experiments[slug].short_title}: your own values are back", timeout=3)

    def _back_at_recap(self) -> None:
        """Leaving the quiz for the recap gives each topic its own values back, unless the learner
        has changed a field since the question set them (then they are the learner's, and `m` stays)."""
        if self.query_one(RecapView).mode != "recap":
            return
        texts = {slug: self.panel(slug).texts() for slug in self.borrowed.slugs()}
        for slug in self.borrowed.untouched(texts):
            self._give_back(slug)
