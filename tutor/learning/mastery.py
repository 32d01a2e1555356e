"""Mastery per topic and the most-missed ideas: the store's history read against today's content."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from tutor.learning.questions import QuestionBank
from tutor.learning.store.exercise_progress import exercise_summary
from tutor.learning.store.progress import ProgressStore


@dataclass(frozen=True)
class TopicMastery:
    """How far a learner has got with one topic."""

    slug: str
    questions: int  # in the content today
    answered: int  # of those, answered at least once
    right_latest: int  # of those, right on the latest attempt
    attempts: int
    correct: int
    due: int
    exercises: int = 0  # code exercises in the content today
    exercises_passed: int = 0  # of those, passed at least once
    exercises_tried: int = 0  # of those, checked at least once


@dataclass(frozen=True)
class MissedIdea:
    """A concept the learner keeps getting wrong, with its one-line caption."""

    question_id: str
    topic: str
    idea: str
    misses: int
    attempts: int
    latest_correct: bool


def mastery(
    store: ProgressStore,
    bank: QuestionBank,
    slugs: list[str] | None = None,
    now: datetime | None = None,
    exercise_ids: Mapping[str, Sequence[str]] | None = None,
) -> list[TopicMastery]:
    """One row per topic (curriculum order unless `slugs` given); only current questions count as answered,
    and only the exercises in `exercise_ids` (topic -> ids; none when not given) count at all."""
    if slugs is None:
        from tutor.engine.experiments import all_experiments

        slugs = [experiment.slug for experiment in all_experiments()]
    summary = store.topic_summary(now)
    latest = store.latest_by_question()
    runs = exercise_summary(store) if exercise_ids else {}
    rows: list[TopicMastery] = []
    for slug in slugs:
        # A question removed from the content should not count towards (or against) mastery.
        ids = {q.id for q in bank.for_topic(slug)}
        answered = [latest[qid] for qid in ids if qid in latest]
        stats = summary.get(slug, {})
        tried = [runs[eid] for eid in (exercise_ids or {}).get(slug, ()) if eid in runs and runs[eid].attempts]
        rows.append(
            TopicMastery(
                slug=slug,
                questions=len(ids),
                answered=len(answered),
                right_latest=sum(1 for attempt in answered if attempt.correct),
                attempts=stats.get("attempts", 0),
                correct=stats.get("correct", 0),
                due=stats.get("due", 0),
                exercises=len((exercise_ids or {}).get(slug, ())),
                exercises_passed=sum(1 for progress in tried if progress.passed_ever),
                exercises_tried=len(tried),
            )
        )
    return rows


def missed_ideas(store: ProgressStore, bank: QuestionBank, limit: int = 5) -> list[MissedIdea]:
    """The most-missed questions that still exist, each with its idea as caption."""
    found: list[MissedIdea] = []
    # Ask for more than needed: some missed questions may have left the content since.
    for missed in store.most_missed(limit + 50):
        question = bank.get(missed.question_id)
        if question is None:
            continue
        found.append(
            MissedIdea(
                missed.question_id, missed.topic, question.idea, missed.misses, missed.attempts, missed.latest_correct
            )
        )
        if len(found) >= limit:
            break
    return found
