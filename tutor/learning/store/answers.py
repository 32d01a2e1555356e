"""Writing one answer: its `attempts` row (with the option order the learner saw) and its reviewed FSRS card.

Kept apart from tutor.learning.store.progress, which opens before the app's first frame: fsrs and this
code load with the first answer.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime

from fsrs import Rating

from tutor.learning.schedule import card_from_json, card_to_json, review
from tutor.support.clock import utc


def stamp(moment: datetime) -> str:
    """One fixed format (UTC, microseconds) so text order is time order in SQL comparisons."""
    return utc(moment).isoformat(timespec="microseconds")


def order_json(shown_order: Sequence[int] | None) -> str | None:
    """The shown order as stored: a JSON list of original option indexes (None: not recorded)."""
    return None if shown_order is None else json.dumps([int(index) for index in shown_order])


def write_attempt(
    db: sqlite3.Connection,
    question_id: str,
    topic: str,
    option_index: int,
    correct: bool,
    moment: datetime,
    *,
    duration_ms: int | None,
    recap_reopened: bool,
    rating: Rating,
    shown_order: Sequence[int] | None,
) -> int | None:
    """Insert one answer and review its card with `rating`; return the new row id (inside the caller's
    transaction). option_index is the option's index in the content, whatever letter it was shown under."""
    row = db.execute("SELECT card FROM cards WHERE question_id = ?", (question_id,)).fetchone()
    card = None
    if row is not None:
        try:
            card = card_from_json(row[0])
        except (ValueError, KeyError, TypeError):
            card = None  # an unreadable card restarts its schedule rather than losing the answer
    card = review(card, question_id, rating, moment, duration_ms)
    cursor = db.execute(
        "INSERT INTO attempts (question_id, topic, option_index, correct, answered_at, duration_ms,"
        " recap_reopened, rating, shown_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            question_id,
            topic,
            option_index,
            int(bool(correct)),
            stamp(moment),
            duration_ms,
            int(bool(recap_reopened)),
            int(rating),
            order_json(shown_order),
        ),
    )
    db.execute(
        "INSERT INTO cards (question_id, topic, card, due) VALUES (?, ?, ?, ?) ON CONFLICT (question_id)"
        " DO UPDATE SET topic = excluded.topic, card = excluded.card, due = excluded.due",
        (question_id, topic, card_to_json(card), stamp(card.due)),
    )
    return cursor.lastrowid
