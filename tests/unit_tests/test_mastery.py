"""Mastery per topic and the most-missed ideas, read against the current content."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tutor.learning.mastery import mastery, missed_ideas
from tutor.learning.questions import Option, Question, QuestionBank
from tutor.learning.store.progress import ProgressStore, open_store

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
OPTIONS = (Option("yes", True, "because"), Option("no", False, "because not"), Option("maybe", False, "nope"))


def _q(qid: str, topic: str, idea: str) -> Question:
    return Question(qid, topic, idea, "prompt?", OPTIONS)


BANK = QuestionBank(
    (
        _q("s1", "sigmoid", "Sigmoid output is P(y=1|x)"),
        _q("s2", "sigmoid", "σ(−z) = 1 − σ(z)"),
        _q("s3", "sigmoid", "z is the log-odds"),
        _q("m1", "metrics", "Recall = TP / (TP + FN)"),
    )
)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    with open_store(tmp_path) as opened:
        yield opened


def test_mastery_counts_latest_attempts_of_current_questions(store: ProgressStore) -> None:
    store.record_attempt("s1", "sigmoid", 1, False, 1_000, when=T0)
    store.record_attempt("s1", "sigmoid", 0, True, 1_000, when=T0 + timedelta(minutes=1))
    store.record_attempt("s2", "sigmoid", 0, True, 1_000, when=T0)
    store.record_attempt("s2", "sigmoid", 2, False, 1_000, when=T0 + timedelta(minutes=2))
    store.record_attempt("gone", "sigmoid", 0, True, 1_000, when=T0)  # removed from the content since
    rows = mastery(store, BANK, slugs=["sigmoid", "metrics"], now=T0 + timedelta(minutes=5))
    sigmoid, metrics = rows
    assert (sigmoid.slug, sigmoid.questions, sigmoid.answered, sigmoid.right_latest) == ("sigmoid", 3, 2, 1)
    assert (sigmoid.attempts, sigmoid.correct, sigmoid.due) == (5, 3, 1)
    assert (metrics.questions, metrics.answered, metrics.right_latest, metrics.attempts) == (1, 0, 0, 0)


def test_missed_ideas_carry_their_caption_and_skip_removed_questions(store: ProgressStore) -> None:
    for _ in range(3):
        store.record_attempt("gone", "sigmoid", 1, False, 1_000)
    store.record_attempt("m1", "metrics", 1, False, 1_000)
    store.record_attempt("m1", "metrics", 2, False, 1_000)
    store.record_attempt("s2", "sigmoid", 1, False, 1_000)
    store.record_attempt("s1", "sigmoid", 0, True, 1_000)
    ideas = missed_ideas(store, BANK, limit=5)
    assert [(i.question_id, i.idea, i.misses) for i in ideas] == [
        ("m1", "Recall = TP / (TP + FN)", 2),
        ("s2", "σ(−z) = 1 − σ(z)", 1),
    ]
    assert [i.question_id for i in missed_ideas(store, BANK, limit=1)] == ["m1"]
