"""Placeholder until the workbook export lands: says so instead of writing anything."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from tutor.learning.session import Learning


def export_workbook(app: App[None], learning: Learning) -> None:
    """Tell the learner the export is not here yet."""
    app.notify("The workbook export is not available yet.", severity="warning", markup=False)
