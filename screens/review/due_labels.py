"""How Review names a due exercise or explain prompt: "Exercise: <title> (topic)", "Explain: <prompt> (topic)"."""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from tutor.learning.due_items import DueItem


def exercise_title(exercise_id: str) -> str:
    """The exercise's title from tutor.exercises.spec; its id when the exercises (or this one) are not there."""
    try:
        spec = importlib.import_module("tutor.exercises.spec")  # optional: Review works without the exercises
        found = spec.get_exercise(exercise_id)
    except Exception:  # missing module, unknown id, a broken exercise file: the id still names it
        return exercise_id
    title = getattr(found, "title", None)
    return title if isinstance(title, str) and title.strip() else exercise_id


def due_label(item: DueItem, topic_titles: Mapping[str, str]) -> str:
    """One line naming the item, its kind first and its topic last."""
    topic = topic_titles.get(item.topic, item.topic)
    if item.kind == "explain":
        from tutor.learning.explain import find_prompt

        prompt = find_prompt(item.item_id)
        return f"Explain: {prompt.prompt if prompt is not None else item.item_id} ({topic})"
    return f"Exercise: {exercise_title(item.item_id)} ({topic})"
