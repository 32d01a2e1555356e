"""The SQLite connection behind the progress store: one lock, one write transaction at a time, errors as StoreError.

Kept apart from tutor.learning.store.progress, which says what is stored; this says how it is read and written.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# How long close() waits for another instance's read or write to let a full checkpoint through;
# after that it folds in what it can without waiting (the rest stays in the WAL, safe, for next time).
CLOSE_WAIT_MS = 500


class StoreError(RuntimeError):
    """Reading or writing progress failed after the store was opened (e.g. the disk is full)."""


class StoreConnection:
    """A connection safe to share between threads (one lock guards it), closed with the store."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path  # where the file is (or would be, when in memory)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; IMMEDIATE so another instance's write makes us wait, not fail."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            except sqlite3.Error as error:
                raise StoreError(f"could not save progress to {self.path}: {error}") from None

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        """All rows of one query; SQLite's values are untyped, so callers convert what they take."""
        with self._lock:
            try:
                rows: list[tuple[Any, ...]] = self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                raise StoreError(f"could not read progress from {self.path}: {error}") from None
            return rows

    def close(self) -> None:
        """Fold the WAL into the main file, then close; afterwards reads and writes raise StoreError.

        SQLite checkpoints by itself only when the last connection to the file closes; with another
        instance open, every answer would stay in progress.sqlite3-wal and a copy of
        progress.sqlite3 alone would hold none of them. Closing twice is harmless.
        """
        with self._lock:
            with contextlib.suppress(sqlite3.Error):  # already closed, or the file went away: close anyway
                self._conn.execute(f"PRAGMA busy_timeout = {CLOSE_WAIT_MS}")
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            self._conn.close()
