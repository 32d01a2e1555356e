"""What a screen holding unsaved learner text offers the app, so a quit (ctrl+q, a signal) loses nothing.

The app's save_now (called before a signal quits, see screens.quitting) asks every screen on the stack
that has this method to write what it shows now, not when its pending autosave would have fired.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class SavesOnQuit(Protocol):
    """A screen with learner text to write at once."""

    def save_now(self) -> None:
        """Write what the screen shows but has not saved yet."""
