"""What the learner saw is what is stored: an answer keeps the content's option index and the order shown."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tutor.learning.session import Learning
from tutor.learning.store.progress import open_store


def test_an_answer_stores_its_content_index_and_the_order_shown(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        returned = store.record_attempt("q", "sigmoid", 2, True, 1_000, shown_order=[3, 2, 0, 1])
        assert (returned.option_index, returned.shown_order) == (2, (3, 2, 0, 1))
        [read] = store.attempts()
        assert (read.option_index, read.correct, read.shown_order) == (2, True, (3, 2, 0, 1))
    conn = sqlite3.connect(tmp_path / "progress.sqlite3")
    assert conn.execute("SELECT option_index, shown_order FROM attempts").fetchall() == [(2, "[3, 2, 0, 1]")]
    conn.close()


def test_answers_without_an_order_and_unreadable_orders_read_back_as_none(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.record_attempt("old", "sigmoid", 0, False, 1_000)
        store.record_attempt("bad", "sigmoid", 1, True, 1_000, shown_order=[1, 0, 2])
    conn = sqlite3.connect(tmp_path / "progress.sqlite3")
    with conn:
        conn.execute("UPDATE attempts SET shown_order = 'not json' WHERE question_id = 'bad'")
    conn.close()
    with open_store(tmp_path) as store:
        assert [(a.question_id, a.shown_order) for a in store.attempts()] == [("old", None), ("bad", None)]
        assert store.latest_by_question()["bad"].option_index == 1


def test_the_session_passes_the_order_shown_to_the_store(tmp_path: Path) -> None:
    learning = Learning(tmp_path, ["sigmoid"])
    question = learning.questions("sigmoid")[0]
    order = tuple(reversed(range(len(question.options))))
    learning.record(question, question.correct_index, True, 2_000, False, order)
    [attempt] = learning.store.attempts()
    assert (attempt.question_id, attempt.option_index, attempt.shown_order) == (
        question.id,
        question.correct_index,
        order,
    )
    learning.close()


def test_recovering_a_moved_aside_file_keeps_the_order_shown(tmp_path: Path) -> None:
    with open_store(tmp_path / "old") as old:
        old.record_attempt("q", "sigmoid", 1, False, 1_000, shown_order=[2, 1, 0])
    with open_store(tmp_path / "new") as fresh:
        fresh.recover(tmp_path / "old" / "progress.sqlite3")
        assert [(a.option_index, a.shown_order) for a in fresh.attempts()] == [(1, (2, 1, 0))]
