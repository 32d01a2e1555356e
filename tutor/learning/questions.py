"""Questions as data: a multiple-choice check whose every option carries its explanation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Option:
    """One answer choice: its text, whether it is the right one, and why."""

    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class Question:
    """One check on a topic.

    `predict` holds parameter texts: once answered, the experiment runs at its topic's defaults plus
    these (see `predict_state`). `expect` holds metric key -> value as shown for that run, which
    `mlprep-tui check` compares with a real run.
    """

    id: str
    topic: str
    idea: str
    prompt: str
    options: tuple[Option, ...]
    predict: dict[str, str] = field(default_factory=dict)
    expect: dict[str, str] = field(default_factory=dict)

    @property
    def correct_index(self) -> int:
        """Position of the one correct option (validation guarantees there is exactly one)."""
        for index, option in enumerate(self.options):
            if option.correct:
                return index
        raise ValueError(f"question {self.id!r} has no correct option")

    def is_correct(self, option_index: int) -> bool:
        """Whether choosing this option answers the question right."""
        return option_index == self.correct_index


def predict_state(question: Question, defaults: Mapping[str, str]) -> dict[str, str]:
    """The parameter texts a predict question runs with: every default, then its own changes.

    Never the learner's values or an earlier question's: the question's text describes this state."""
    return {**defaults, **question.predict}


@dataclass(frozen=True)
class QuestionBank:
    """Every valid question in curriculum order, plus the problems found while loading."""

    questions: tuple[Question, ...]
    errors: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)

    def get(self, question_id: str) -> Question | None:
        """The question with this id, or None if it is not (or no longer) in the content."""
        for question in self.questions:
            if question.id == question_id:
                return question
        return None

    def for_topic(self, slug: str) -> list[Question]:
        """The topic's questions in file order."""
        return [q for q in self.questions if q.topic == slug]

    def ids(self) -> set[str]:
        """Every question id in the bank."""
        return {q.id for q in self.questions}
