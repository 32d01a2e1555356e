"""The progress file on disk: whole after close (checkpointed), private (0700/0600), readable in a read-only folder."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from tutor.learning.store.progress import FILENAME, open_store

ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _answers_in_the_main_file_alone(path: Path, scratch: Path) -> int:
    """How many answers a copy of `path` alone (no -wal beside it) holds, as a backup would."""
    scratch.mkdir()
    shutil.copyfile(path, scratch / FILENAME)
    with closing(sqlite3.connect(scratch / FILENAME)) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM attempts").fetchone()[0])
        except sqlite3.OperationalError:  # no such table: the schema is still in the WAL too
            return 0


@pytest.fixture
def umask_022() -> Iterator[None]:
    """A normal umask, whatever the test runner's own is."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


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


# ----- item 17: private by default --------------------------------------------------------------
def test_a_new_data_dir_is_0700_and_the_database_and_its_companions_0600(tmp_path: Path, umask_022: None) -> None:
    home = tmp_path / "fresh" / "mlprep"
    with open_store(home) as store:
        store.record_attempt("q", "sigmoid", 0, True, 1_000)
        assert _mode(home) == 0o700
        for name in (FILENAME, f"{FILENAME}-wal", f"{FILENAME}-shm"):
            assert _mode(home / name) == 0o600, name


def test_an_existing_directory_is_left_as_it_is_but_the_database_is_made_private(
    tmp_path: Path, umask_022: None
) -> None:
    home = tmp_path / "chosen"
    home.mkdir(mode=0o755)
    os.chmod(home, 0o755)
    with closing(sqlite3.connect(home / FILENAME)):
        pass  # an empty file, as an older version would have created: 0644
    os.chmod(home / FILENAME, 0o644)
    with open_store(home) as store:
        store.record_attempt("q", "sigmoid", 0, True, 1_000)
    assert _mode(home) == 0o755
    assert _mode(home / FILENAME) == 0o600


def test_a_moved_aside_file_and_its_companions_are_0600(tmp_path: Path, umask_022: None) -> None:
    (tmp_path / FILENAME).write_bytes(b"not a database " * 100)
    (tmp_path / f"{FILENAME}-wal").write_bytes(b"")
    os.chmod(tmp_path / FILENAME, 0o644)
    os.chmod(tmp_path / f"{FILENAME}-wal", 0o644)
    with open_store(tmp_path) as store:
        assert store.notice is not None
    moved = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(moved) == 2
    assert all(_mode(p) == 0o600 for p in moved), [(p.name, oct(_mode(p))) for p in moved]


# ----- item 9: a read-only data directory -------------------------------------------------------
_READ_BACK = (
    "import json, sys\n"
    "from tutor.learning.store.progress import open_store\n"
    "store = open_store(sys.argv[1])\n"
    "print(json.dumps({'in_memory': store.in_memory, 'warning': store.warning, 'notice': store.notice,"
    " 'attempts': [a.question_id for a in store.attempts()], 'note': store.note('sigmoid')}))\n"
)


def _non_root_python() -> list[str] | None:
    """A command prefix running Python as `nobody` (root ignores permission bits), or None."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    for python in (sys.executable, "/usr/bin/python3"):
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", python]
        probe = subprocess.run(
            [*command, "-c", "import sqlite3, datetime; datetime.UTC"], capture_output=True, timeout=60, check=False
        )
        if probe.returncode == 0:
            return command
    return None


def _read_back(home: Path, as_nobody: list[str] | None) -> dict[str, object]:
    command = [*(as_nobody or [sys.executable]), "-c", _READ_BACK, str(home)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd="/", check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("file_writable", [True, False], ids=["file-0600", "file-0400"])
def test_a_readonly_data_directory_still_shows_earlier_progress(file_writable: bool) -> None:
    """The directory cannot take the -wal/-shm files SQLite needs beside a WAL database, so even a
    read-only open failed and the learner saw 0 attempts. Run as a non-root user: root ignores
    permission bits."""
    as_nobody = _non_root_python() if os.geteuid() == 0 else None
    if os.geteuid() == 0 and as_nobody is None:
        pytest.skip("running as root without setpriv and a Python that nobody may run")
    outer = Path(tempfile.mkdtemp(prefix="mlprep-ro-"))  # not under root's 0700 pytest dir
    try:
        os.chmod(outer, 0o755)
        home = outer / "home"
        with open_store(home) as store:
            for n in range(5):
                store.record_attempt(f"q{n}", "sigmoid", 0, True, 1_000)
            store.set_note("sigmoid", "still here")
        if as_nobody is not None:
            for path in (home, home / FILENAME):
                os.chown(path, 65534, 65534)
        os.chmod(home / FILENAME, 0o600 if file_writable else 0o400)
        os.chmod(home, 0o555)
        before = sorted(p.name for p in home.iterdir())
        seen = _read_back(home, as_nobody)
        assert seen["attempts"] == [f"q{n}" for n in range(5)]
        assert seen["note"] == "still here"
        assert seen["in_memory"] is True and seen["notice"] is None
        warning = str(seen["warning"])
        assert "earlier progress is shown" in warning and "new answers are not saved" in warning
        assert sorted(p.name for p in home.iterdir()) == before
    finally:
        if (outer / "home").exists():
            os.chmod(outer / "home", 0o755)
        shutil.rmtree(outer, ignore_errors=True)
