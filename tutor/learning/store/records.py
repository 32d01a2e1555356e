"""The rows the progress store hands out: answers (Attempt) and often-missed questions (Missed).

Kept apart from tutor.learning.store.progress, which opens before the app's first frame: these dataclasses are
only needed once answers are read or written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tutor.support.clock import utc


@dataclass(frozen=True)
class Attempt:
    """One answer as stored."""

    id: int
    question_id: str
    topic: str
    option_index: int
    correct: bool
    answered_at: datetime
    duration_ms: int | None
    recap_reopened: bool
    rating: int | None  # fsrs.Rating value; None for answers stored before schema v2
    # Original option indexes in the order shown (letter A first); None for answers stored before schema v3.
    shown_order: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Missed:
    """A question the learner got wrong at least once."""

    question_id: str
    topic: str
    misses: int
    attempts: int
    latest_correct: bool


def attempt_from_row(row: Sequence[Any]) -> Attempt:
    """An Attempt from an `attempts` row (columns in the store's _ATTEMPT_COLUMNS order), each value converted."""
    aid, qid, topic, option, correct, when, duration, recap, rating, shown = row
    return Attempt(
        int(aid),
        str(qid),
        str(topic),
        int(option),
        bool(correct),
        utc(datetime.fromisoformat(when)),
        None if duration is None else int(duration),
        bool(recap),
        None if rating is None else int(rating),  # None for answers stored before schema v2
        order_from_json(shown),
    )


def order_from_json(text: object) -> tuple[int, ...] | None:
    """The stored shown order back as a tuple; None when absent (answers before v3) or unreadable."""
    if not isinstance(text, str):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if not isinstance(value, list) or not all(isinstance(item, int) for item in value):
        return None
    return tuple(value)
