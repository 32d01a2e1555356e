"""Pilot flows of the learning loop: answer → feedback → stored → sidebar → review; predict; notes; reopen."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import TextArea

from screens.app import make_app
from screens.review.review_screen import ReviewScreen
from screens.stats.stats_screen import StatsScreen
from screens.widgets.param_panel import field_id
from screens.widgets.quiz_panel import QuizPanel
from screens.widgets.sidebar import TopicSidebar
from tests.conftest import open_quiz, screen_of, settle, shown
from tutor.learning.content import load_questions
from tutor.learning.store.progress import open_store

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def home() -> Path:
    """The per-test data directory the autouse fixture points MLPREP_HOME at."""
    return Path(os.environ["MLPREP_HOME"])


def app_for_test(**options):
    """The app as tests use it: no warm-up process, no blinking cursor."""
    return make_app(warm_sklearn=False, cursor_blink=False, **options)


async def test_answer_gives_feedback_is_stored_and_updates_sidebar_and_review() -> None:
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        quiz = await open_quiz(pilot)
        assert app.focused is quiz
        question = quiz.current_question
        wrong = next(i for i, option in enumerate(question.options) if not option.correct)
        await pilot.press(quiz.letter_of(wrong))
        await settle(pilot)
        feedback = quiz.feedback_text
        assert feedback.startswith("✗ Not quite")
        assert question.options[wrong].explanation in feedback
        assert question.options[question.correct_index].explanation in feedback
        attempts = app.learning.store.attempts()
        assert [(a.question_id, a.option_index, a.correct) for a in attempts] == [(question.id, wrong, False)]
        prompt = app.query_one(TopicSidebar).prompt(0)
        assert "0✓ 1/" in prompt
        await pilot.press("n")
        right = quiz.current_question.correct_index
        await pilot.press(quiz.letter_of(right))
        await settle(pilot)
        assert quiz.feedback_text.startswith("✓ Correct")
        assert "1✓ 2/" in app.query_one(TopicSidebar).prompt(0)
    # Committed: a fresh store (a second process, in effect) sees both answers.
    assert len(open_store(home()).attempts()) == 2


async def test_review_shows_due_questions_across_topics_most_overdue_first() -> None:
    bank = load_questions()
    older, newer = bank.for_topic("metrics")[0], bank.for_topic("sigmoid")[0]
    store = open_store(home())
    store.record_attempt(older.id, older.topic, 0, False, 5000, when=LONG_AGO)
    store.record_attempt(newer.id, newer.topic, 0, False, 5000, when=datetime(2021, 1, 1, tzinfo=UTC))
    store.close()
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.title.startswith("ML interview prep · 2 due")
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        quiz = app.screen.query_one(QuizPanel)
        assert quiz.current_question.id == older.id
        await pilot.press(quiz.letter_of(older.correct_index))
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.title.startswith("ML interview prep · 1 due")


async def test_predict_question_applies_the_change_and_runs() -> None:
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        quiz = await open_quiz(pilot)
        while not quiz.current_question.predict:
            await pilot.press("n")
        question = quiz.current_question
        await pilot.press(quiz.letter_of(question.correct_index))
        await settle(pilot)
        result = shown(app, "sigmoid")
        for name, text in question.predict.items():
            assert screen_of(app).query_one(f"#{field_id('sigmoid', name)}").value == text
            param = screen_of(app).experiment.params[name]
            assert result.params[name] == param.parse(text)
        assert "Running the experiment with" in quiz.feedback_text


async def test_notes_are_saved_as_typed_and_come_back() -> None:
    app = app_for_test(topic="validation")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"val = tuning")
        await pilot.pause(0.6)
        assert open_store(home()).note("validation") == "val = tuning"
        await pilot.press("escape", "w")
    app = app_for_test(topic="validation")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert screen_of(app).query_one("#notes", TextArea).text == "val = tuning"


async def test_app_reopens_at_the_last_topic_with_its_parameters() -> None:
    app = app_for_test(topic="parametric", sets=["n_neighbors=9"])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert shown(app, "parametric").params["n_neighbors"] == 9
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert screen_of(app).current == "parametric"
        assert shown(app, "parametric").params["n_neighbors"] == 9


async def test_damaged_progress_file_is_kept_aside_and_the_learner_told() -> None:
    home().mkdir(parents=True, exist_ok=True)
    (home() / "progress.sqlite3").write_bytes(b"this is not a database" * 100)
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("damaged" in m for m in messages), messages
        kept = [p for p in home().iterdir() if p.name.startswith("progress.sqlite3.damaged")]
        assert kept and kept[0].read_bytes() == b"this is not a database" * 100


async def test_unwritable_location_runs_in_memory_and_says_so(monkeypatch, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("MLPREP_HOME", str(blocker / "home"))
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "NOT saved" in app.title
        assert any("memory" in n.message for n in app._notifications)


async def test_stats_screen_opens_with_s_and_closes_with_escape() -> None:
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, StatsScreen)


async def test_a_right_answer_after_reopening_the_recap_is_rated_hard() -> None:
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        quiz = await open_quiz(pilot)
        await pilot.press("q")  # back to the recap to look something up…
        await settle(pilot)
        await pilot.press("q")  # …and back to the same question
        await settle(pilot)
        await pilot.press(quiz.letter_of(quiz.current_question.correct_index))
        await settle(pilot)
        (attempt,) = app.learning.store.attempts()
        assert attempt.correct and attempt.recap_reopened
        assert attempt.rating == 2  # fsrs Rating.Hard
