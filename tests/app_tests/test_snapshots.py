"""SVG snapshots of what a learner sees (review changed ones as pictures before accepting them)."""

from __future__ import annotations

import random
from datetime import UTC

import pytest
from textual.pilot import Pilot

from screens.app import make_app
from screens.widgets.param_panel import field_id
from tests.conftest import settle
from tutor.engine.experiments import all_experiments


def app_at(topic: int | str = 1, sets: tuple[str, ...] = ()):
    """The app as the tests see it: no background warm-up timing, no cursor blink, the quiz's option
    shuffle seeded (the same order every run)."""
    app = make_app(topic=topic, sets=sets, warm_sklearn=False, cursor_blink=False)
    app.learning.rng = random.Random(0)
    return app


@pytest.mark.parametrize("number", [e.number for e in all_experiments()])
def test_topic_at_defaults_120x40(snap_compare, number: int) -> None:
    assert snap_compare(app_at(number), terminal_size=(120, 40), run_before=settle)


def test_first_topic_at_80x24(snap_compare) -> None:
    assert snap_compare(app_at(1), terminal_size=(80, 24), run_before=settle)


def test_invalid_input_keeps_last_result(snap_compare) -> None:
    async def type_bad_threshold(pilot: Pilot) -> None:
        await settle(pilot)
        field = pilot.app.screen.query_one(f"#{field_id('sigmoid', 'threshold')}")
        field.focus()
        field.value = "1.5"
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app_at(1), terminal_size=(120, 40), run_before=type_bad_threshold)


def test_help_screen(snap_compare) -> None:
    async def open_help(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app_at(1), terminal_size=(120, 40), run_before=open_help)


def test_code_view(snap_compare) -> None:
    async def open_code(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(app_at(2), terminal_size=(120, 40), run_before=open_code)


def _with_old_misses() -> None:
    """Two questions answered wrongly long ago, so they are due and appear in stats (fixed dates)."""
    import os
    from datetime import datetime
    from pathlib import Path

    from tutor.learning.content import load_questions
    from tutor.learning.store.progress import open_store

    bank = load_questions()
    store = open_store(Path(os.environ["MLPREP_HOME"]))
    for slug, day in (("metrics", 1), ("sigmoid", 2)):
        question = bank.for_topic(slug)[0]
        store.record_attempt(
            question.id,
            slug,
            (question.correct_index + 1) % len(question.options),
            False,
            4000,
            when=datetime(2020, 1, day, tzinfo=UTC),
        )
    store.close()


async def _open_quiz(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("q")
    await settle(pilot)


def test_quiz_question(snap_compare) -> None:
    assert snap_compare(app_at(1), terminal_size=(120, 40), run_before=_open_quiz)


def test_quiz_right_feedback(snap_compare) -> None:
    async def answer_right(pilot: Pilot) -> None:
        await _open_quiz(pilot)
        quiz = pilot.app.screen.query_one("#quiz")
        await pilot.press(quiz.letter_of(quiz.current_question.correct_index))
        await settle(pilot)

    assert snap_compare(app_at(1), terminal_size=(120, 40), run_before=answer_right)


def test_quiz_wrong_feedback(snap_compare) -> None:
    async def answer_wrong(pilot: Pilot) -> None:
        await _open_quiz(pilot)
        quiz = pilot.app.screen.query_one("#quiz")
        question = quiz.current_question
        await pilot.press(quiz.letter_of((question.correct_index + 1) % len(question.options)))
        await settle(pilot)

    assert snap_compare(app_at(1), terminal_size=(120, 40), run_before=answer_wrong)


def test_review_screen(snap_compare) -> None:
    _with_old_misses()

    async def open_review(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)

    assert snap_compare(app_at(1), terminal_size=(120, 40), run_before=open_review)


def test_stats_screen(snap_compare) -> None:
    _with_old_misses()

    async def open_stats(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(app_at(1), terminal_size=(120, 40), run_before=open_stats)
