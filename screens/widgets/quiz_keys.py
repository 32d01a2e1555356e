"""The quiz's keys: answering uses keys no screen binds, so a screen key never records an answer.

`b` hides the sidebar and `c` shows the code on the topic screen; a learner pressing them while a
question is open must get exactly that, never a graded answer. So the options answer with shift+A–E
(the capital letters shown beside them), or an arrow to pick one and then Enter. A lowercase a–e that
no screen uses shows a hint instead of doing nothing.

The footer names only the letters the question on screen has: the answer key A is bound once per
option count ("A–C", "A–D", "A–E"), and the panel's check_action shows the one that fits (see
`answer_binding_fits`); the letters past the last option are hidden.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from screens.widgets.quiz_text import LETTERS, letter_span
from tutor.learning.questions import Question

ANSWER_HINT = "Answer with shift+A–E, or ↑↓ then Enter."
LOWERCASE_HINT = "Answers are capital letters: shift+A–E (or ↑↓ then Enter). Lowercase keys keep their screen meaning."
MIN_OPTIONS = 3  # content allows 3–5 options per question


def answer_hint(count: int) -> str:
    """How to answer a question with `count` options."""
    return f"shift+{letter_span(count)} or ↑↓ Enter answers"


def score_line(score: tuple[int, int], total: int, question: Question | None, answered: bool, last: bool) -> str:
    """The panel's last line: the score (right/answered), then the keys that act now."""
    right, count = score
    keys = ""
    if question is not None and not answered:
        keys = answer_hint(len(question.options))
    elif question is not None:
        keys = ("n: finish" if last else "n: next question") + " · PgDn: more"
    return " · ".join(filter(None, [f"Score {right}/{count}" if total else "", keys]))


def answer_binding_fits(parameters: tuple[object, ...], count: int | None) -> bool:
    """Whether a `choose` binding belongs in the footer for a question with `count` options (None: no
    open question). `choose(i)` is letter i; `choose(0, n)` is the footer's A for n options."""
    if count is None or not parameters:
        return False
    if len(parameters) == 2:
        return parameters[1] == count
    index = parameters[0]
    return isinstance(index, int) and index < count


# Answering keys are capitals: no screen binds one. The three A bindings differ only in what the footer
# shows; help lists the last (A–E).
QUIZ_BINDINGS: list[BindingType] = [
    *[
        Binding(
            "A",
            f"choose(0, {count})",
            "Answer",
            key_display=letter_span(count),
            tooltip=f"Answer with shift+{letter_span(count)} (the letters the question has), or ↑↓ then Enter",
        )
        for count in range(MIN_OPTIONS, len(LETTERS) + 1)
    ],
    *[Binding(letter, f"choose({i})", f"Answer {letter}", show=False) for i, letter in enumerate(LETTERS) if i],
    Binding("down", "move(1)", "Pick the next option (Enter answers)", key_display="↓", show=False),
    Binding("up", "move(-1)", "Pick the previous option", key_display="↑", show=False),
    Binding("j", "move(1)", "Pick the next option", show=False),
    Binding("k", "move(-1)", "Pick the previous option", show=False),
    Binding("enter", "choose_highlighted", "Answer with the picked option", show=False),
    Binding("n", "next", "Next question"),
    Binding("pageup", "scroll_body(-1)", "Scroll the explanations (before answering: the question) up", show=False),
    Binding("pagedown", "scroll_body(1)", "Scroll the explanations (before answering: the question) down", show=False),
]
