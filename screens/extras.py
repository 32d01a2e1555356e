"""Opening what the topic screen asks for beyond the topic itself: exercises, explain prompts, the export.

Each screen loads on first use (never before the first frame). The app hands down its Learning session:
the screens below never reach into the app for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from tutor.learning.session import Learning


def open_extra(app: App[None], learning: Learning, kind: str, topic: str, item_id: str | None = None) -> None:
    """Open `kind` ("exercises", "explain" or "export") for `topic`, at exercise or prompt `item_id` if given
    (Review sends the learner to one)."""
    if kind == "exercises":
        from screens.exercise.exercise_screen import open_exercises

        open_exercises(app, learning, topic, item_id)
    elif kind == "explain":
        from screens.explain.explain_screen import open_explain

        open_explain(app, learning, topic, item_id)
    elif kind == "export":
        from screens.exporting import export_workbook

        export_workbook(app, learning)
