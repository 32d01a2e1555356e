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


# ----- issue 10: every screen at 80x24 and 120x40, one at 200x60 (what the learner should see is said) ---
async def _settled(pilot: Pilot) -> None:
    await settle(pilot)


def test_topic_at_200x60(snap_compare) -> None:
    """Wide: full topic names with marks, the right column beside recap and plot, every footer key."""
    assert snap_compare(app_at(1), terminal_size=(200, 60), run_before=_settled)


def test_topic_at_100x30(snap_compare) -> None:
    """100 columns: the narrow sidebar with short names (not numbers alone), the footer whole."""
    assert snap_compare(app_at(3), terminal_size=(100, 30), run_before=_settled)


def test_quiz_question_at_80x24(snap_compare) -> None:
    """80x24 quiz: the question with its options, the answer keys first in the footer."""
    assert snap_compare(app_at(1), terminal_size=(80, 24), run_before=_open_quiz)


def test_plot_maximised_at_80x24(snap_compare) -> None:
    """z on the plot: the plot fills the screen between header and footer; z again restores."""

    async def maximise_plot(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.screen.query_one("#plot").focus()
        await pilot.press("z")
        await settle(pilot)

    assert snap_compare(app_at(1), terminal_size=(80, 24), run_before=maximise_plot)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_help_by_screen(snap_compare, size: tuple[int, int]) -> None:
    """Help: keys grouped by screen, one row per action, how to scroll a pane at the top."""

    async def open_help(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app_at(1), terminal_size=size, run_before=open_help)


def test_review_at_80x24(snap_compare) -> None:
    """Review at 80x24 with two questions due: the question, its options and the keys fit."""
    _with_old_misses()

    async def open_review(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)

    assert snap_compare(app_at(1), terminal_size=(80, 24), run_before=open_review)


def test_stats_at_80x24(snap_compare) -> None:
    """Stats at 80x24: the chart with topic numbers, the compact table, the most-missed ideas."""
    _with_old_misses()

    async def open_stats(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(app_at(1), terminal_size=(80, 24), run_before=open_stats)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_welcome_on_a_first_launch(snap_compare, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]) -> None:
    """A first launch: the welcome over the topic screen, whole at 80x24 (what this is, three keys, the
    progress file's path, ? for the rest)."""
    import shutil
    from pathlib import Path

    from screens.app import MLPrepApp

    home = Path(f"/tmp/mlprep-welcome-snapshot-{size[0]}x{size[1]}")  # a fixed path: the welcome shows it
    shutil.rmtree(home, ignore_errors=True)
    monkeypatch.setenv("MLPREP_HOME", str(home))
    monkeypatch.setattr(MLPrepApp, "show_welcome", True)
    try:
        assert snap_compare(app_at(1), terminal_size=size, run_before=_settled)
    finally:
        shutil.rmtree(home, ignore_errors=True)
