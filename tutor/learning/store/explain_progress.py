"""Explain-it progress: the learner's answer to each prompt and their self-grades against its key points.

The answer text is kept as typed (one row per prompt, saved as the learner writes). A self-grade is a
history row (which key points the answer covered, out of how many, and the answer as graded) and a
review of the prompt's FSRS card "explain:<id>": every point covered rates Good, some Hard, none
Again, so prompts come back in Review like questions. All of it is committed before returning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from tutor.learning.store.progress import ProgressStore, StoreError, _ts
from tutor.support.clock import utc


@dataclass(frozen=True)
class ExplainProgress:
    """One prompt's state: the saved answer, the last self-grade (if any) and how many there were."""

    prompt_id: str
    topic: str
    answer: str  # the text as last saved ("" if only graded, then cleared)
    covered: tuple[int, ...] | None  # key-point indexes ticked at the last grade; None: never graded
    total: int | None  # how many key points there were then
    graded_at: datetime | None
    grades: int


def card_id(prompt_id: str) -> str:
    """The review card's id for a prompt."""
    return f"explain:{prompt_id}"


def save_answer(store: ProgressStore, prompt_id: str, topic: str, text: str) -> None:
    """Save the learner's answer as typed (an empty or blank text removes it)."""
    with store._write() as db:
        if text.strip():
            db.execute(
                "INSERT INTO explain_answers (prompt_id, topic, text, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (prompt_id) DO UPDATE SET topic = excluded.topic, text = excluded.text,"
                " updated_at = excluded.updated_at",
                (prompt_id, topic, text, _ts(utc())),
            )
        else:
            db.execute("DELETE FROM explain_answers WHERE prompt_id = ?", (prompt_id,))


def load_answer(store: ProgressStore, prompt_id: str) -> str | None:
    """The saved answer, or None if there is none."""
    rows = store._read("SELECT text FROM explain_answers WHERE prompt_id = ?", (prompt_id,))
    return str(rows[0][0]) if rows else None


def rating_for_points(covered: int, total: int) -> int:
    """FSRS rating (as its int) for a self-grade: all points Good, some Hard, none Again."""
    from fsrs import Rating

    if total > 0 and covered >= total:
        return int(Rating.Good)
    return int(Rating.Hard if covered > 0 else Rating.Again)


def record_grade(
    store: ProgressStore,
    prompt_id: str,
    topic: str,
    covered: list[int],
    total: int,
    answer: str,
    when: datetime | None = None,
) -> datetime:
    """Store one self-grade and review the prompt's card; return when the prompt is next due."""
    # fsrs loads with the first grade, as it does with the first answer.
    from fsrs import Rating

    from tutor.learning.schedule import card_from_json, card_to_json, review

    if total <= 0:
        raise ValueError(f"a self-grade needs at least one key point (total {total})")
    points = sorted({int(index) for index in covered if 0 <= int(index) < total})
    moment = utc(when)
    rating = Rating(rating_for_points(len(points), total))
    cid = card_id(prompt_id)
    with store._write() as db:
        row = db.execute("SELECT card FROM cards WHERE question_id = ?", (cid,)).fetchone()
        card = None
        if row is not None:
            try:
                card = card_from_json(row[0])
            except (ValueError, KeyError, TypeError):
                card = None  # an unreadable card restarts its schedule rather than losing the grade
        card = review(card, cid, rating, moment)
        db.execute(
            "INSERT INTO explain_grades (prompt_id, topic, covered, total, answer, at) VALUES (?, ?, ?, ?, ?, ?)",
            (prompt_id, topic, json.dumps(points), total, answer, _ts(moment)),
        )
        db.execute(
            "INSERT INTO cards (question_id, topic, card, due) VALUES (?, ?, ?, ?) ON CONFLICT (question_id)"
            " DO UPDATE SET topic = excluded.topic, card = excluded.card, due = excluded.due",
            (cid, topic, card_to_json(card), _ts(card.due)),
        )
    return utc(card.due)


def _covered(text: object) -> tuple[int, ...]:
    """A stored covered list; a mangled one reads as nothing covered rather than failing the summary."""
    try:
        found = json.loads(str(text))
    except ValueError:
        return ()
    if not isinstance(found, list):
        return ()
    return tuple(index for index in found if isinstance(index, int) and not isinstance(index, bool))


def explain_summary(store: ProgressStore) -> dict[str, ExplainProgress]:
    """Every prompt with a saved answer or a grade: its answer, last grade and number of grades."""
    answers = {
        str(pid): (str(topic), str(text))
        for pid, topic, text in store._read("SELECT prompt_id, topic, text FROM explain_answers")
    }
    latest = store._read(
        "SELECT g.prompt_id, g.topic, g.covered, g.total, g.at, s.n FROM explain_grades g JOIN ("
        "  SELECT prompt_id, MAX(id) AS last_id, COUNT(*) AS n FROM explain_grades GROUP BY prompt_id"
        ") s ON g.id = s.last_id"
    )
    summary: dict[str, ExplainProgress] = {}
    for pid, topic, covered, total, at, count in latest:
        text = answers.get(str(pid), (str(topic), ""))[1]
        try:
            graded_at: datetime | None = utc(datetime.fromisoformat(str(at)))
        except ValueError:
            graded_at = None
        summary[str(pid)] = ExplainProgress(
            str(pid), str(topic), text, _covered(covered), int(total), graded_at, int(count)
        )
    for pid, (topic, text) in answers.items():
        if pid not in summary:
            summary[pid] = ExplainProgress(pid, topic, text, None, None, None, 0)
    return dict(sorted(summary.items()))


__all__ = [
    "ExplainProgress",
    "StoreError",
    "card_id",
    "explain_summary",
    "load_answer",
    "rating_for_points",
    "record_grade",
    "save_answer",
]
