"""The quiz's keys: answering uses keys no screen binds, so a screen key never records an answer.

`b` hides the sidebar and `c` shows the code on the topic screen; a learner pressing them while a
question is open must get exactly that, never a graded answer. So the options answer with shift+A–E
(the capital letters shown beside them), or an arrow to pick one and then Enter. A lowercase a–e that
no screen uses shows a hint instead of doing nothing.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from screens.widgets.quiz_text import LETTERS

ANSWER_HINT = "Answer with shift+A–E, or ↑↓ then Enter."
LOWERCASE_HINT = "Answers are capital letters: shift+A–E (or ↑↓ then Enter). Lowercase keys keep their screen meaning."


# Answering keys are capitals: no screen binds one.
QUIZ_BINDINGS: list[BindingType] = [
    Binding("A", "choose(0)", "Answer", key_display="A–E", tooltip=ANSWER_HINT),
    *[Binding(letter, f"choose({i})", f"Answer {letter}", show=False) for i, letter in enumerate(LETTERS) if i],
    Binding("down", "move(1)", "Pick the next option (Enter answers)", key_display="↓", show=False),
    Binding("up", "move(-1)", "Pick the previous option", key_display="↑", show=False),
    Binding("j", "move(1)", "Pick the next option", show=False),
    Binding("k", "move(-1)", "Pick the previous option", show=False),
    Binding("enter", "choose_highlighted", "Answer with the picked option", show=False),
    Binding("n", "next", "Next question"),
    Binding("pageup", "scroll_body(-1)", "Scroll the question up", show=False),
    Binding("pagedown", "scroll_body(1)", "Scroll the question down", show=False),
]
