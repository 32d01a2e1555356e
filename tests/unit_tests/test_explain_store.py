"""Explain progress in the store: answers saved as typed, self-grades kept and scheduled like questions."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from tutor.learning.store.explain_progress import (
    explain_summary,
    load_answer,
    rating_for_points,
    record_grade,
    save_answer,
)
from tutor.learning.store.progress import ProgressStore, StoreError, open_store

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> ProgressStore:
    with open_store(tmp_path) as opened:
        yield opened


def test_answer_round_trip_survives_reopening(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        assert load_answer(store, "p1") is None
        save_answer(store, "p1", "sigmoid", "first")
        save_answer(store, "p1", "sigmoid", "σ → λ ŷ [b]not markup[/b]\nsecond line")
    with open_store(tmp_path) as store:
        assert load_answer(store, "p1") == "σ → λ ŷ [b]not markup[/b]\nsecond line"


def test_a_blank_answer_removes_it(store: ProgressStore) -> None:
    save_answer(store, "p1", "sigmoid", "text")
    save_answer(store, "p1", "sigmoid", "  \n ")
    assert load_answer(store, "p1") is None
    assert explain_summary(store) == {}


@pytest.mark.parametrize(
    ("covered", "total", "rating"),
    [([0, 1, 2], 3, Rating.Good), ([2], 3, Rating.Hard), ([], 3, Rating.Again), ([0, 1, 2, 3], 4, Rating.Good)],
)
def test_rating_all_points_good_some_hard_none_again(covered: list[int], total: int, rating: Rating) -> None:
    assert rating_for_points(len(covered), total) == int(rating)


def _card(store: ProgressStore, prompt_id: str) -> tuple[str, dict[str, object], str]:
    rows = store._read("SELECT topic, card, due FROM cards WHERE question_id = ?", (f"explain:{prompt_id}",))
    assert len(rows) == 1
    return rows[0][0], json.loads(rows[0][1]), rows[0][2]


def test_record_grade_stores_history_and_schedules_the_card(store: ProgressStore) -> None:
    due = record_grade(store, "p1", "metrics", [0, 2], 4, "my answer", when=T0)
    topic, card, _ = _card(store, "p1")
    assert topic == "metrics" and card["last_review"].startswith("2026-03-01T09:00")
    assert due > T0
    assert store.due(T0) == [] and store.due(due) == [("explain:p1", due)]
    rows = store._read("SELECT prompt_id, topic, covered, total, answer, at FROM explain_grades")
    assert rows == [("p1", "metrics", "[0, 2]", 4, "my answer", "2026-03-01T09:00:00.000000+00:00")]


def test_none_covered_comes_back_sooner_than_all_covered(store: ProgressStore) -> None:
    none_due = record_grade(store, "none", "metrics", [], 3, "", when=T0)
    some_due = record_grade(store, "some", "metrics", [1], 3, "", when=T0)
    all_due = record_grade(store, "all", "metrics", [0, 1, 2], 3, "", when=T0)
    assert none_due < some_due <= all_due
    assert none_due < all_due


def test_out_of_range_and_repeated_points_are_dropped(store: ProgressStore) -> None:
    record_grade(store, "p1", "metrics", [2, 2, 7, -1, 0], 3, "", when=T0)
    assert explain_summary(store)["p1"].covered == (0, 2)


def test_a_grade_needs_key_points(store: ProgressStore) -> None:
    with pytest.raises(ValueError, match="at least one key point"):
        record_grade(store, "p1", "metrics", [], 0, "", when=T0)
    assert explain_summary(store) == {}


def test_summary_has_answer_last_grade_and_count(store: ProgressStore) -> None:
    save_answer(store, "answered-only", "sigmoid", "draft")
    record_grade(store, "graded", "validation", [0], 3, "v1", when=T0)
    record_grade(store, "graded", "validation", [0, 1, 2], 3, "v2", when=T0 + timedelta(days=2))
    save_answer(store, "graded", "validation", "v2 edited")
    summary = explain_summary(store)
    assert list(summary) == ["answered-only", "graded"]
    draft = summary["answered-only"]
    assert (draft.topic, draft.answer, draft.covered, draft.total, draft.graded_at, draft.grades) == (
        "sigmoid",
        "draft",
        None,
        None,
        None,
        0,
    )
    graded = summary["graded"]
    assert (graded.topic, graded.answer, graded.covered, graded.total, graded.grades) == (
        "validation",
        "v2 edited",
        (0, 1, 2),
        3,
        2,
    )
    assert graded.graded_at == T0 + timedelta(days=2)


def test_a_second_grade_reviews_the_same_card(store: ProgressStore) -> None:
    first = record_grade(store, "p1", "metrics", [0, 1, 2], 3, "", when=T0)
    second = record_grade(store, "p1", "metrics", [0, 1, 2], 3, "", when=first)
    assert second - first > first - T0  # a second Good spaces it out further
    assert len(store._read("SELECT * FROM cards")) == 1


def test_reset_keeps_answers_and_drops_grades_and_cards(store: ProgressStore) -> None:
    save_answer(store, "p1", "metrics", "kept")
    record_grade(store, "p1", "metrics", [0], 3, "kept", when=T0)
    store.reset("metrics")
    assert load_answer(store, "p1") == "kept"
    assert explain_summary(store)["p1"].grades == 0
    assert store.due(T0 + timedelta(days=3650)) == []


def test_a_mangled_covered_list_reads_as_nothing_covered(store: ProgressStore) -> None:
    record_grade(store, "p1", "metrics", [0], 3, "", when=T0)
    with store._write() as db:
        db.execute("UPDATE explain_grades SET covered = 'not json'")
    assert explain_summary(store)["p1"].covered == ()


def test_writing_to_a_closed_store_is_a_store_error(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.close()
    with pytest.raises(StoreError):
        save_answer(store, "p1", "metrics", "x")
    with pytest.raises(StoreError):
        load_answer(store, "p1")


def test_the_file_holds_what_was_saved(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        save_answer(store, "p1", "metrics", "on disk")
    with sqlite3.connect(tmp_path / "progress.sqlite3") as db:
        assert db.execute("SELECT prompt_id, topic, text FROM explain_answers").fetchall() == [
            ("p1", "metrics", "on disk")
        ]
