"""A damaged progress file: moved aside untouched (with its -wal/-shm) first, then what can be read is recovered."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tutor.learning.store.progress import FILENAME, open_store


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _moved(home: Path, companion: str = "") -> list[Path]:
    """The moved-aside file (companion "") or its "-wal"/"-shm"."""
    kind = {p: next((c for c in ("-wal", "-shm") if p.name.endswith(c)), "") for p in home.iterdir()}
    return sorted(p for p, c in kind.items() if ".damaged-" in p.name and c == companion)


def _learner_file(home: Path, answers: int, notes: int) -> None:
    with open_store(home) as store:
        for n in range(answers):
            store.record_attempt(f"question-with-a-long-id-{n:04d}", "sigmoid", n % 4, n % 3 == 0, 1_000 + n)
        for n in range(notes):
            store.set_note(f"topic-{n}", f"note {n}")
        store.set_last("sigmoid", {"threshold": "0.7"})


def _foreign_wal(home: Path) -> bytes:
    """The -wal of another progress file, left behind while its writer was still open."""
    other = home.parent / f"{home.name}-other"
    with open_store(other) as store, closing(sqlite3.connect(other / FILENAME)) as holder:
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        holder.execute("SELECT count(*) FROM attempts").fetchone()  # keeps SQLite from checkpointing at close
        for n in range(200):
            store.record_attempt(f"someone-else-{n}-" + "x" * 40, "metrics", 0, True, 1_000)
        return (other / f"{FILENAME}-wal").read_bytes()


def test_a_foreign_wal_is_moved_aside_with_the_file_which_keeps_its_bytes_and_answers(tmp_path: Path) -> None:
    """Opening applied another database's WAL to the file (SQLite checkpoints when the last connection
    closes) before it was moved aside, so the learner's answers were overwritten for good."""
    home = tmp_path / "home"
    _learner_file(home, answers=37, notes=2)
    original = _digest(home / FILENAME)
    wal = _foreign_wal(tmp_path / "x")
    (home / f"{FILENAME}-wal").write_bytes(wal)

    with open_store(home) as store:
        [moved] = _moved(home)
        assert _digest(moved) == original, "the damaged file must be moved aside exactly as it was"
        [moved_wal] = _moved(home, "-wal")
        assert moved_wal.read_bytes() == wal
        assert store.notice is not None and str(moved) in store.notice
        assert "37 answers and 2 notes were recovered into a fresh file" in store.notice
        answers = store.attempts()
        assert [a.question_id for a in answers] == [f"question-with-a-long-id-{n:04d}" for n in range(37)]
        assert answers[5].duration_ms == 1_005 and answers[3].correct
        assert store.note("topic-1") == "note 1"
        assert store.last() == ("sigmoid", {"threshold": "0.7"})
        assert len(store.due(answers[-1].answered_at.replace(year=2100))) == 37  # the cards came too


def test_readable_rows_around_a_scribbled_page_are_recovered(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _learner_file(home, answers=400, notes=1)
    path = home / FILENAME
    with closing(sqlite3.connect(path)) as conn:
        try:
            leaves = [
                n for (n,) in conn.execute("SELECT pageno FROM dbstat WHERE name = 'attempts' AND pagetype = 'leaf'")
            ]
        except sqlite3.OperationalError:
            pytest.skip("this SQLite has no dbstat table to find the attempts table's pages")
    data = bytearray(path.read_bytes())
    [page] = [n for n in leaves if b"question-with-a-long-id-0200" in data[(n - 1) * 4096 : n * 4096]]
    assert 1 < leaves.index(page) < len(leaves) - 1  # rows on both sides of it
    data[(page - 1) * 4096 : page * 4096] = b"\xa5" * 4096  # one leaf of the attempts table
    path.write_bytes(bytes(data))

    with open_store(home) as store:
        recovered = [a.question_id for a in store.attempts()]
        assert "question-with-a-long-id-0000" in recovered and "question-with-a-long-id-0399" in recovered
        assert "question-with-a-long-id-0200" not in recovered
        assert 300 < len(recovered) < 400
        assert recovered == sorted(recovered)
        assert store.notice is not None
        assert f"{len(recovered)} answers and 1 note were recovered into a fresh file" in store.notice
        assert store.note("topic-0") == "note 0"


def test_unreadable_values_are_not_carried_into_the_fresh_file(tmp_path: Path) -> None:
    """A row that reads but holds nonsense (a date that is not a date) would break every start."""
    home = tmp_path / "home"
    _learner_file(home, answers=3, notes=0)
    path = home / FILENAME
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(
            "INSERT INTO attempts (question_id, topic, option_index, correct, answered_at) "
            "VALUES ('bad', 'sigmoid', 0, 1, 'not a date')"
        )
        conn.execute("INSERT INTO cards VALUES ('bad-card', 'sigmoid', '{}', 'never')")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'attempts_topic'").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(root - 1) * 4096 : root * 4096] = b"\x5a" * 4096  # an index page: the table rows stay readable
    path.write_bytes(bytes(data))

    with open_store(home) as store:
        assert [a.question_id for a in store.attempts()][-1] != "bad"
        assert len(store.attempts()) == 3
        assert "bad-card" not in dict(store.due(store.attempts()[0].answered_at.replace(year=2100)))
        assert store.notice is not None and "3 answers and 0 notes were recovered" in store.notice


def test_a_file_with_nothing_readable_says_so(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / FILENAME).write_bytes(b"\x00\xffnot SQLite\n" * 300)
    with open_store(home) as store:
        assert store.notice is not None and "moved to" in store.notice
        assert "nothing in it could be read" in store.notice
        assert store.attempts() == []


def test_a_recovered_file_opens_cleanly_next_time(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _learner_file(home, answers=5, notes=1)
    (home / f"{FILENAME}-wal").write_bytes(_foreign_wal(tmp_path / "x"))
    open_store(home).close()
    with open_store(home) as again:
        assert again.notice is None and len(again.attempts()) == 5
