"""Spaced review with FSRS (py-fsrs): one card per question id, ratings from how an answer went."""

from __future__ import annotations

import json
import zlib
from datetime import datetime

from fsrs import Card, Rating, Scheduler

from tutor.support.clock import utc

# A right answer that took longer than this was recalled with effort, so it is rated Hard.
# 30 s is generous for reading a four-option prompt: a quick reader needs 10–15 s, and
# someone re-deriving the idea from scratch takes longer than that.
SLOW_ANSWER_MS = 30_000

# Fuzzing spreads intervals randomly to avoid review pile-ups in decks of thousands of
# cards; with ~70 questions it only makes schedules (and tests) unpredictable.
SCHEDULER = Scheduler(enable_fuzzing=False)


def rating_for(correct: bool, duration_ms: int | None = None, recap_reopened: bool = False) -> Rating:
    """Wrong → Again; right but slow or after reopening the recap → Hard; right → Good."""
    if not correct:
        return Rating.Again
    if recap_reopened or (duration_ms is not None and duration_ms > SLOW_ANSWER_MS):
        return Rating.Hard
    return Rating.Good


def new_card(question_id: str, now: datetime | None = None) -> Card:
    """A fresh card for a question; its id is derived from the question id so it is stable."""
    # Passing card_id also avoids fsrs's 1 ms sleep that keeps generated ids unique.
    return Card(card_id=zlib.crc32(question_id.encode("utf-8")), due=utc(now))


def card_to_json(card: Card) -> str:
    """Serialize a card for the store."""
    return json.dumps(card.to_dict(), sort_keys=True)


def card_from_json(text: str) -> Card:
    """Read back a card written by card_to_json."""
    card = Card.from_dict(json.loads(text))
    card.due = utc(card.due)
    card.last_review = utc(card.last_review) if card.last_review else None
    return card


def review(
    card: Card | None, question_id: str, rating: Rating, when: datetime | None = None, duration_ms: int | None = None
) -> Card:
    """The card after one answer rated `rating` at `when` (a new card if `card` is None)."""
    moment = utc(when)
    current = card if card is not None else new_card(question_id, moment)
    if current.last_review is not None and moment < current.last_review:
        # Two instances (or a skewed clock) can deliver answers out of order; FSRS assumes
        # time moves forward, so an older answer counts as given at the last review.
        moment = current.last_review
    updated, _log = SCHEDULER.review_card(current, rating, review_datetime=moment, review_duration=duration_ms)
    return updated
