"""Code exercises in the progress store: the learner's code, every check run, hint, solution and reset.

Module functions over a ProgressStore (the store says how rows are written; this says what an exercise
keeps). Each run of the checks also reviews the exercise's FSRS card, id "exercise:<id>", in `cards`
beside the questions' cards, so a failed exercise, or one passed only after seeing the solution, comes
back in review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from tutor.learning.store.progress import ProgressStore, StoreError, _ts
from tutor.support.clock import utc

if TYPE_CHECKING:  # fsrs loads with the first check recorded, as with the first answer
    from fsrs import Rating

CARD_PREFIX = "exercise:"


@dataclass(frozen=True)
class ExerciseProgress:
    """How far the learner has got with one exercise."""

    exercise_id: str
    topic: str
    attempts: int  # runs of the checks
    passed_ever: bool
    last_passed: bool | None  # None: the checks were never run
    hints_used: int  # the highest hint number revealed
    solution_shown: bool  # ever
    last_detail_json: str | None  # the latest run's results, as the screen recorded them
    last_at: datetime | None  # the latest event of any kind


def card_id(exercise_id: str) -> str:
    """The exercise's id in the review `cards` table."""
    return CARD_PREFIX + exercise_id


def save_code(store: ProgressStore, exercise_id: str, topic: str, code: str) -> None:
    """Keep the learner's code for an exercise (replacing what was kept)."""
    with store._write() as db:
        db.execute(
            "INSERT INTO exercise_code (exercise_id, topic, code, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (exercise_id) DO UPDATE SET topic = excluded.topic, code = excluded.code,"
            " updated_at = excluded.updated_at",
            (exercise_id, topic, code, _ts(utc())),
        )


def load_code(store: ProgressStore, exercise_id: str) -> str | None:
    """The learner's kept code for an exercise, or None if they never typed any."""
    rows = store._read("SELECT code FROM exercise_code WHERE exercise_id = ?", (exercise_id,))
    return str(rows[0][0]) if rows else None


def _event(
    store: ProgressStore,
    exercise_id: str,
    topic: str,
    kind: str,
    passed: bool | None = None,
    detail: str | None = None,
    when: datetime | None = None,
) -> None:
    with store._write() as db:
        db.execute(
            "INSERT INTO exercise_events (exercise_id, topic, kind, passed, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
            (exercise_id, topic, kind, None if passed is None else int(passed), detail, _ts(utc(when))),
        )


_SOLUTION_SINCE_RESET = (
    "SELECT COUNT(*) FROM exercise_events WHERE exercise_id = ? AND kind = 'solution' AND id > COALESCE("
    "(SELECT MAX(id) FROM exercise_events WHERE exercise_id = ? AND kind = 'reset'), 0)"
)


def solution_seen_since_reset(store: ProgressStore, exercise_id: str) -> bool:
    """Whether the reference solution was shown since the code was last reset to the starter.

    A reset starts the exercise afresh, so only a pass after it, without the solution, counts as the
    learner's own; while the solution is in sight (or was), a pass is rated Hard and the card comes back.
    """
    return bool(store._read(_SOLUTION_SINCE_RESET, (exercise_id, exercise_id))[0][0])


def check_rating(passed: bool, solution_seen: bool) -> Rating:
    """Failed → Again; passed after seeing the solution → Hard (it comes back soon); passed → Good."""
    from fsrs import Rating

    if not passed:
        return Rating.Again
    return Rating.Hard if solution_seen else Rating.Good


def record_check(
    store: ProgressStore, exercise_id: str, topic: str, passed: bool, detail_json: str, when: datetime | None = None
) -> None:
    """Store one run of the checks and review the exercise's card, in one committed transaction."""
    from tutor.learning.schedule import card_from_json, card_to_json, review

    moment = utc(when)
    question_id = card_id(exercise_id)
    with store._write() as db:
        seen = bool(db.execute(_SOLUTION_SINCE_RESET, (exercise_id, exercise_id)).fetchone()[0])
        rating = check_rating(passed, seen)
        row = db.execute("SELECT card FROM cards WHERE question_id = ?", (question_id,)).fetchone()
        card = None
        if row is not None:
            try:
                card = card_from_json(row[0])
            except (ValueError, KeyError, TypeError):
                card = None  # an unreadable card restarts its schedule rather than losing the run
        card = review(card, question_id, rating, moment)
        db.execute(
            "INSERT INTO exercise_events (exercise_id, topic, kind, passed, detail, at)"
            " VALUES (?, ?, 'check', ?, ?, ?)",
            (exercise_id, topic, int(bool(passed)), detail_json, _ts(moment)),
        )
        db.execute(
            "INSERT INTO cards (question_id, topic, card, due) VALUES (?, ?, ?, ?) ON CONFLICT (question_id)"
            " DO UPDATE SET topic = excluded.topic, card = excluded.card, due = excluded.due",
            (question_id, topic, card_to_json(card), _ts(card.due)),
        )


def record_hint(store: ProgressStore, exercise_id: str, topic: str, number: int, when: datetime | None = None) -> None:
    """Store that hint `number` (1 = the first) was revealed."""
    if number < 1:
        raise StoreError(f"hint numbers start at 1, not {number}")
    _event(store, exercise_id, topic, "hint", detail=str(int(number)), when=when)


def record_solution(store: ProgressStore, exercise_id: str, topic: str, when: datetime | None = None) -> None:
    """Store that the reference solution was shown."""
    _event(store, exercise_id, topic, "solution", when=when)


def record_reset(store: ProgressStore, exercise_id: str, topic: str, when: datetime | None = None) -> None:
    """Store that the code went back to the starter."""
    _event(store, exercise_id, topic, "reset", when=when)


def exercise_summary(store: ProgressStore) -> dict[str, ExerciseProgress]:
    """Every exercise with any event, by id: attempts, passes, hints, solution, the latest run."""
    rows = store._read(
        "SELECT exercise_id, topic,"
        " SUM(kind = 'check'),"
        " MAX(CASE WHEN kind = 'check' THEN passed ELSE 0 END),"
        " MAX(CASE WHEN kind = 'hint' THEN CAST(detail AS INTEGER) ELSE 0 END),"
        " MAX(kind = 'solution'),"
        " MAX(CASE WHEN kind = 'check' THEN id END),"
        " MAX(id)"
        " FROM exercise_events GROUP BY exercise_id ORDER BY exercise_id"
    )
    latest_ids = [int(row[6]) for row in rows if row[6] is not None] + [int(row[7]) for row in rows]
    latest: dict[int, tuple[str, int | None, str | None]] = {}
    if latest_ids:
        marks = ", ".join("?" for _ in latest_ids)
        for event_id, at, passed, detail in store._read(
            f"SELECT id, at, passed, detail FROM exercise_events WHERE id IN ({marks})", tuple(latest_ids)
        ):
            latest[int(event_id)] = (str(at), None if passed is None else int(passed), detail)
    summary: dict[str, ExerciseProgress] = {}
    for exercise_id, topic, checks, passed_ever, hints, solution, last_check, last_event in rows:
        check = latest.get(int(last_check)) if last_check is not None else None
        summary[str(exercise_id)] = ExerciseProgress(
            exercise_id=str(exercise_id),
            topic=str(topic),
            attempts=int(checks or 0),
            passed_ever=bool(passed_ever),
            last_passed=None if check is None else bool(check[1]),
            hints_used=int(hints or 0),
            solution_shown=bool(solution),
            last_detail_json=None if check is None or check[2] is None else str(check[2]),
            last_at=utc(datetime.fromisoformat(latest[int(last_event)][0])),
        )
    return summary
