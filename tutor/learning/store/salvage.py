"""What can still be read from a damaged progress file, carried into the fresh one.

The damaged file has been moved aside before this runs and is only ever read through a scratch
copy, so it stays exactly as it was. Rows are read table by table in rowid order; a page that
cannot be read is stepped over (the b-tree is searched for the next readable rowid), so one bad
page costs the rows on it, not the rest. Values that read but make no sense (a date that is not
a date) are left behind rather than carried into a file that every start reads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tutor.learning.store.files import companion, scratch_copy
from tutor.learning.store.schema import SCHEMA_VERSION

Row = dict[str, Any]

_LOWEST, _HIGHEST = -(2**63), 2**63 - 1
_MAX_BAD_STRETCHES = 1_000  # per table: bounds the work on a file that is mostly noise


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def _moment(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _int(value: object, allow_none: bool = False) -> bool:
    return (allow_none and value is None) or type(value) is int


# table -> (columns it needs, columns it may lack (schema v1), what makes a row sensible)
_TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...], Callable[[Row], bool]]] = {
    "attempts": (
        ("question_id", "topic", "option_index", "correct", "answered_at"),
        ("duration_ms", "recap_reopened", "rating", "shown_order"),
        lambda r: (
            _text(r["question_id"])
            and _text(r["topic"])
            and _int(r["option_index"])
            and r["correct"] in (0, 1)
            and _moment(r["answered_at"])
            and _int(r.get("duration_ms"), allow_none=True)
            and r.get("recap_reopened", 0) in (0, 1)
            and _int(r.get("rating"), allow_none=True)
            and (r.get("shown_order") is None or isinstance(r["shown_order"], str))  # read back leniently
        ),
    ),
    "cards": (
        ("question_id", "topic", "card", "due"),
        (),
        lambda r: _text(r["question_id"]) and _text(r["topic"]) and _text(r["card"]) and _moment(r["due"]),
    ),
    "notes": (("topic", "text", "updated_at"), (), lambda r: _text(r["topic"]) and _text(r["text"])),
    "state": (("key", "value"), (), lambda r: _text(r["key"]) and isinstance(r["value"], str)),
}


def recover(moved: Path, write: Callable[[], AbstractContextManager[sqlite3.Connection]]) -> str:
    """Carry what can be read from `moved` into a fresh store through its `write` transaction.

    Returns the end of the sentence that starts "it was moved to <path>": how much was recovered.
    """
    from tutor.learning.store.connection import StoreError

    salvaged = read_damaged(moved)
    if not salvaged.count():
        return " and a fresh one started; nothing in it could be read"
    try:
        with write() as db:
            answers, notes = write_salvaged(salvaged, db)
    except StoreError as error:
        return f" and a fresh one started; what could be read in it was not recovered ({error})"
    return f"; {_count(answers, 'answer')} and {_count(notes, 'note')} were recovered into a fresh file"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@dataclass
class Salvaged:
    """Rows read from one view of a damaged file, per table, oldest first."""

    intact: bool = False  # the view passed SQLite's integrity check
    rows: dict[str, list[Row]] = field(default_factory=dict)

    def count(self) -> int:
        return sum(len(rows) for rows in self.rows.values())

    def rank(self) -> tuple[bool, int]:
        """Better views sort higher: whole and not empty first, then more rows."""
        return self.intact and self.count() > 0, self.count()


def read_damaged(moved: Path) -> Salvaged:
    """The best readable view of a moved-aside file: with its -wal and, if there is one, without it.

    A WAL left from another database makes the file look damaged while the file alone is whole
    (and the mix may hold more rows, someone else's): a view that passes the integrity check and
    holds rows wins, then the one with more rows. Never raises.
    """
    views = (True, False) if companion(moved, "-wal").is_file() else (False,)
    best = Salvaged()
    for with_wal in views:
        try:
            with scratch_copy(moved, with_wal=with_wal) as copy:
                view = _read(copy)
        except (OSError, sqlite3.Error):
            continue
        if view.rank() > best.rank():
            best = view
    return best


def write_salvaged(salvaged: Salvaged, db: sqlite3.Connection) -> tuple[int, int]:
    """Add the salvaged rows to a fresh store inside the caller's transaction; (answers, notes) added.

    Answers are appended in their old order; a card, note or state row the fresh store already
    has (another instance may have started meanwhile, `opened_at` is always there) is kept.
    """
    added: dict[str, int] = {}
    for table, rows in salvaged.rows.items():
        if not rows:
            added[table] = 0
            continue
        columns = list(rows[0])
        verb = "INSERT" if table == "attempts" else "INSERT OR IGNORE"
        sql = f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        added[table] = db.executemany(sql, [tuple(row[c] for c in columns) for row in rows]).rowcount
    return added.get("attempts", 0), added.get("notes", 0)


def _read(copy: Path) -> Salvaged:
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if not 1 <= version <= SCHEMA_VERSION:
            return Salvaged()  # not a progress file of ours: nothing in it is ours to carry over
        try:
            intact = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            intact = False
        rows: dict[str, list[Row]] = {}
        for table, (needed, optional, sensible) in _TABLES.items():
            try:
                present = {str(info[1]) for info in conn.execute(f"PRAGMA table_info({table})")}
            except sqlite3.DatabaseError:
                continue
            if not set(needed) <= present:
                continue
            columns = [*needed, *(c for c in optional if c in present)]
            found = (dict(zip(columns, values, strict=True)) for values in _scan(conn, table, columns))
            rows[table] = [row for row in found if sensible(row)]
        return Salvaged(intact, rows)
    finally:
        conn.close()


def _scan(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    """Every readable row of `table` in rowid order, stepping over pages that cannot be read."""
    sql = f"SELECT rowid, {', '.join(columns)} FROM {table} WHERE rowid >= ? ORDER BY rowid"
    found: list[tuple[Any, ...]] = []
    start = _LOWEST
    for _ in range(_MAX_BAD_STRETCHES):
        try:
            for row in conn.execute(sql, (start,)):
                found.append(tuple(row[1:]))
                if row[0] == _HIGHEST:
                    return found
                start = row[0] + 1
            return found
        except sqlite3.DatabaseError:
            after = _next_readable(conn, table, start)
            if after is None:
                return found
            start = after
    return found


def _next_readable(conn: sqlite3.Connection, table: str, bad: int) -> int | None:
    """The first rowid above `bad` whose row can be reached, or None if none can."""

    def reachable(at: int) -> tuple[bool, int | None]:
        """(whether a search from `at` gets through, the first rowid >= at or None if there is none)."""
        try:
            row = conn.execute(f"SELECT rowid FROM {table} WHERE rowid >= ? ORDER BY rowid LIMIT 1", (at,)).fetchone()
        except sqlite3.DatabaseError:
            return False, None
        return True, None if row is None else int(row[0])

    step, good = 1, None
    while good is None:  # leap forward until a search gets through
        at = min(bad + step, _HIGHEST)
        if reachable(at)[0]:
            good = at
        elif at == _HIGHEST:
            return None
        else:
            bad, step = at, step * 2
    while good - bad > 1:  # then back to the first start that gets through
        middle = (bad + good) // 2
        if reachable(middle)[0]:
            good = middle
        else:
            bad = middle
    return reachable(good)[1]
