"""Issue 10, item 6: the quiz's closing line reads right for one question ("answered all 1" did not)."""

from __future__ import annotations

from screens.widgets.quiz_text import end_message


def test_one_question_is_not_all_1() -> None:
    message = end_message(1, 1, 1, 1, "n starts again")
    assert message.startswith("You've answered the question — n starts again")
    assert "all 1" not in message


def test_several_questions_keep_all_n() -> None:
    assert end_message(2, 2, 1, 2, "n starts again").startswith("You've answered all 2 — n starts again")
