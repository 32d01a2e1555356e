"""The progress file on disk: whole after close (checkpointed)."""

from __future__ import annotations

import shutil
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from tutor.learning.store.progress import FILENAME, open_store


def _answers_in_the_main_file_alone(path: Path, scratch: Path) -> int:
    """How many answers a copy of `path` alone (no -wal beside it) holds, as a backup would."""
    scratch.mkdir()
    shutil.copyfile(path, scratch / FILENAME)
    with closing(sqlite3.connect(scratch / FILENAME)) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM attempts").fetchone()[0])
        except sqlite3.OperationalError:  # no such table: the schema is still in the WAL too
            return 0


# ----- item 7: close() checkpoints --------------------------------------------------------------
def test_after_close_the_file_alone_holds_every_answer_even_with_another_instance_open(tmp_path: Path) -> None:
    """Another instance (or any reader) keeping the file open stops SQLite's own checkpoint at close:
    every answer stayed in progress.sqlite3-wal and a copy of progress.sqlite3 alone held none."""
    store = open_store(tmp_path)
    with closing(sqlite3.connect(tmp_path / FILENAME)) as other_instance:
        other_instance.execute("SELECT count(*) FROM attempts").fetchone()
        for n in range(30):
            store.record_attempt(f"q{n}", "sigmoid", n % 4, n % 2 == 0, 1_000)
        store.set_note("sigmoid", "kept in the main file")
        store.close()
        assert _answers_in_the_main_file_alone(tmp_path / FILENAME, tmp_path / "backup") == 30
        wal = tmp_path / f"{FILENAME}-wal"
        assert not wal.exists() or wal.stat().st_size == 0
    with closing(sqlite3.connect(tmp_path / "backup" / FILENAME)) as copy:
        assert copy.execute("SELECT text FROM notes").fetchall() == [("kept in the main file",)]


def test_close_does_not_hang_while_another_instance_is_mid_read(tmp_path: Path) -> None:
    """A reader holding a snapshot blocks a full checkpoint; close must give up quickly, keep every
    answer (in the WAL, for the next open) and still close."""
    store = open_store(tmp_path)
    store.record_attempt("before", "sigmoid", 0, True, 1_000)
    with closing(sqlite3.connect(tmp_path / FILENAME, isolation_level=None)) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM attempts").fetchone()  # holds its snapshot
        store.record_attempt("after", "sigmoid", 1, False, 1_000)
        started = time.monotonic()
        store.close()
        assert time.monotonic() - started < 3.0
        reader.execute("COMMIT")
    with open_store(tmp_path) as reopened:
        assert [a.question_id for a in reopened.attempts()] == ["before", "after"]


def test_close_twice_and_an_in_memory_store_close_quietly(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.close()
    store.close()
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    memory = open_store(blocker / "home")
    assert memory.in_memory
    memory.close()
