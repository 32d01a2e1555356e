"""The learner's progress in one SQLite file: every attempt, FSRS cards, notes, where they left off.

Every answer is committed when it is given, so `kill -9` right after answering loses nothing.
A damaged file is moved aside (never deleted) and a fresh one started; an unwritable place
falls back to memory. Both leave a sentence for the UI to show (`notice`, `warning`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.learning.store.connection import StoreConnection
from tutor.learning.store.connection import StoreError as StoreError  # re-exported: callers catch it from here
from tutor.learning.store.files import identity, make_private_dir, move_aside
from tutor.learning.store.schema import FILENAME, Damaged, Unusable, connect, copy_readonly, data_dir, migrate
from tutor.support.clock import utc

if TYPE_CHECKING:  # the row types load when answers are first read or written (records.py)
    from tutor.learning.store.records import Attempt, Missed


def _ts(moment: datetime) -> str:
    # One fixed format (UTC, microseconds) so text order is time order in SQL comparisons.
    return utc(moment).isoformat(timespec="microseconds")


def _attempt(row: Sequence[Any]) -> Attempt:
    from tutor.learning.store.records import attempt_from_row  # loads with the first answer read, as Attempt does

    return attempt_from_row(row)


_ATTEMPT_COLUMNS = (
    "id, question_id, topic, option_index, correct, answered_at, duration_ms, recap_reopened, rating, shown_order"
)


class ProgressStore(StoreConnection):
    """Progress kept in SQLite; safe to call from several threads (one lock guards the connection)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        in_memory: bool = False,
        notice: str | None = None,
        warning: str | None = None,
    ) -> None:
        super().__init__(conn, path)
        self.in_memory = in_memory
        self.notice = notice  # something happened to the old file; say it once
        self.warning = warning  # progress will not be saved this session; keep it visible

    def recover(self, moved: Path) -> str:
        """Carry what can be read from a moved-aside file into this one; say how much, as the end of a sentence."""
        from tutor.learning.store.salvage import recover

        return recover(moved, self._write)

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- attempts and cards --------------------------------------------------------
    def record_attempt(
        self,
        question_id: str,
        topic: str,
        option_index: int,
        correct: bool,
        duration_ms: int | None,
        recap_reopened: bool = False,
        when: datetime | None = None,
        shown_order: Sequence[int] | None = None,
    ) -> Attempt:
        """Store one answer and update its question's FSRS card, committed before returning.

        option_index is the option's index in the content; shown_order lists those indexes in the order
        the learner saw them (letter A first), so what was on screen can be told from the row."""
        # fsrs loads with the first answer, not with the app (the store opens before the first frame).
        from tutor.learning.schedule import rating_for
        from tutor.learning.store.answers import write_attempt

        moment = utc(when)
        rating = rating_for(correct, duration_ms, recap_reopened)
        order = None if shown_order is None else tuple(int(index) for index in shown_order)
        with self._write() as db:
            attempt_id = write_attempt(
                db,
                question_id,
                topic,
                option_index,
                correct,
                moment,
                duration_ms=duration_ms,
                recap_reopened=recap_reopened,
                rating=rating,
                shown_order=order,
            )
            if attempt_id is None:  # an INSERT always sets it; checked so a broken driver cannot hand out None
                raise StoreError(f"could not save progress to {self.path}: the new answer has no id")
        from tutor.learning.store.records import Attempt

        return Attempt(
            attempt_id,
            question_id,
            topic,
            option_index,
            bool(correct),
            moment,
            duration_ms,
            bool(recap_reopened),
            int(rating),
            order,
        )

    def attempts(self, topic: str | None = None) -> list[Attempt]:
        """Every attempt (of one topic, if given), oldest first."""
        where, params = ("WHERE topic = ?", (topic,)) if topic is not None else ("", ())
        rows = self._read(f"SELECT {_ATTEMPT_COLUMNS} FROM attempts {where} ORDER BY id", params)
        return [_attempt(row) for row in rows]

    def latest_by_question(self) -> dict[str, Attempt]:
        """Each answered question's most recent attempt."""
        rows = self._read(
            f"SELECT {_ATTEMPT_COLUMNS} FROM attempts"
            " WHERE id IN (SELECT MAX(id) FROM attempts GROUP BY question_id) ORDER BY id"
        )
        return {str(row[1]): _attempt(row) for row in rows}

    def due(self, now: datetime | None = None) -> list[tuple[str, datetime]]:
        """(question id, due) for every card due at `now`, most overdue first, across all topics."""
        rows = self._read(
            "SELECT question_id, due FROM cards WHERE due <= ? ORDER BY due, question_id", (_ts(utc(now)),)
        )
        return [(str(qid), utc(datetime.fromisoformat(due))) for qid, due in rows]

    def due_count(self, now: datetime | None = None) -> int:
        """How many questions are due for review at `now`."""
        return int(self._read("SELECT COUNT(*) FROM cards WHERE due <= ?", (_ts(utc(now)),))[0][0])

    def topic_summary(self, now: datetime | None = None) -> dict[str, dict[str, int]]:
        """Per topic with any attempt: answered questions, right on latest attempt, attempts, correct, due."""
        summary: dict[str, dict[str, int]] = {}

        def entry(topic: str) -> dict[str, int]:
            return summary.setdefault(topic, {"answered": 0, "right_latest": 0, "attempts": 0, "correct": 0, "due": 0})

        for topic, count, right in self._read("SELECT topic, COUNT(*), SUM(correct) FROM attempts GROUP BY topic"):
            entry(topic).update(attempts=int(count), correct=int(right or 0))
        for attempt in self.latest_by_question().values():
            entry(attempt.topic)["answered"] += 1
            entry(attempt.topic)["right_latest"] += int(attempt.correct)
        for topic, count in self._read(
            "SELECT topic, COUNT(*) FROM cards WHERE due <= ? GROUP BY topic", (_ts(utc(now)),)
        ):
            entry(topic)["due"] = int(count)
        return summary

    def most_missed(self, limit: int = 5) -> list[Missed]:
        """Questions with the most wrong attempts; still-wrong ones first on a tie, then most recently missed."""
        rows = self._read(
            "SELECT a.question_id, a.topic, s.misses, s.n, a.correct FROM attempts a JOIN ("
            "  SELECT question_id, SUM(1 - correct) AS misses, COUNT(*) AS n, MAX(id) AS last_id,"
            "         MAX(CASE WHEN correct = 0 THEN id END) AS last_miss"
            "  FROM attempts GROUP BY question_id HAVING misses > 0"
            ") s ON a.id = s.last_id"
            " ORDER BY s.misses DESC, a.correct ASC, s.last_miss DESC, a.question_id LIMIT ?",
            (max(0, int(limit)),),
        )
        from tutor.learning.store.records import Missed

        return [
            Missed(str(qid), str(topic), int(misses), int(n), bool(correct)) for qid, topic, misses, n, correct in rows
        ]

    def reset(self, topic: str | None = None) -> int:
        """Delete attempts, exercise runs, explain self-grades and review cards (of one topic, if given);
        keep the learner's own text (notes, exercise code, explain answers). A full reset also forgets
        where the learner left off (the app opens fresh). Return attempts deleted."""
        where, params = ("WHERE topic = ?", (topic,)) if topic is not None else ("", ())
        with self._write() as db:
            deleted = db.execute(f"DELETE FROM attempts {where}", params).rowcount
            for table in ("cards", "exercise_events", "explain_grades"):
                db.execute(f"DELETE FROM {table} {where}", params)
            if topic is None:
                db.execute("DELETE FROM state WHERE key = 'last'")
        return deleted

    # ----- notes and where the learner left off ---------------------------------------
    def set_note(self, topic: str, text: str) -> None:
        """Save the learner's note on a topic (empty text removes it)."""
        with self._write() as db:
            if text.strip():
                db.execute(
                    "INSERT INTO notes (topic, text, updated_at) VALUES (?, ?, ?) ON CONFLICT (topic)"
                    " DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                    (topic, text, _ts(utc())),
                )
            else:
                db.execute("DELETE FROM notes WHERE topic = ?", (topic,))

    def note(self, topic: str) -> str:
        """The learner's note on a topic, or an empty string."""
        rows = self._read("SELECT text FROM notes WHERE topic = ?", (topic,))
        return str(rows[0][0]) if rows else ""

    def set_last(self, topic: str, params: Mapping[str, str]) -> None:
        """Remember the open topic and its parameter texts, so the app reopens there."""
        value = json.dumps({"topic": topic, "params": {str(k): str(v) for k, v in params.items()}})
        with self._write() as db:
            db.execute(
                "INSERT INTO state (key, value) VALUES ('last', ?) ON CONFLICT (key)"
                " DO UPDATE SET value = excluded.value",
                (value,),
            )

    def last(self) -> tuple[str, dict[str, str]] | None:
        """The topic and parameter texts the learner left off at, or None."""
        rows = self._read("SELECT value FROM state WHERE key = 'last'")
        try:
            data: Any = json.loads(rows[0][0]) if rows else None
            return (str(data["topic"]), {str(k): str(v) for k, v in dict(data["params"]).items()}) if data else None
        except (ValueError, KeyError, TypeError):
            return None  # a mangled value just means the app opens at the topic list


def _in_memory(
    path: Path, warning: str, notice: str | None = None, conn: sqlite3.Connection | None = None
) -> ProgressStore:
    if conn is None:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        migrate(conn)
    return ProgressStore(conn, path, in_memory=True, notice=notice, warning=warning)


def open_store(home: Path | str | None = None) -> ProgressStore:
    """Open the progress file, moving a damaged one aside or falling back to memory; never raises.

    Whoever opens it calls close() when done (the app: on quit), which folds the WAL into the file.
    """
    directory = data_dir(home)
    path = directory / FILENAME
    lost = "progress is kept in memory for this session only and will be lost when you quit"
    try:
        make_private_dir(directory)
    except OSError as error:
        return _in_memory(path, f"Cannot save progress in {directory} ({error.strerror or error}); {lost}.")
    moved = damage = None
    found = identity(path)
    try:
        return ProgressStore(connect(path), path)
    except Unusable as error:
        copy = copy_readonly(path) if path.is_file() else None
        if copy is not None:
            lost = (
                "your earlier progress is shown, but new answers are not saved: they are kept in memory "
                "for this session only and will be lost when you quit"
            )
        return _in_memory(path, f"Cannot write {path} ({error}); {lost}.", conn=copy)
    except Damaged as error:
        damage = error
        try:
            if identity(path) != found:
                # Another instance replaced the file meanwhile: never move its fresh file aside.
                raise FileNotFoundError(path)
            moved = move_aside(path)  # first, with its -wal/-shm: nothing may write the old file any more
        except FileNotFoundError:
            pass  # another instance moved it aside a moment ago and will say so
        except OSError as move_error:
            return _in_memory(
                path,
                f"Your progress file {path} is damaged ({error}) and could not be moved "
                f"aside ({move_error.strerror or move_error}); {lost}.",
            )
    try:
        store = ProgressStore(connect(path), path)
    except (Damaged, Unusable) as error:
        store = _in_memory(path, f"Cannot start a fresh progress file at {path} ({error}); {lost}.")
    if moved is not None:
        store.notice = f"Your progress file was damaged ({damage}); it was moved to {moved}{store.recover(moved)}."
    return store
