"""Issue 10, points 1b and 5: at 80x24 a question and all its options are in view together, before and after
answering; every option is explained once answered; inline code reads as code; no box inside a box."""

from __future__ import annotations

import random

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from screens.app import MLPrepApp, make_app
from screens.widgets.quiz_panel import QuizOption, QuizPanel
from screens.widgets.quiz_rows import ExplainRow
from tests.conftest import open_quiz


def app_for_test(topic: int = 1) -> MLPrepApp:
    app = make_app(topic=topic, warm_sklearn=False, cursor_blink=False)
    app.learning.rng = random.Random(2)
    return app


def inside(widget: Widget, box: Widget) -> bool:
    """Whether the widget's whole region lies within the box's region (so it is on screen there)."""
    region, frame = widget.region, box.region
    return region.height > 0 and frame.y <= region.y and region.bottom <= frame.bottom


def problems_in_view(quiz: QuizPanel) -> list[str]:
    """What of the question on screen is not in view: its prompt and its options."""
    body = quiz.query_one("#quiz-body", VerticalScroll)
    question = quiz.current_question
    assert question is not None
    found = [] if inside(quiz.query_one("#quiz-prompt"), body) else [f"{question.id}: prompt"]
    rows = [row for row in quiz.query(QuizOption) if row.display]
    assert len(rows) == len(question.options)
    return found + [f"{question.id}: option {row.position}" for row in rows if not inside(row, body)]


async def test_every_question_and_all_its_options_are_in_view_at_80x24_before_and_after_answering() -> None:
    app = app_for_test()
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot)
        # Every topic's questions in the first topic's pane: the same room, without running eight topics.
        quiz.set_questions(list(app.learning.bank), "Quiz")
        await pilot.pause()
        missing: list[str] = []
        while (question := quiz.current_question) is not None:
            missing += problems_in_view(quiz)
            await pilot.press("A")
            await pilot.pause()
            missing += [f"{p} (answered)" for p in problems_in_view(quiz)]
            if not inside(quiz.query_one("#quiz-verdict"), quiz.query_one("#quiz-feedback")):
                missing.append(f"{question.id}: the verdict")
            shown = [row for row in quiz.query(ExplainRow) if row.display]
            assert len(shown) == len(question.options), question.id
            await pilot.press("n")
            await pilot.pause()
        assert quiz.score[1] == len(app.learning.bank) >= 66
        assert missing == []


async def test_inline_code_reads_as_code_and_the_quiz_draws_no_box_of_its_own() -> None:
    app = app_for_test(topic=2)  # cross-entropy: its questions quote `lam` and friends
    async with app.run_test(size=(120, 40)) as pilot:
        quiz = await open_quiz(pilot)
        assert quiz.styles.border_top[0] in ("", "none")  # the recap pane's border is the only box
        while (question := quiz.current_question) is not None and "`" not in question.prompt:
            await pilot.press("n")
            await pilot.pause()
        assert question is not None, "a cross-entropy question quotes code in its prompt"
        content = quiz.query_one("#quiz-prompt", Static).visual
        text = str(content)
        assert "`" not in text
        code = question.prompt.split("`")[1]
        start = text.index(code)
        styled = [span for span in content.spans if span.start <= start and start + len(code) <= span.end]
        assert any("bold" in str(span.style) for span in styled), content.spans


async def test_long_explanations_scroll_with_page_keys_while_the_question_stays() -> None:
    app = app_for_test()
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot)
        await pilot.press("A")
        await pilot.pause()
        feedback = quiz.query_one("#quiz-feedback", VerticalScroll)
        assert feedback.max_scroll_y > 0, "at 80x24 the four explanations need more room than they get"
        await pilot.press("pagedown")
        await pilot.pause()
        assert feedback.scroll_y > 0
        assert problems_in_view(quiz) == []
        await pilot.press("pageup")
        await pilot.pause()
        assert feedback.scroll_y == 0


async def test_after_answering_the_arrows_scroll_the_explanations() -> None:
    app = app_for_test()
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot)
        await pilot.press("B")
        await pilot.pause()
        feedback = quiz.query_one("#quiz-feedback", VerticalScroll)
        await pilot.press("down", "down", "j")
        await pilot.pause()
        assert feedback.scroll_y == 3 and len(app.learning.store.attempts()) == 1
        await pilot.press("up", "k")
        await pilot.pause()
        assert feedback.scroll_y == 1
