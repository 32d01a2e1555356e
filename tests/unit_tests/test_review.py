"""FSRS mapping (wrong → Again, right → Good, slow or recap → Hard) and the review queue's order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Rating, State

from tutor.learning.schedule import (
    SLOW_ANSWER_MS,
    card_from_json,
    card_to_json,
    rating_for,
    review,
    utc,
)
from tutor.learning.session import Learning
from tutor.learning.store.progress import ProgressStore, open_store

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    with open_store(tmp_path) as opened:
        yield opened


@pytest.mark.parametrize(
    "correct, duration_ms, recap, expected",
    [
        (False, 2_000, False, Rating.Again),
        (False, SLOW_ANSWER_MS * 3, True, Rating.Again),  # wrong stays Again whatever else happened
        (True, 2_000, False, Rating.Good),
        (True, None, False, Rating.Good),  # duration unknown: not evidence of struggle
        (True, SLOW_ANSWER_MS, False, Rating.Good),  # the threshold itself is not slow
        (True, SLOW_ANSWER_MS + 1, False, Rating.Hard),
        (True, 2_000, True, Rating.Hard),  # right, but only after rereading the recap
    ],
)
def test_rating_mapping(correct: bool, duration_ms: int | None, recap: bool, expected: Rating) -> None:
    assert rating_for(correct, duration_ms, recap) is expected


def test_again_is_due_sooner_than_hard_sooner_than_good() -> None:
    again = review(None, "q", Rating.Again, T0)
    hard = review(None, "q", Rating.Hard, T0)
    good = review(None, "q", Rating.Good, T0)
    assert again.due == T0 + timedelta(minutes=1)  # first learning step
    assert again.due < hard.due < good.due
    assert good.due == T0 + timedelta(minutes=10)
    assert all(card.last_review == T0 for card in (again, hard, good))


def test_repeated_good_answers_graduate_to_days() -> None:
    card = review(None, "q", Rating.Good, T0)
    card = review(card, "q", Rating.Good, card.due)
    assert card.state is State.Review
    assert card.due - card.last_review >= timedelta(days=1)


def test_card_json_round_trip_keeps_utc() -> None:
    card = review(None, "sigmoid-range", Rating.Hard, T0)
    back = card_from_json(card_to_json(card))
    assert back.to_dict() == card.to_dict()
    assert back.due.tzinfo is UTC


def test_card_id_is_stable_per_question() -> None:
    assert review(None, "a", Rating.Good, T0).card_id == review(None, "a", Rating.Again, T0).card_id
    assert review(None, "a", Rating.Good, T0).card_id != review(None, "b", Rating.Good, T0).card_id


def test_utc_accepts_naive_and_other_zones() -> None:
    assert utc(datetime(2026, 3, 1, 9, 0)) == T0
    plus_two = timezone(timedelta(hours=2))
    converted = utc(datetime(2026, 3, 1, 11, 0, tzinfo=plus_two))
    assert converted == T0 and converted.tzinfo is UTC


def test_an_answer_older_than_the_last_review_does_not_break_the_card() -> None:
    card = review(None, "q", Rating.Good, T0)
    older = review(card, "q", Rating.Again, T0 - timedelta(hours=1))
    assert older.last_review == T0
    assert older.due == T0 + timedelta(minutes=1)


def test_store_due_queue_most_overdue_first_across_topics(store: ProgressStore) -> None:
    # Answer three questions of different topics at different times, each wrong (due 1 min later).
    store.record_attempt("metrics-recall", "metrics", 0, False, 4_000, when=T0 + timedelta(minutes=30))
    store.record_attempt("sigmoid-range", "sigmoid", 1, False, 4_000, when=T0)
    store.record_attempt("validation-leak", "validation", 2, False, 4_000, when=T0 + timedelta(minutes=10))
    store.record_attempt("sigmoid-good", "sigmoid", 0, True, 4_000, when=T0 + timedelta(minutes=30))

    now = T0 + timedelta(minutes=35)
    due = store.due(now)
    assert [qid for qid, _ in due] == ["sigmoid-range", "validation-leak", "metrics-recall"]
    assert due[0][1] == T0 + timedelta(minutes=1)
    assert store.due_count(now) == 3
    # The Good answer comes due 10 minutes after it was given, at the back of the queue.
    assert [qid for qid, _ in store.due(T0 + timedelta(minutes=40))] == [
        "sigmoid-range",
        "validation-leak",
        "metrics-recall",
        "sigmoid-good",
    ]
    assert store.due(T0) == []  # nothing is due before its first step is over


def test_never_answered_questions_are_not_due(store: ProgressStore) -> None:
    assert store.due(T0 + timedelta(days=3650)) == []
    store.record_attempt("answered", "sigmoid", 0, True, 1_000, when=T0)
    assert [qid for qid, _ in store.due(T0 + timedelta(days=3650))] == ["answered"]


def test_review_skips_cards_of_questions_no_longer_in_the_content(tmp_path: Path) -> None:
    learning = Learning(tmp_path, ["sigmoid"])
    kept = learning.questions("sigmoid")[0]
    learning.store.record_attempt(kept.id, "sigmoid", 0, False, 1_000, when=T0)
    learning.store.record_attempt("removed-from-the-content", "sigmoid", 0, False, 1_000, when=T0)
    assert [q.id for q in learning.due_questions(T0 + timedelta(hours=1))] == [kept.id]
    assert len(learning.store.due(T0 + timedelta(hours=1))) == 2  # the answer itself is kept
    learning.store.close()


def next_due(store: ProgressStore, question_id: str) -> datetime | None:
    """When a question's card is next due (None if it was never answered)."""
    return dict(store.due(T0 + timedelta(days=365 * 100))).get(question_id)


def test_store_records_the_rating_and_updates_the_card(store: ProgressStore) -> None:
    slow = store.record_attempt("q-slow", "sigmoid", 0, True, SLOW_ANSWER_MS + 5_000, when=T0)
    recap = store.record_attempt("q-recap", "sigmoid", 0, True, 1_000, recap_reopened=True, when=T0)
    fast = store.record_attempt("q-fast", "sigmoid", 0, True, 1_000, when=T0)
    wrong = store.record_attempt("q-wrong", "sigmoid", 3, False, 1_000, when=T0)
    assert [a.rating for a in (slow, recap, fast, wrong)] == [Rating.Hard, Rating.Hard, Rating.Good, Rating.Again]
    assert next_due(store, "q-wrong") == T0 + timedelta(minutes=1)
    assert next_due(store, "q-fast") == T0 + timedelta(minutes=10)
    assert next_due(store, "q-fast") > next_due(store, "q-slow") > next_due(store, "q-wrong")
    assert next_due(store, "never") is None
    # A second answer continues the same card rather than starting over.
    store.record_attempt("q-fast", "sigmoid", 0, True, 1_000, when=T0 + timedelta(minutes=10))
    assert next_due(store, "q-fast") - (T0 + timedelta(minutes=10)) >= timedelta(days=1)
