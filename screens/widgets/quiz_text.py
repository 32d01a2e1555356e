"""What the quiz says: the verdict, the explanation of the chosen (and the right) option, the end message."""

from __future__ import annotations

from collections.abc import Mapping

from tutor.learning.questions import Question

LETTERS = "ABCDE"  # content allows 3–5 options per question


def predict_text(predict: Mapping[str, str]) -> str:
    """'name=value' pairs; a semicolon separates pairs because values may be comma lists."""
    return "; ".join(f"{name}={value}" for name, value in predict.items())


def verdict(question: Question | None, chosen: int | None) -> str:
    """The first line of the feedback."""
    return "✓ Correct" if question and chosen is not None and question.is_correct(chosen) else "✗ Not quite"


def explanation(question: Question | None, chosen: int | None, runs_predict: bool = True) -> str:
    """Why the chosen option is right or wrong; the right one's text and why, if it was another; for a
    predict question, the state it runs (`runs_predict`: the panel's screen runs it, as a topic does)."""
    if question is None or chosen is None:
        return ""
    right = question.correct_index
    parts = [f"You chose {LETTERS[chosen]}. {question.options[chosen].explanation}"]
    if chosen != right:
        parts.append(
            f"The answer is {LETTERS[right]}: {question.options[right].text}\n{question.options[right].explanation}"
        )
    if question.predict and runs_predict:
        parts.append(
            f"Running the experiment with {predict_text(question.predict)} — watch the plot and numbers. "
            "Every other parameter is at its default; m brings back your own values (so does leaving the quiz)."
        )
    elif question.predict:
        parts.append(f"In the topic's quiz this runs the experiment with {predict_text(question.predict)}.")
    return "\n\n".join(parts)


def option_state(index: int, chosen: int | None, right: int) -> str:
    """How an option row shows: '' before an answer; then 'right', 'wrong' (the chosen wrong one) or 'other'."""
    if chosen is None:
        return ""
    if index == right:
        return "right"
    return "wrong" if index == chosen else "other"


def end_message(total: int, seen: int, right: int, answered: int, then: str) -> str:
    """After the last question: how many of the `total` were `seen`, the score, and what `then`."""
    head = (
        f"You've answered all {total} — {then}"
        if seen >= total
        else f"That was the last of {total} questions (you answered {seen} of them) — {then}"
    )
    return f"{head}\n\nScore: {right} right of {answered} answered."
