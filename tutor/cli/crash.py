"""Unexpected errors: the full traceback goes to a private log file, the terminal gets one line.

`report_crash(error)` is the one call for any caller that caught something it did not expect: the
CLI's command dispatch (tutor/cli/entry.py) and the app after `App.run()` returns with a crashed
app's exception (`app._exception`). It writes `crash-<UTC time>.log` (mode 0600) in the data
directory, or in the system temp directory when that cannot be written, prints
`mlprep-tui: unexpected error (Type: message); the details are in PATH` on stderr, and returns
EXIT_CRASH (70, EX_SOFTWARE in sysexits.h: "an internal software error has been detected").
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

EXIT_CRASH = 70  # sysexits.h EX_SOFTWARE; 1 is "the command found a problem", 2 a usage error


def _one_line(error: BaseException, limit: int = 200) -> str:
    """`Type: message` on one line (newlines folded, long messages shortened)."""
    message = " ".join(str(error).split())
    if len(message) > limit:
        message = message[: limit - 1] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _directories() -> list[Path]:
    """Where a log may go, best first: the data directory, then the system temp directory."""
    import tempfile

    found: list[Path] = []
    try:
        from tutor.learning.store.schema import data_dir

        found.append(data_dir())
    except Exception:  # a crash report must not crash: fall back to the temp dir
        pass
    found.append(Path(tempfile.gettempdir()))
    return found


def _write(directory: Path, text: str) -> Path:
    """Create a new 0600 log file in `directory` (never overwriting one) and write `text` to it."""
    from datetime import UTC, datetime

    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    for attempt in range(100):
        path = directory / (f"crash-{stamp}.log" if attempt == 0 else f"crash-{stamp}-{attempt}.log")
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        return path
    raise FileExistsError(f"no free crash log name in {directory}")


def write_crash_log(error: BaseException) -> Path | None:
    """Write the full traceback of `error` to a new crash log; return its path (None if none could be written)."""
    from tutor import __version__

    lines = traceback.format_exception(type(error), error, error.__traceback__)
    header = f"mlprep-tui {__version__}, Python {sys.version.split()[0]} on {sys.platform}\nargv: {sys.argv!r}\n\n"
    text = header + "".join(lines)
    for directory in _directories():
        try:
            return _write(directory, text)
        except OSError:
            continue
    return None


def report_crash(error: BaseException) -> int:
    """Log `error`'s traceback, say in one line on stderr where it is, and return EXIT_CRASH."""
    path = write_crash_log(error)
    where = f"the details are in {path}" if path is not None else "no log could be written (see the traceback above)"
    if path is None:  # nowhere to keep it: the traceback is better on the terminal than lost
        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
    print(f"mlprep-tui: unexpected error ({_one_line(error)}); {where}", file=sys.stderr, flush=True)
    return EXIT_CRASH
