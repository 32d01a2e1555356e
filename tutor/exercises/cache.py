"""Sandbox runs on disk, keyed by a content hash: the reference solution's answers (so a fresh
`exercise check` runs one child) and the starter's and mistakes' runs that `check` validates (so a
second `check` of unchanged exercises runs none).

Only plain JSON is stored and read back (json.loads); a file that is missing, damaged or from another
version of the exercise is simply not used. $MLPREP_CACHE_DIR when set, else $MLPREP_HOME/cache when
set (tests, benchmarks), else the platform's user cache directory.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

HOME_ENV = "MLPREP_HOME"  # the store's variable (tutor.learning.store.schema.HOME_ENV), without loading sqlite3
CACHE_ENV = "MLPREP_CACHE_DIR"  # the cache alone, elsewhere (the test suite shares one across its tests)


def cache_dir() -> Path:
    """Where cached sandbox runs live."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV]).expanduser() / "cache" / "exercises"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mlprep-tui", appauthor=False)) / "exercises"


def load(key: str) -> list[dict[str, Any]] | None:
    """The cached events for a key, or None when there is no usable entry."""
    try:
        events = json.loads((cache_dir() / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(events, list) or not all(isinstance(event, dict) for event in events):
        return None
    if not any(event.get("event") == "done" for event in events):
        return None
    return events


def load_run(key: str) -> dict[str, Any] | None:
    """A cached validation run (its events, output, why it stopped, exit status), or None."""
    try:
        run = json.loads((cache_dir() / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    fields: dict[str, type | tuple[type, ...]] = {
        "events": list,
        "raw_output": str,
        "stop": (str, type(None)),
        "returncode": (int, type(None)),
    }
    if not isinstance(run, dict) or set(run) != set(fields):
        return None
    if not all(isinstance(run[name], kind) for name, kind in fields.items()):
        return None
    if not all(isinstance(event, dict) for event in run["events"]):
        return None
    return run


def save(key: str, events: list[dict[str, Any]] | dict[str, Any]) -> None:
    """Keep a run (a reference run's events, or a validation run); any failure to write just means no cache."""
    folder = cache_dir()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(events, stream)
            os.replace(temporary, folder / f"{key}.json")  # atomic: a reader never sees half a file
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
