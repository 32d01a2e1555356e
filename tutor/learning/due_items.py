"""Review cards that are not questions: code exercises ("exercise:<id>") and explain prompts ("explain:<id>").

They share the `cards` table with the questions (question ids never contain ':'), so Review can list
them after the due questions. An explain card whose prompt the content no longer has is skipped (its
grades stay in the store); exercise cards are all listed, since this layer cannot see the exercises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tutor.learning.store.progress import ProgressStore, _ts
from tutor.support.clock import utc

KINDS = ("exercise", "explain")


@dataclass(frozen=True)
class DueItem:
    """A due exercise or explain prompt: what kind, its id (without the prefix), its topic, when it fell due."""

    kind: str  # "exercise" or "explain"
    item_id: str
    topic: str
    due: datetime


def due_items(store: ProgressStore, now: datetime | None = None) -> list[DueItem]:
    """Due exercise and explain cards, most overdue first (exercises before prompts on a tie)."""
    rows = store._read(
        "SELECT question_id, topic, due FROM cards WHERE due <= ? AND (question_id LIKE 'exercise:%'"
        " OR question_id LIKE 'explain:%') ORDER BY due, question_id",
        (_ts(utc(now)),),
    )
    found: list[DueItem] = []
    for card_id, topic, due in rows:
        kind, _, item_id = str(card_id).partition(":")
        if kind == "explain":
            from tutor.learning.explain import find_prompt  # the prompts load only when one is due

            if find_prompt(item_id) is None:
                continue
        try:
            when = utc(datetime.fromisoformat(str(due)))
        except ValueError:
            continue  # a mangled due date: the next review rewrites it
        found.append(DueItem(kind, item_id, str(topic), when))
    return found
