"""What to do next, in one line, and the learner's overall progress: read from the mastery rows."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.learning.mastery import TopicMastery

# "Set `threshold` to 0.9: …" in a recap's "Try this" list; a value may carry a remark in brackets.
_TRY = re.compile(r"Set `(?P<name>[A-Za-z_]\w*)` to (?P<value>[^:(]+?)\s*(?:\([^)]*\))?:")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def overview_lines(rows: Sequence[TopicMastery], due: int) -> list[str]:
    """Three short lines: questions answered of all, right on the latest attempt, due for review."""
    answered = sum(row.answered for row in rows)
    total = sum(row.questions for row in rows)
    right = sum(row.right_latest for row in rows)
    return [f"{answered}/{total} answered", f"{right} right", f"{due} due (v)" if due else "0 due"]


def try_these(recap: str) -> list[tuple[str, str]]:
    """The (parameter, value) pairs a recap's "Try this" section asks the learner to set, in order."""
    _, found, rest = recap.partition("## Try this")
    if not found:
        return []
    section = rest.split("\n## ", 1)[0]
    flat = " ".join(section.split())  # a suggestion may wrap across lines
    return [(match["name"], match["value"].strip()) for match in _TRY.finditer(flat)]


def _same(text: str, value: str) -> bool:
    """A field's text and a suggested value read as the same: item by item, numbers by value."""

    def items(raw: str) -> list[str | float]:
        found: list[str | float] = []
        for item in re.split(r"[\s,\[\]]+", raw.strip().lower()):
            if item:
                try:
                    found.append(float(item))
                except ValueError:
                    found.append(item)
        return found

    return items(text) == items(value)


def next_step(
    rows: Sequence[TopicMastery],
    due: int,
    current: str,
    names: Mapping[str, tuple[int, str]],
    recap: str = "",
    tried: Collection[tuple[str, str]] = (),
) -> str:
    """One concrete thing to do: a due review, then this topic's open questions, then a "Try this" from
    its recap not tried yet, then the next topic with open questions.

    rows: mastery per topic (curriculum order); due: questions due now; current: the open topic's slug;
    names: slug -> (number, short title); recap: the open topic's recap; tried: the (parameter, value)
    suggestions the learner has run already."""
    if due:
        return f"Next: press v to review {'the question' if due == 1 else f'the {due} questions'} due now."
    title = names.get(current, (0, current))[1]
    here = next((row for row in rows if row.slug == current), None)
    if here is not None and here.answered < here.questions:
        left = here.questions - here.answered
        still = "" if here.answered == 0 else " still open"
        return f"Next: press q to answer the {_plural(left, 'question')}{still} on {title}."
    for name, value in try_these(recap):
        if not any(name == done and _same(text, value) for done, text in tried):
            return f"Next: try {name} = {value} (p to edit, Enter to run) and watch the plot."
    later = next((row for row in rows if row.answered < row.questions), None)
    if later is not None:
        number, other = names.get(later.slug, (0, later.slug))
        open_ones = _plural(later.questions - later.answered, "question")
        return f"Next: press {number} for {other}, then q to answer its {open_ones}."
    return "Next: every question is answered and none is due; press s to see your stats."


def tried_now(recap: str, texts: Mapping[str, str]) -> list[tuple[str, str]]:
    """The recap's suggestions that the fields hold now (so they count as tried)."""
    return [(name, value) for name, value in try_these(recap) if name in texts and _same(texts[name], value)]
