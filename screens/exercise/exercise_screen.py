"""Placeholder until the exercise screen lands: says so instead of opening anything."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from tutor.learning.session import Learning


def open_exercises(app: App[None], learning: Learning, topic: str) -> None:
    """Tell the learner the exercises are not here yet."""
    app.notify(f"Exercises for {topic} are not available yet.", severity="warning", markup=False)
