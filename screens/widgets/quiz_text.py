"""What the quiz says: the shuffled option order, the verdict, every option's explanation, the end message."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from textual.content import Content

from tutor.learning.questions import Question

LETTERS = "ABCDE"  # content allows 3–5 options per question
CODE_STYLE = "bold $text-accent"  # inline `code`: bold keeps it apart without colour (NO_COLOR)


def shuffled_order(count: int, rng: random.Random) -> tuple[int, ...]:
    """A fresh order for `count` options: the content's option indexes, letter A's first."""
    order = list(range(count))
    rng.shuffle(order)
    return tuple(order)


def letter_span(count: int) -> str:
    """The answer letters a question with `count` options has: 'A–C' for three."""
    return f"A–{LETTERS[max(1, min(count, len(LETTERS))) - 1]}"


def with_code(text: str, style: str = "") -> Content:
    """Text with `inline code` drawn as code (no backticks), the rest in `style`; shown literally otherwise.

    Only our content comes through here (prompts, options, explanations): learner text never does."""
    parts: list[tuple[str, str]] = []
    for number, piece in enumerate(text.split("`")):
        # Odd pieces sit between a pair of backticks; after an unpaired last one the backtick stays.
        inside = number % 2 == 1 and number < text.count("`")
        if number % 2 == 1 and not inside:
            piece = "`" + piece
        if piece:
            parts.append((piece, " ".join(filter(None, [style, CODE_STYLE])) if inside else style))
    return Content.assemble(*parts)


def plain(text: str) -> str:
    """The text as read on screen: inline-code backticks dropped."""
    return with_code(text).plain


def predict_text(predict: Mapping[str, str]) -> str:
    """'name=value' pairs; a semicolon separates pairs because values may be comma lists."""
    return "; ".join(f"`{name}={value}`" for name, value in predict.items())


def verdict(question: Question | None, chosen: int | None, order: Sequence[int] = ()) -> str:
    """The first line of the feedback: right or not, and the letters as shown."""
    if question is None or chosen is None:
        return ""
    letter = letter_of(question, chosen, order)
    if question.is_correct(chosen):
        return f"✓ Correct: {letter}."
    return f"✗ Not quite: you chose {letter}; the answer is {letter_of(question, question.correct_index, order)}."


def letter_of(question: Question, index: int, order: Sequence[int] = ()) -> str:
    """The letter option `index` (the content's index) was shown under."""
    shown = tuple(order) or tuple(range(len(question.options)))
    return LETTERS[shown.index(index)]


def explanation_rows(question: Question, chosen: int, order: Sequence[int] = ()) -> list[tuple[int, str]]:
    """(content index, label) for every option: the chosen one first, then the right one, then the rest as
    shown. The label says which is which in words, so it reads the same without colour."""
    shown = tuple(order) or tuple(range(len(question.options)))
    right = question.correct_index
    first = [chosen] if chosen == right else [chosen, right]
    # The chosen one is "Your answer" whether right or not: the verdict above says which.
    labels = {chosen: "Your answer"} if chosen == right else {chosen: "Your answer", right: "The right answer"}
    return [(index, labels.get(index, "")) for index in first + [i for i in shown if i not in first]]


def predict_note(question: Question, runs_predict: bool = True) -> str:
    """For a predict question, the state it runs (`runs_predict`: this screen runs it, as a topic does)."""
    if not question.predict:
        return ""
    if runs_predict:
        return (
            f"Running the experiment with {predict_text(question.predict)}: watch the plot and numbers "
            "(q closes the quiz where they are hidden). Every other parameter is at its default; "
            "m brings back your own values (so does leaving the quiz)."
        )
    return f"In the topic's quiz this runs the experiment with {predict_text(question.predict)}."


def explanation(
    question: Question | None, chosen: int | None, runs_predict: bool = True, order: Sequence[int] = ()
) -> str:
    """Every option's explanation as plain text, chosen and right first (see explanation_rows), then for a
    predict question the state it runs."""
    if question is None or chosen is None:
        return ""
    parts = []
    for index, label in explanation_rows(question, chosen, order):
        head = f"{letter_of(question, index, order)}." + (f" ({label})" if label else "")
        parts.append(f"{head} {question.options[index].explanation}")
    note = predict_note(question, runs_predict)
    return plain("\n\n".join([*parts, note] if note else parts))


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
        (f"You've answered all {total} — {then}" if total != 1 else f"You've answered the question — {then}")
        if seen >= total
        else f"That was the last of {total} questions (you answered {seen} of them) — {then}"
    )
    return f"{head}\n\nScore: {right} right of {answered} answered."
