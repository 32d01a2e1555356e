"""The key points of a model answer as a checklist the learner ticks: "[✓] point" / "[ ] point".

The marks are text, so a tick reads the same without colour (NO_COLOR). Space or Enter toggles the
highlighted point; the screen reads `ticked` when the learner saves the self-grade.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList

TICKED, UNTICKED = "[✓] ", "[ ] "


class KeyPoints(OptionList):
    """A checklist over the key points; `ticked` holds the indexes ticked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick", tooltip="Tick or untick the highlighted key point (or Enter)"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.points: tuple[str, ...] = ()
        self.ticked: set[int] = set()

    def set_points(self, points: Sequence[str]) -> None:
        """Show a new list, nothing ticked, the first point highlighted."""
        self.points = tuple(points)
        self.ticked = set()
        self.clear_options()
        self.add_options([self._line(index) for index in range(len(self.points))])
        self.highlighted = 0 if self.points else None

    def _line(self, index: int) -> Text:
        mark = TICKED if index in self.ticked else UNTICKED
        return Text(mark + self.points[index])  # content text, never read as markup

    def toggle(self, index: int) -> None:
        """Tick or untick one point."""
        if not 0 <= index < len(self.points):
            return
        self.ticked ^= {index}
        self.replace_option_prompt_at_index(index, self._line(index))

    def action_tick(self) -> None:
        """Space: toggle the highlighted point."""
        if self.highlighted is not None:
            self.toggle(self.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter (or a click): toggle that point."""
        event.stop()
        self.toggle(event.option_index)
