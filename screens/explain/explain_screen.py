"""Placeholder until the explain screen lands: says so instead of opening anything."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from tutor.learning.session import Learning


def open_explain(app: App[None], learning: Learning, topic: str) -> None:
    """Tell the learner the explain prompts are not here yet."""
    app.notify(f"Explain prompts for {topic} are not available yet.", severity="warning", markup=False)
