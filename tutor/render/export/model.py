"""The Interview Readiness Workbook as data: what the PDF and the Markdown both write, gathered once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.engine.result import Result

TITLE = "Interview Readiness Workbook"
NOT_STARTED = "not started"


@dataclass(frozen=True)
class ExplainEntry:
    """One explain prompt: the learner's answer beside the model answer, and the key points they ticked."""

    prompt: str
    model_answer: str
    key_points: tuple[str, ...]
    answer: str  # "" when the learner has not written one
    covered: tuple[int, ...] | None  # indexes into key_points; None: not self-graded yet

    @property
    def status(self) -> str:
        """'3 of 4 key points covered', 'answered, not graded yet' or 'not started'."""
        if self.covered is not None:
            return f"{len(self.covered)} of {len(self.key_points)} key points covered"
        return "answered, not graded yet" if self.answer.strip() else NOT_STARTED


@dataclass(frozen=True)
class ExerciseEntry:
    """One code exercise: the learner's code and what its last check said."""

    title: str
    task: str
    code: str | None  # None: the learner never saved code for it
    status: str  # the last check result in words
    passed: bool | None  # the last check: True passed, False failed, None never checked


@dataclass(frozen=True)
class MissedEntry:
    """A question the learner got wrong, with the idea behind it and why the right answer is right."""

    idea: str
    prompt: str
    answer: str  # the right option's text
    explanation: str  # the right option's explanation
    misses: int
    attempts: int
    latest_correct: bool


@dataclass(frozen=True)
class ExperimentRun:
    """The topic's experiment at the learner's last parameters (or the defaults), or why it could not run."""

    params: tuple[tuple[str, str], ...]  # (name, value as the learner would type it)
    source: str  # whose parameters: "your last parameters" or "the defaults" (and why)
    result: Result | None
    problem: str | None = None


@dataclass(frozen=True)
class Readiness:
    """One row of the readiness table."""

    slug: str
    title: str
    questions_right: int  # right on the latest attempt
    questions_total: int
    exercises_passed: int  # passing on their last check
    exercises_total: int
    prompts_explained: int  # self-graded at least once
    prompts_total: int
    due: int  # review cards due (questions, exercises and prompts)
    answered: int = 0
    exercises_tried: int = 0
    prompts_answered: int = 0

    @property
    def started(self) -> bool:
        """Whether the learner has done anything in this topic."""
        return bool(self.answered or self.exercises_tried or self.prompts_answered)

    def cells(self) -> tuple[str, str, str, str]:
        """Questions right, exercises passed, prompts explained, due: as the tables print them."""
        if not self.started:
            return (NOT_STARTED, "—", "—", str(self.due))
        return (
            _ratio(self.questions_right, self.questions_total),
            _ratio(self.exercises_passed, self.exercises_total),
            _ratio(self.prompts_explained, self.prompts_total),
            str(self.due),
        )


def _ratio(done: int, total: int) -> str:
    """'3/5', or '—' when the topic has none (no exercise to pass is not 0 of 0 passed)."""
    return f"{done}/{total}" if total else "—"


@dataclass(frozen=True)
class TopicPart:
    """Everything the workbook says about one topic."""

    slug: str
    number: int
    title: str
    recap: str  # Markdown as in content/<topic>.md, its first heading removed
    notes: str
    explains: tuple[ExplainEntry, ...]
    explain_note: str | None  # why there are no prompts, when there are none
    exercises: tuple[ExerciseEntry, ...]
    exercise_note: str | None
    experiment: ExperimentRun
    missed: tuple[MissedEntry, ...]
    reviews: tuple[str, ...]  # what is due for review, in words
    readiness: Readiness

    @property
    def heading(self) -> str:
        """'1. Logistic regression: …' as the topic's title line."""
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Workbook:
    """The whole workbook: a cover, a part per topic, the readiness table."""

    name: str | None
    date: str  # ISO date of the export
    topics: tuple[TopicPart, ...]
    title: str = TITLE
    readiness_headers: tuple[str, ...] = ("topic", "questions right", "exercises passed", "prompts explained", "due")
