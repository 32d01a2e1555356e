"""Exercise progress in the store: code kept, checks, hints, solutions and resets counted, review cards."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from tutor.learning.schedule import card_from_json
from tutor.learning.store.exercise_progress import (
    card_id,
    check_rating,
    exercise_summary,
    load_code,
    record_check,
    record_hint,
    record_reset,
    record_solution,
    save_code,
    solution_seen_since_reset,
)
from tutor.learning.store.progress import ProgressStore, StoreError, open_store

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
DETAIL = json.dumps([{"name": "sigmoid(0)", "passed": True}])


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    with open_store(tmp_path) as opened:
        yield opened


def _card(store: ProgressStore, exercise_id: str) -> tuple[str, str]:
    rows = store._read("SELECT card, due FROM cards WHERE question_id = ?", (card_id(exercise_id),))
    assert len(rows) == 1
    return rows[0][0], rows[0][1]


def test_code_round_trips_and_is_replaced(store: ProgressStore) -> None:
    assert load_code(store, "sigmoid-threshold") is None
    save_code(store, "sigmoid-threshold", "sigmoid", "def sigmoid(z):\n    return 0.5\n")
    save_code(store, "sigmoid-threshold", "sigmoid", "def sigmoid(z):\n    return 1.0\n")
    assert load_code(store, "sigmoid-threshold") == "def sigmoid(z):\n    return 1.0\n"
    assert store._read("SELECT COUNT(*) FROM exercise_code")[0][0] == 1


def test_empty_code_is_kept_as_typed(store: ProgressStore) -> None:
    # A learner who deleted everything has typed an empty file: it is not the starter any more.
    save_code(store, "bce-l2", "cross-entropy", "")
    assert load_code(store, "bce-l2") == ""


def test_code_survives_a_reopen(tmp_path: Path) -> None:
    with open_store(tmp_path) as first:
        save_code(first, "knn-regressor", "parametric", "x = 1  # [bold]not markup[/]\n")
    with open_store(tmp_path) as second:
        assert load_code(second, "knn-regressor") == "x = 1  # [bold]not markup[/]\n"


def test_summary_counts_attempts_passes_hints_and_solution(store: ProgressStore) -> None:
    assert exercise_summary(store) == {}
    record_check(store, "bce-l2", "cross-entropy", False, '{"run": 1}', when=T0)
    record_hint(store, "bce-l2", "cross-entropy", 1, when=T0 + timedelta(minutes=1))
    record_hint(store, "bce-l2", "cross-entropy", 2, when=T0 + timedelta(minutes=2))
    record_check(store, "bce-l2", "cross-entropy", True, '{"run": 2}', when=T0 + timedelta(minutes=3))
    record_check(store, "bce-l2", "cross-entropy", False, '{"run": 3}', when=T0 + timedelta(minutes=4))
    record_hint(store, "bce-l2", "cross-entropy", 1, when=T0 + timedelta(minutes=5))  # seen again: still 2 used
    summary = exercise_summary(store)
    assert list(summary) == ["bce-l2"]
    progress = summary["bce-l2"]
    assert progress.topic == "cross-entropy"
    assert progress.attempts == 3
    assert progress.passed_ever is True
    assert progress.last_passed is False
    assert progress.hints_used == 2
    assert progress.solution_shown is False
    assert progress.last_detail_json == '{"run": 3}'
    assert progress.last_at == T0 + timedelta(minutes=5)


def test_summary_of_an_exercise_only_opened_for_hints(store: ProgressStore) -> None:
    record_hint(store, "knn-regressor", "parametric", 1, when=T0)
    record_solution(store, "knn-regressor", "parametric", when=T0 + timedelta(seconds=5))
    progress = exercise_summary(store)["knn-regressor"]
    assert (progress.attempts, progress.passed_ever, progress.last_passed) == (0, False, None)
    assert progress.last_detail_json is None
    assert progress.solution_shown is True
    assert progress.hints_used == 1
    assert progress.last_at == T0 + timedelta(seconds=5)


def test_summary_keeps_exercises_apart(store: ProgressStore) -> None:
    record_check(store, "a-one", "sigmoid", True, DETAIL, when=T0)
    record_check(store, "b-two", "metrics", False, "[]", when=T0)
    summary = exercise_summary(store)
    assert (summary["a-one"].passed_ever, summary["a-one"].topic) == (True, "sigmoid")
    assert (summary["b-two"].passed_ever, summary["b-two"].topic) == (False, "metrics")
    assert summary["a-one"].last_detail_json == DETAIL


def test_hint_numbers_start_at_one(store: ProgressStore) -> None:
    with pytest.raises(StoreError, match="start at 1"):
        record_hint(store, "bce-l2", "cross-entropy", 0)


def test_ratings_from_how_the_run_went() -> None:
    assert check_rating(passed=False, solution_seen=False) == Rating.Again
    assert check_rating(passed=False, solution_seen=True) == Rating.Again
    assert check_rating(passed=True, solution_seen=True) == Rating.Hard
    assert check_rating(passed=True, solution_seen=False) == Rating.Good


def test_solution_counts_until_a_reset(store: ProgressStore) -> None:
    assert not solution_seen_since_reset(store, "bce-l2")
    record_solution(store, "bce-l2", "cross-entropy", when=T0)
    assert solution_seen_since_reset(store, "bce-l2")
    assert not solution_seen_since_reset(store, "other")
    record_reset(store, "bce-l2", "cross-entropy", when=T0 + timedelta(minutes=1))
    assert not solution_seen_since_reset(store, "bce-l2")
    record_solution(store, "bce-l2", "cross-entropy", when=T0 + timedelta(minutes=2))
    assert solution_seen_since_reset(store, "bce-l2")


def test_a_failed_run_makes_the_card_due_soon_and_a_clean_pass_pushes_it_out(store: ProgressStore) -> None:
    record_check(store, "sigmoid-threshold", "sigmoid", False, DETAIL, when=T0)
    _, failed_due = _card(store, "sigmoid-threshold")
    assert datetime.fromisoformat(failed_due) <= T0 + timedelta(minutes=10)
    assert any(qid == card_id("sigmoid-threshold") for qid, _ in store.due(T0 + timedelta(hours=1)))
    # A clean pass, then another a day later: the card leaves the due list for days.
    record_check(store, "sigmoid-threshold", "sigmoid", True, DETAIL, when=T0 + timedelta(minutes=10))
    record_check(store, "sigmoid-threshold", "sigmoid", True, DETAIL, when=T0 + timedelta(days=1))
    _, due = _card(store, "sigmoid-threshold")
    assert datetime.fromisoformat(due) >= T0 + timedelta(days=2)


def test_a_pass_after_the_solution_comes_back_sooner_than_a_clean_one(tmp_path: Path) -> None:
    dues = {}
    for seen in (False, True):
        with open_store(tmp_path / str(seen)) as store:
            record_check(store, "bce-l2", "cross-entropy", False, DETAIL, when=T0)
            if seen:
                record_solution(store, "bce-l2", "cross-entropy", when=T0 + timedelta(minutes=1))
            for step in range(1, 4):  # passes in three later sittings
                record_check(store, "bce-l2", "cross-entropy", True, DETAIL, when=T0 + timedelta(days=step))
            dues[seen] = datetime.fromisoformat(_card(store, "bce-l2")[1])
    assert dues[True] < dues[False]


def test_the_exercise_card_is_scheduled_beside_the_questions(store: ProgressStore) -> None:
    record_check(store, "metrics-one", "metrics", False, DETAIL, when=T0)
    summary = store.topic_summary(T0 + timedelta(hours=1))
    assert summary["metrics"]["due"] == 1  # counted among the topic's due cards, as review shows it
    assert store.due_count(T0 + timedelta(hours=1)) == 1


def test_an_unreadable_card_restarts_rather_than_losing_the_run(store: ProgressStore) -> None:
    with store._write() as db:
        db.execute(
            "INSERT INTO cards (question_id, topic, card, due) VALUES (?, 'metrics', 'not json', ?)",
            (card_id("m"), T0.isoformat()),
        )
    record_check(store, "m", "metrics", True, DETAIL, when=T0)
    assert exercise_summary(store)["m"].attempts == 1
    card = card_from_json(_card(store, "m")[0])
    assert card.last_review == T0


def test_a_topic_reset_forgets_runs_and_cards_but_keeps_the_code(store: ProgressStore) -> None:
    save_code(store, "bce-l2", "cross-entropy", "mine")
    record_check(store, "bce-l2", "cross-entropy", True, DETAIL, when=T0)
    record_check(store, "sig", "sigmoid", True, DETAIL, when=T0)
    store.reset("cross-entropy")
    assert list(exercise_summary(store)) == ["sig"]
    assert load_code(store, "bce-l2") == "mine"
    assert not store._read("SELECT 1 FROM cards WHERE question_id = ?", (card_id("bce-l2"),))


# ----- mastery and marks -------------------------------------------------------------------------
def test_mastery_counts_current_exercises_tried_and_passed(store: ProgressStore) -> None:
    from tutor.learning.content import load_questions
    from tutor.learning.mastery import mastery

    ids = {"sigmoid": ["s-one", "s-two"], "metrics": ["m-one"]}
    record_check(store, "s-one", "sigmoid", False, DETAIL, when=T0)
    record_check(store, "s-one", "sigmoid", True, DETAIL, when=T0 + timedelta(minutes=1))
    record_check(store, "s-two", "sigmoid", False, DETAIL, when=T0)
    record_check(store, "gone", "sigmoid", True, DETAIL, when=T0)  # no longer in the content: not counted
    record_hint(store, "m-one", "metrics", 1, when=T0)  # opened, never run: not tried
    rows = {row.slug: row for row in mastery(store, load_questions(), ["sigmoid", "metrics"], exercise_ids=ids)}
    assert (rows["sigmoid"].exercises, rows["sigmoid"].exercises_tried, rows["sigmoid"].exercises_passed) == (2, 2, 1)
    assert (rows["metrics"].exercises, rows["metrics"].exercises_tried, rows["metrics"].exercises_passed) == (1, 0, 0)
    without = mastery(store, load_questions(), ["sigmoid"])
    assert (without[0].exercises, without[0].exercises_passed) == (0, 0)


def test_sidebar_marks_show_exercises_once_one_is_run(tmp_path: Path) -> None:
    from tutor.learning.session import Learning

    learning = Learning(tmp_path, ["sigmoid", "metrics", "validation"])
    learning.exercise_ids = lambda: {"sigmoid": ["s-one", "s-two"], "metrics": ["m-one"]}
    try:
        assert learning.marks() == {}
        record_check(learning.store, "s-one", "sigmoid", True, DETAIL, when=T0)
        record_check(learning.store, "m-one", "metrics", False, DETAIL, when=T0)
        question = learning.questions("metrics")[0]
        learning.record(question, question.correct_index, True, 4000, False)
        marks = learning.marks()
        assert marks["sigmoid"] == "✎1/2"
        assert marks["metrics"] == f"1✓ 1/{len(learning.questions('metrics'))} ✎0/1"
        assert "validation" not in marks
    finally:
        learning.close()
