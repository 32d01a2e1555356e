"""The SQLite connection behind the progress store: one lock, one write transaction at a time, errors as StoreError.

Kept apart from tutor.learning.store.progress, which says what is stored; this says how it is read and written.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


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
        """Close the connection (further calls raise StoreError)."""
        with self._lock:
            self._conn.close()
