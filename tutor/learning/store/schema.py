"""Where the progress file lives, its schema and migrations, and opening it safely.

The schema version lives in `PRAGMA user_version`; migration N takes a file from version
N-1 to N. Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from tutor.learning.store.files import create_private, restrict, scratch_copy

APP_NAME = "mlprep-tui"
FILENAME = "progress.sqlite3"
HOME_ENV = "MLPREP_HOME"

# Another instance may hold the write lock while it commits; waiting this long for it means
# two instances writing at once both succeed instead of one failing with "database is locked".
BUSY_TIMEOUT_S = 15.0

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # v1: attempts, one FSRS card per question, notes per topic, small key/value state.
    (
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            question_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            option_index INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            answered_at TEXT NOT NULL
        )""",
        "CREATE INDEX attempts_question ON attempts (question_id, id)",
        "CREATE INDEX attempts_topic ON attempts (topic)",
        """CREATE TABLE cards (
            question_id TEXT PRIMARY KEY,
            topic TEXT NOT NULL,
            card TEXT NOT NULL,
            due TEXT NOT NULL
        )""",
        "CREATE TABLE notes (topic TEXT PRIMARY KEY, text TEXT NOT NULL, updated_at TEXT NOT NULL)",
        "CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ),
    # v2: how long an answer took, whether the recap was reopened, and the FSRS rating given.
    # Rows from v1 keep NULL duration and rating: we did not measure them, so we don't invent them.
    (
        "ALTER TABLE attempts ADD COLUMN duration_ms INTEGER",
        "ALTER TABLE attempts ADD COLUMN recap_reopened INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE attempts ADD COLUMN rating INTEGER",
        "CREATE INDEX cards_due ON cards (due)",
    ),
    # v3: the options in the order they were shown; the learner's exercise code and check runs;
    # explain-it answers and their self-grades. Exercises and explain prompts are scheduled in
    # `cards` too, under ids "exercise:<id>" and "explain:<id>" (question ids never contain ':').
    (
        "ALTER TABLE attempts ADD COLUMN shown_order TEXT",  # JSON list of option indexes; NULL before v3
        """CREATE TABLE exercise_code (
            exercise_id TEXT PRIMARY KEY,
            topic TEXT NOT NULL,
            code TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        # kind: 'check' (passed 0/1, detail = JSON of the check results), 'hint' (detail = hint number),
        # 'solution' (the reference solution was shown), 'reset' (back to the starter).
        """CREATE TABLE exercise_events (
            id INTEGER PRIMARY KEY,
            exercise_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            kind TEXT NOT NULL,
            passed INTEGER,
            detail TEXT,
            at TEXT NOT NULL
        )""",
        "CREATE INDEX exercise_events_exercise ON exercise_events (exercise_id, id)",
        """CREATE TABLE explain_answers (
            prompt_id TEXT PRIMARY KEY,
            topic TEXT NOT NULL,
            text TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        # covered: JSON list of the key-point indexes the learner ticked; total: how many points there were.
        """CREATE TABLE explain_grades (
            id INTEGER PRIMARY KEY,
            prompt_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            covered TEXT NOT NULL,
            total INTEGER NOT NULL,
            answer TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        "CREATE INDEX explain_grades_prompt ON explain_grades (prompt_id, id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

# Primary SQLite result codes (error.sqlite_errorcode & 0xFF) that mean the bytes are bad,
# as opposed to the location being unusable (CANTOPEN, READONLY, PERM, IOERR, FULL, ...).
_DAMAGED_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODE = 5  # SQLITE_BUSY


class Damaged(Exception):
    """The file exists but is not a readable progress file; it should be moved aside."""


class Unusable(Exception):
    """The file cannot be opened for writing here (permissions, disk, lock, newer version)."""


def connect(target: Path | str) -> sqlite3.Connection:
    """Open (creating if needed), check and migrate a progress database; raise Damaged or Unusable."""
    # Two first launches at once contend for the new file; some of SQLite's lock steps there
    # (switching to WAL, setting up its index) answer "busy" at once instead of waiting.
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            return _connect_once(target)
        except _Busy as busy:
            if time.monotonic() > deadline:
                raise Unusable(str(busy)) from None
            time.sleep(0.02)


class _Busy(Exception):
    """Another connection holds a lock this open needs; trying again shortly will do."""


def _connect_once(target: Path | str) -> sqlite3.Connection:
    """One attempt at connect(); raise _Busy if another connection was in the way."""
    in_memory = str(target) == ":memory:"
    look: sqlite3.Connection | None = None
    conn: sqlite3.Connection | None = None
    try:
        if not in_memory:
            create_private(Path(target))
            restrict(Path(target))
            # Look before touching, read-only: a damaged file (or one with another database's
            # WAL beside it) must be moved aside exactly as it is. A read-write connection would
            # fold the WAL into the file when it closes; a read-only one cannot, and while it
            # stays open neither can the read-write one below (SQLite only does it for the last).
            look = _look(Path(target))
        # isolation_level=None: we issue BEGIN IMMEDIATE/COMMIT ourselves, so every answer
        # is its own committed transaction and nothing waits in an implicit one.
        conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        if not in_memory:
            # WAL lets a reader and a writer (two instances) work at once; synchronous=FULL
            # makes a commit durable even against power loss, not only against kill -9.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
        migrate(conn)
        return conn
    except sqlite3.Error as error:
        if conn is not None:
            conn.close()
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in _DAMAGED_CODES:
            raise Damaged(str(error)) from None
        if code is not None and code & 0xFF == _BUSY_CODE:
            raise _Busy(str(error)) from None
        raise Unusable(str(error)) from None
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    finally:
        if look is not None:
            look.close()  # after `conn`: read-only, it never writes the file


def _look(path: Path) -> sqlite3.Connection:
    """A read-only connection that has checked the file's version and integrity; raise Damaged if bad."""
    look = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        _inspect(look)
        verdict = look.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise Damaged(f"integrity check failed: {verdict}")
        return look
    except BaseException:
        look.close()
        raise


def _inspect(conn: sqlite3.Connection) -> int:
    """The file's schema version; raise if it is too new or belongs to another program."""
    # One statement, so one snapshot: read separately, another instance's first migration could
    # commit in between (version 0, yet tables), and its brand-new file would be moved aside.
    version, objects = conn.execute(
        "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)"
    ).fetchone()
    if version > SCHEMA_VERSION:
        raise Unusable(f"it was written by a newer mlprep-tui (schema {version}; this one knows {SCHEMA_VERSION})")
    if version == 0 and objects:
        raise Damaged("it is an SQLite file but not an mlprep-tui progress file")
    return int(version)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> None:
    """Bring the schema to `target` in one write transaction (which also proves we can write)."""
    # IMMEDIATE takes the write lock first, so two instances opening a new file at once
    # cannot both run the same migration.
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = _inspect(conn)
        for number in range(version + 1, target + 1):
            for statement in MIGRATIONS[number - 1]:
                conn.execute(statement)
        if target > version:
            conn.execute(f"PRAGMA user_version = {int(target)}")
        # A write on every open: a read-only file is found out now, not at the first answer.
        conn.execute(
            "INSERT INTO state (key, value) VALUES ('opened_at', datetime('now')) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def copy_readonly(path: Path) -> sqlite3.Connection | None:
    """An in-memory copy of a progress file we may read but not write; None if that fails too."""
    try:
        return _copy_into_memory(f"{path.resolve().as_uri()}?mode=ro")
    except (sqlite3.Error, Damaged, Unusable, OSError):
        pass
    # A WAL database in a read-only directory cannot be read in place: SQLite needs a -shm file
    # beside it, which it may not create there. A copy somewhere writable reads like the original.
    try:
        with scratch_copy(path) as copy:
            return _copy_into_memory(copy.as_uri())
    except (sqlite3.Error, Damaged, Unusable, OSError):
        return None


def _copy_into_memory(uri: str) -> sqlite3.Connection:
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        source = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            source.backup(memory)
        finally:
            source.close()
        migrate(memory)
        return memory
    except BaseException:
        memory.close()
        raise


def data_dir(home: Path | str | None = None) -> Path:
    """Where progress lives: `home` if given, else $MLPREP_HOME, else the platform's user data dir."""
    if home is not None:
        return Path(home).expanduser()
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))
