"""The exercise screen's results text, brought into view once it is laid out at its new size."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class ResultsPane(Static):
    """A run's results (or 'running…'); showing new ones scrolls the task pane to their first line.

    Scrolling right after the update used the old, shorter layout on a busy machine: nothing needed
    scrolling yet, then the results grew below the fold and the learner saw the task's top instead
    (found by the 80x24 failing-run snapshot under load). So the scroll is done after the next
    refresh and again when the new text changes the pane's size, whichever is last.
    """

    _bring_into_view = False

    def show(self, text: Text | str) -> None:
        """Replace the results and bring their top into view."""
        self.update(text)
        self._bring_into_view = True
        self.call_after_refresh(self._into_view)  # the same size as before: no Resize will come

    def on_resize(self) -> None:
        """Laid out at the new text's size: scroll now, with the real regions."""
        if self._bring_into_view:
            self._bring_into_view = False
            self._into_view()

    def _into_view(self) -> None:
        self.scroll_visible(animate=False, top=True)
