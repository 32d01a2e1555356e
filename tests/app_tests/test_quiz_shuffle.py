"""Issue 11, section 2: options are shuffled each time a question is shown, letters follow the shown order,
and what the learner saw is what is stored (the content's option index, and the order shown)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from screens.app import MLPrepApp, make_app
from screens.review.review_screen import ReviewScreen
from screens.widgets.quiz_panel import QuizOption, QuizPanel
from tests.conftest import open_quiz, settle
from tutor.learning.content import load_questions
from tutor.learning.questions import Option, Question
from tutor.learning.store.progress import open_store


def question(qid: str, options: int = 4, right: int = 1, predict: dict[str, str] | None = None) -> Question:
    """A hand-made question whose option texts say their index in the content."""
    return Question(
        id=qid,
        topic="sigmoid",
        idea=f"idea of {qid}",
        prompt=f"Prompt of {qid}?",
        options=tuple(Option(f"option {i}", i == right, f"why {i}") for i in range(options)),
        predict=predict or {},
    )


class ShuffleApp(App[None]):
    """One QuizPanel with an injected, seeded shuffler; keeps what it was asked to record."""

    def __init__(self, questions: Sequence[Question], seed: int) -> None:
        super().__init__()
        self.questions = list(questions)
        self.rng = random.Random(seed)
        self.records: list[tuple[str, int, bool, tuple[int, ...]]] = []

    def record(self, q: Question, option: int, correct: bool, _ms: int, _recap: bool, shown: tuple[int, ...]) -> None:
        self.records.append((q.id, option, correct, shown))

    def compose(self) -> ComposeResult:
        yield QuizPanel(self.questions, self.record, heading="Quiz", rng=self.rng)

    def on_mount(self) -> None:
        self.query_one(QuizPanel).focus()


def on_screen(panel: QuizPanel) -> list[str]:
    """The option texts as the rows show them, top to bottom (the ✓/✗ marks cut off)."""
    texts = []
    for row in panel.query(QuizOption):
        if row.display:
            text = str(row.query_one(".quiz-text", Static).visual)
            texts.append(text.split("  ")[0])
    return texts


def indexes_on_screen(panel: QuizPanel) -> tuple[int, ...]:
    """The content indexes of the options as shown, read back from the screen."""
    question = panel.current_question
    assert question is not None
    texts = [option.text for option in question.options]
    return tuple(texts.index(text) for text in on_screen(panel))


@pytest.mark.parametrize("predict", [None, {"threshold": "0.9"}], ids=["plain", "predict"])
async def test_each_showing_shuffles_afresh_and_the_rows_follow_the_order(predict: dict[str, str] | None) -> None:
    app = ShuffleApp([question("q", options=5, predict=predict)], seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        panel = app.query_one(QuizPanel)
        seen = []
        for _ in range(8):
            order = panel.shown_order
            assert sorted(order) == [0, 1, 2, 3, 4]
            assert indexes_on_screen(panel) == order  # the letters A… show the options in that order
            seen.append(order)
            await pilot.press("n", "n")  # to the end, and back to the question: shown again
        assert len(set(seen)) > 1, seen


async def test_a_letter_answers_the_option_shown_under_it_and_records_its_content_index() -> None:
    app = ShuffleApp([question("q1", right=1), question("q2", right=2)], seed=11)
    async with app.run_test(size=(100, 30)) as pilot:
        panel = app.query_one(QuizPanel)
        shown = indexes_on_screen(panel)
        await pilot.press(panel.letter_of(1))  # the right option, wherever it is shown
        assert app.records == [("q1", 1, True, shown)]
        assert panel.feedback_text.startswith(f"✓ Correct: {panel.letter_of(1)}.")
        await pilot.press("n")
        shown = indexes_on_screen(panel)
        await pilot.press("A")  # whatever is shown first
        assert app.records[1] == ("q2", shown[0], shown[0] == 2, shown)


async def test_the_footer_names_only_the_letters_this_question_has() -> None:
    app = ShuffleApp([question("three", options=3), question("five", options=5)], seed=1)
    async with app.run_test(size=(100, 30)) as pilot:

        def answer_keys() -> list[str]:
            return [
                active.binding.key_display or active.binding.key
                for active in app.screen.active_bindings.values()
                if active.binding.action.startswith("choose") and active.binding.show
            ]

        assert answer_keys() == ["A–C"]
        await pilot.press("D")  # not an option of this question: nothing happens
        assert app.records == []
        await pilot.press("A")
        assert answer_keys() == []  # answered: no answer key is offered
        await pilot.press("n")
        assert answer_keys() == ["A–E"]


def app_for_test() -> MLPrepApp:
    app = make_app(topic=1, warm_sklearn=False, cursor_blink=False)
    app.learning.rng = random.Random(7)
    return app


async def test_the_store_keeps_the_content_index_and_the_order_the_screen_showed() -> None:
    app = app_for_test()
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot)
        shown, question = indexes_on_screen(quiz), quiz.current_question
        await pilot.press("C")
        await settle(pilot)
        [attempt] = app.learning.store.attempts()
        assert (attempt.question_id, attempt.option_index, attempt.shown_order) == (question.id, shown[2], shown)
        assert attempt.correct == (shown[2] == question.correct_index)


async def test_review_shuffles_too_and_stores_what_it_showed() -> None:
    question = load_questions().for_topic("metrics")[0]
    with open_store() as store:
        store.record_attempt(question.id, question.topic, 0, False, 5000, when=datetime(2020, 1, 1, tzinfo=UTC))
    app = app_for_test()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        panel = app.screen.query_one(QuizPanel)
        shown = indexes_on_screen(panel)
        assert sorted(shown) == list(range(len(question.options)))
        await pilot.press(panel.letter_of(question.correct_index))
        await settle(pilot)
        latest = app.learning.store.attempts()[-1]
        assert (latest.option_index, latest.correct, latest.shown_order) == (question.correct_index, True, shown)
