"""Pilot tests of the explain screen: write, reveal, tick, grade; saved as typed and never lost at quit;
Review lists due explain prompts and exercises after the questions and opens the one chosen."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from screens.app import MLPrepApp, make_app
from screens.explain.explain_screen import ExplainScreen
from screens.explain.key_points import KeyPoints
from screens.review.review_screen import ReviewScreen
from tests.conftest import settle
from tutor.learning.explain import prompts_for
from tutor.learning.store.explain_progress import explain_summary, load_answer, record_grade
from tutor.learning.store.progress import open_store

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)
HOSTILE = "σ → λ ŷ [b]not bold[/b] [red]x"


def home() -> Path:
    return Path(os.environ["MLPREP_HOME"])


def app_for_test(**options: Any) -> MLPrepApp:
    return make_app(warm_sklearn=False, cursor_blink=False, **options)


async def open_explain(pilot: Pilot[None]) -> ExplainScreen:
    """Press x on the topic screen and wait for the explain screen."""
    await settle(pilot)
    await pilot.press("x")
    for _ in range(300):
        if isinstance(pilot.app.screen, ExplainScreen):
            break
        await pilot.pause(0.02)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExplainScreen)
    return screen


def status(screen: ExplainScreen) -> str:
    return str(screen.query_one("#explain-status", Static).render())


# ----- writing, saved as typed and at quit -------------------------------------------------------
async def test_x_opens_the_topics_first_prompt_with_the_cursor_in_the_answer() -> None:
    app = app_for_test(topic="validation")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        first = prompts_for("validation")[0]
        assert screen.prompt == first and first.source == "workbook"
        assert str(screen.query_one("#explain-prompt", Static).render()) == first.prompt
        assert screen.focused is screen.answer_area
        assert not screen.revealed and not screen.query_one("#explain-model").display


async def test_letters_are_text_while_typing_and_saved_as_typed() -> None:
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        await pilot.press(*"r g n p w", "space")
        assert screen.answer_area.text == "r g n p w " and not screen.revealed and screen.index == 0
        await pilot.pause(0.6)  # the 0.4 s autosave
        assert load_answer(app.learning.store, screen.prompt.id) == "r g n p w "


async def test_text_typed_right_before_ctrl_q_is_there_when_reopened() -> None:
    app = app_for_test(topic="metrics")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        prompt_id = screen.prompt.id
        screen.answer_area.insert(HOSTILE + "\n")  # the learner's text, as pasted
        await pilot.press(*"typed at the last moment", "ctrl+q")
        await pilot.pause()
    assert load_answer(open_store(home()), prompt_id) == HOSTILE + "\ntyped at the last moment"
    again = app_for_test(topic="metrics")
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        assert screen.answer_area.text == HOSTILE + "\ntyped at the last moment"  # literally, no markup read


async def test_the_signal_path_saves_what_the_screen_shows() -> None:
    """A quit signal calls app.save_now before exiting: the answer of the last 0.4 s is written then."""
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        await pilot.press(*"just typed")
        app.save_now()
        assert load_answer(app.learning.store, screen.prompt.id) == "just typed"


async def test_escape_saves_and_leaves_the_answer_then_goes_back() -> None:
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        await pilot.press(*"draft", "escape")
        assert load_answer(app.learning.store, screen.prompt.id) == "draft"
        assert screen.focused is None and app.screen is screen
        await pilot.press("w", "!", "escape", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExplainScreen)
        assert load_answer(app.learning.store, screen.prompt.id) == "draft!"


async def test_next_and_previous_keep_each_prompts_own_answer() -> None:
    app = app_for_test(topic="gradient-descent")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        prompts = prompts_for("gradient-descent")
        await pilot.press(*"one", "escape", "n")
        assert screen.index == 1 and screen.answer_area.text == ""
        assert screen.focused is screen.answer_area  # a new prompt: the cursor is in its answer
        await pilot.press(*"two", "escape", "p")
        assert screen.index == 0 and screen.answer_area.text == "one"
        await pilot.press("p")
        assert screen.index == 0
        store = app.learning.store
        assert (load_answer(store, prompts[0].id), load_answer(store, prompts[1].id)) == ("one", "two")


# ----- reveal, tick, grade -----------------------------------------------------------------------
async def test_reveal_tick_and_grade_stores_the_grade_and_schedules_a_review() -> None:
    app = app_for_test(topic="decision-tree")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        prompt = screen.prompt
        await pilot.press(*"A leaf holds the final prediction.", "escape")
        await pilot.press("g")  # nothing to grade before the key points show
        assert explain_summary(app.learning.store)[prompt.id].grades == 0 and not screen.revealed
        await pilot.press("r")
        assert screen.revealed and screen.query_one("#explain-model").display
        assert str(screen.query_one("#explain-model-text", Static).render()) == prompt.model_answer
        points = screen.query_one("#explain-points", KeyPoints)
        assert [str(points.get_option_at_index(i).prompt) for i in range(points.option_count)] == [
            f"[ ] {point}" for point in prompt.key_points
        ]
        assert screen.focused is points
        await pilot.press("down", "space", "down", "enter")  # ticks points 1 and 2 (the list starts at 0)
        assert points.ticked == {1, 2}
        marks = [str(points.get_option_at_index(i).prompt)[:4] for i in range(points.option_count)]
        assert marks[:3] == ["[ ] ", "[✓] ", "[✓] "]  # the tick is text: it reads the same without colour
        await pilot.press("g")
        progress = explain_summary(app.learning.store)[prompt.id]
        assert (progress.covered, progress.total, progress.grades) == ((1, 2), len(prompt.key_points), 1)
        assert progress.answer == "A leaf holds the final prediction."
        assert status(screen).startswith(f"Saved: 2 of {len(prompt.key_points)} key points (Hard); back in Review")
        card = app.learning.store._read("SELECT due FROM cards WHERE question_id = ?", (prompt.card_id,))
        assert len(card) == 1


async def test_all_points_rate_good_and_the_last_grade_shows_when_reopened() -> None:
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        total = len(screen.prompt.key_points)
        await pilot.press("escape", "r", *(["space", "down"] * total), "g")
        assert f"Saved: {total} of {total} key points (Good)" in status(screen)
        await pilot.press("n", "escape", "p")  # back to the graded prompt: its last grade is said
        assert status(screen) == f"Last self-grade: {total} of {total} key points (graded once)."
        assert not screen.revealed


async def test_space_ticks_from_anywhere_once_revealed() -> None:
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        await pilot.press("escape", "r")
        screen.set_focus(None)
        await pilot.press("space")
        assert screen.query_one("#explain-points", KeyPoints).ticked == {0}


async def test_an_answer_scheduled_long_ago_is_due_and_review_opens_it() -> None:
    prompt = prompts_for("parametric")[2]
    with open_store(home()) as store:
        record_grade(store, prompt.id, prompt.topic, [], len(prompt.key_points), "old answer", when=LONG_AGO)
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "1 due for review" in app.title
        await pilot.press("v")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        extras = review.query_one("#review-extras", OptionList)
        assert extras.has_focus  # no question is due: the list has the keys
        assert str(extras.get_option_at_index(0).prompt) == f"Explain: {prompt.prompt} (5. Parametric)"
        await pilot.press("enter")
        for _ in range(300):
            if isinstance(app.screen, ExplainScreen):
                break
            await pilot.pause(0.02)
        screen = app.screen
        assert isinstance(screen, ExplainScreen) and screen.prompt == prompt


async def test_review_lists_exercises_and_prompts_after_the_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[tuple[str, str | None]] = []

    def fake_open(app: Any, learning: Any, topic: str, exercise_id: str | None = None) -> None:
        opened.append((topic, exercise_id))

    monkeypatch.setattr("screens.exercise.exercise_screen.open_exercises", fake_open)
    prompt = prompts_for("metrics")[0]
    with open_store(home()) as store:
        store.record_attempt("sigmoid-range", "sigmoid", 0, False, 3_000, when=LONG_AGO)
        record_grade(store, prompt.id, prompt.topic, [0], len(prompt.key_points), "", when=LONG_AGO)
        # An exercise's card, as the exercises write it.
        with store._write() as db:
            db.execute(
                "INSERT INTO cards (question_id, topic, card, due) VALUES (?, ?, ?, ?)",
                ("exercise:no-such-exercise", "validation", "{}", "2019-01-01T00:00:00.000000+00:00"),
            )
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "3 due for review" in app.title
        await pilot.press("v")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.panel is not None and review.panel.has_focus  # questions first
        extras = review.query_one("#review-extras", OptionList)
        labels = [str(extras.get_option_at_index(i).prompt) for i in range(extras.option_count)]
        assert labels == [
            "Exercise: no-such-exercise (7. Validation)",  # the most overdue first; an unknown id names itself
            f"Explain: {prompt.prompt} (4. Metrics)",
        ]
        assert review.sub_title == "Review: 3 due"
        await pilot.press("tab")
        assert extras.has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
        assert opened == [("validation", "no-such-exercise")]
