"""The progress file on disk: created private, moved aside whole, copied for reading without writing.

Answers and notes are personal: the data directory we create is 0700, the database and its
-wal/-shm companions (SQLite gives those the database's own mode) and moved-aside copies 0600.
A directory that already exists (e.g. $MLPREP_HOME pointing at one's home) is left as it is.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
COMPANIONS = ("-wal", "-shm")


def companion(path: Path, suffix: str) -> Path:
    """`path`'s -wal or -shm file."""
    return path.with_name(path.name + suffix)


def make_private_dir(directory: Path) -> None:
    """Create the data directory 0700 if it is missing; its parents are made as usual, an existing one is untouched."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    directory.mkdir(mode=PRIVATE_DIR, exist_ok=True)  # the umask can only take bits away


def create_private(path: Path) -> None:
    """Create an empty database file 0600 unless one exists, before SQLite creates it 0644.

    SQLite treats an empty file as a new database and gives the -wal/-shm it creates the same mode.
    If this fails (a read-only place), SQLite's own open says why.
    """
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def restrict(path: Path) -> None:
    """Take group and other permissions off `path` and its companions (0644 -> 0600; 0400 stays 0400)."""
    for each in (path, *(companion(path, suffix) for suffix in COMPANIONS)):
        with contextlib.suppress(OSError):  # missing, or not ours to change: nothing to do
            mode = stat.S_IMODE(each.stat().st_mode)
            if mode & 0o077:
                os.chmod(each, mode & 0o700)


def identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (device, inode), or None if there is none."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def move_aside(path: Path) -> Path:
    """Rename a damaged file (and its WAL/SHM companions) to a free `.damaged-<UTC time>` name, made private."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
        counter += 1
    path.rename(target)
    for suffix in COMPANIONS:
        found = companion(path, suffix)
        if found.exists():
            found.rename(companion(target, suffix))
    restrict(target)
    return target


@contextlib.contextmanager
def scratch_copy(path: Path, with_wal: bool = True) -> Iterator[Path]:
    """A copy of the database (with its -wal, if asked and present) in a private temporary directory.

    Reading a copy leaves the original exactly as it was, and works where SQLite could not read the
    original in place (a read-only directory cannot take the -shm file a WAL database needs).
    """
    with tempfile.TemporaryDirectory(prefix="mlprep-read-") as scratch:
        copy = Path(scratch) / path.name
        shutil.copyfile(path, copy)
        wal = companion(path, "-wal")
        if with_wal and wal.is_file():
            shutil.copyfile(wal, companion(copy, "-wal"))
        yield copy
