"""The app's learning state: the progress store, the question bank and the recaps, as the screens use them."""

from __future__ import annotations

import contextlib
import random
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tutor.learning.store.progress import ProgressStore, StoreError, open_store

if TYPE_CHECKING:  # the rest loads with the question bank, after the first frame
    from tutor.learning.due_items import DueItem
    from tutor.learning.explain import ExplainPrompt
    from tutor.learning.mastery import MissedIdea, TopicMastery
    from tutor.learning.questions import Question, QuestionBank
    from tutor.learning.store.explain_progress import ExplainProgress

# How loud a notice is (the UI's notification levels).
Severity = Literal["information", "warning", "error"]


class Learning:
    """Opens the store and loads the questions; records answers; answers 'what is due' questions."""

    def __init__(self, data_dir: Path | None, slugs: list[str]) -> None:
        self.store: ProgressStore = open_store(data_dir)  # ~3 ms: needed at once for the last topic
        self.slugs = slugs
        self._bank: QuestionBank | None = None
        self._bank_lock = threading.Lock()
        # Shuffles the options each time a question is shown (seeded by the OS; tests put a seeded one here).
        self.rng = random.Random()
        # Topic -> the ids of its code exercises, handed down by the UI: the exercise specs live in a layer
        # above this one. None: mastery and marks leave exercises out.
        self.exercise_ids: Callable[[], Mapping[str, Sequence[str]]] | None = None

    @property
    def bank(self) -> QuestionBank:
        """The questions, loaded on first use (~0.25 s of TOML and checks: the app does it after
        the first frame, in a background thread)."""
        with self._bank_lock:
            if self._bank is None:
                from tutor.learning.content import load_questions

                self._bank = load_questions()
            return self._bank

    def store_notices(self) -> list[tuple[Severity, str]]:
        """(severity, text) about the progress file, shown once at start-up."""
        found: list[tuple[Severity, str]] = []
        if self.store.notice:
            found.append(("warning", self.store.notice))
        if self.store.warning:
            found.append(("error", self.store.warning))
        return found

    def content_notices(self) -> list[tuple[Severity, str]]:
        """(severity, text) about question files that could not be used."""
        if not self.bank.errors:
            return []
        return [
            (
                "warning",
                f"{len(self.bank.errors)} problem(s) in the question files were skipped; "
                "run 'mlprep-tui check' to see them.",
            )
        ]

    def recap(self, slug: str) -> str:
        """The topic's recap Markdown, or a clear message if the content file is unusable."""
        from tutor.learning.content import ContentError, load_recap

        try:
            return load_recap(slug)
        except ContentError as error:
            return f"# Recap unavailable\n\n{error}"

    def questions(self, slug: str) -> list[Question]:
        """A topic's questions in file order."""
        return list(self.bank.for_topic(slug))

    def record(
        self,
        question: Question,
        option_index: int,
        correct: bool,
        duration_ms: int,
        recap_reopened: bool,
        shown_order: Sequence[int] | None = None,
    ) -> None:
        """Commit one answer (and its review card) now; a StoreError reaches the quiz, which says so.
        option_index is the content's index; shown_order the indexes in the order they were shown."""
        self.store.record_attempt(
            question.id,
            question.topic,
            option_index,
            correct,
            duration_ms,
            recap_reopened=recap_reopened,
            shown_order=shown_order,
        )

    def due_questions(self, now: datetime | None = None) -> list[Question]:
        """Due questions across all topics, most overdue first; cards of questions the content
        no longer has are skipped (their answers stay in the store)."""
        found = []
        for question_id, _due in self.store.due(now):
            question = self.bank.get(question_id)
            if question is not None:
                found.append(question)
        return found

    def due_count(self) -> int:
        """How many questions, exercises and explain prompts are due now."""
        return len(self.due_questions()) + len(self.due_extras())

    # ----- explain prompts, and the exercises and prompts Review lists after the questions ----------
    def due_extras(self, now: datetime | None = None) -> list[DueItem]:
        """Due exercises and explain prompts, most overdue first."""
        from tutor.learning.due_items import due_items

        return due_items(self.store, now)

    def explain_prompts(self, slug: str) -> list[ExplainPrompt]:
        """A topic's explain prompts in file order (the workbook's own first)."""
        from tutor.learning.explain import prompts_for

        return prompts_for(slug)

    def explain_answer(self, prompt_id: str) -> str:
        """The learner's saved answer to a prompt ('' if none)."""
        from tutor.learning.store.explain_progress import load_answer

        return load_answer(self.store, prompt_id) or ""

    def save_explain_answer(self, prompt: ExplainPrompt, text: str) -> None:
        """Save an answer as typed; a StoreError reaches the explain screen, which says so."""
        from tutor.learning.store.explain_progress import save_answer

        save_answer(self.store, prompt.id, prompt.topic, text)

    def grade_explain(self, prompt: ExplainPrompt, covered: list[int], answer: str) -> datetime:
        """Store a self-grade and schedule the prompt's review; return when it is due again."""
        from tutor.learning.store.explain_progress import record_grade

        return record_grade(self.store, prompt.id, prompt.topic, covered, len(prompt.key_points), answer)

    def explain_progress(self, prompt_id: str) -> ExplainProgress | None:
        """A prompt's saved answer and last self-grade, if any."""
        from tutor.learning.store.explain_progress import explain_summary

        return explain_summary(self.store).get(prompt_id)

    def mastery(self) -> list[TopicMastery]:
        """Per-topic answered / right-on-latest / due."""
        from tutor.learning.mastery import mastery

        exercises = self.exercise_ids() if self.exercise_ids is not None else None
        return mastery(self.store, self.bank, self.slugs, exercise_ids=exercises)

    def missed(self, limit: int = 5) -> list[MissedIdea]:
        """The most-missed ideas with their captions."""
        from tutor.learning.mastery import missed_ideas

        return missed_ideas(self.store, self.bank, limit)

    def marks(self) -> dict[str, str]:
        """Sidebar marks: 'right✓ answered/total' per topic with any answer, then '✎passed/exercises' once
        one of its exercises has been run."""
        marks: dict[str, str] = {}
        for row in self.mastery():
            parts = [f"{row.right_latest}✓ {row.answered}/{row.questions}"] if row.answered else []
            if row.exercises_tried:
                parts.append(f"✎{row.exercises_passed}/{row.exercises}")
            if parts:
                marks[row.slug] = " ".join(parts)
        return marks

    def save_note(self, slug: str, text: str) -> None:
        """Save a topic's notes; a StoreError reaches the notes pane, which says so."""
        self.store.set_note(slug, text)

    def note(self, slug: str) -> str:
        """A topic's saved notes."""
        return self.store.note(slug)

    def save_last(self, slug: str, texts: dict[str, str]) -> None:
        """Remember where the learner was, so the app reopens there."""
        with contextlib.suppress(StoreError):  # losing the reopen position is not worth interrupting the learner
            self.store.set_last(slug, texts)

    def last(self) -> tuple[str, dict[str, str]] | None:
        """The last topic and its parameter texts, if any."""
        return self.store.last()

    def close(self) -> None:
        """Close the progress store (on quit, after the last write): its WAL folds into the file, so
        the progress file alone holds everything. Closing twice is harmless."""
        self.store.close()
