"""One-time things in the progress store's state table: whether the welcome has been shown.

Module functions over a ProgressStore, as exercise_progress is: the store says how rows are written;
this says what a flag keeps (a key 'seen:<thing>'; a reset keeps it, the learner knows the way).
"""

from __future__ import annotations

from tutor.learning.store.progress import ProgressStore

WELCOME = "welcome"


def seen(store: ProgressStore, thing: str) -> bool:
    """Whether a one-time thing has been shown to this learner."""
    return bool(store._read("SELECT 1 FROM state WHERE key = ?", (f"seen:{thing}",)))


def mark_seen(store: ProgressStore, thing: str) -> None:
    """Remember that a one-time thing has been shown (a StoreError reaches the caller)."""
    with store._write() as db:
        db.execute("INSERT OR IGNORE INTO state (key, value) VALUES (?, '1')", (f"seen:{thing}",))
