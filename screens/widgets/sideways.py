"""Panes whose long lines scroll sideways with ←/→ instead of ending at the pane's edge."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, VerticalScroll

# Cells one ←/→ press moves a formula block: a few characters, as a text editor's view moves.
STEP = 8


class CodeScroll(ScrollableContainer):
    """The code view: scrolls both ways (↑/↓, ←/→ by STEP cells, Home/End) and shows a bar when a
    line is longer than the pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "sideways(-1)", "Scroll left", show=False),
        Binding("right", "sideways(1)", "Scroll right", show=False),
    ]

    def action_sideways(self, direction: int) -> None:
        """Scroll sideways by STEP cells."""
        self.scroll_to(x=self.scroll_x + direction * STEP, animate=False)


class RecapScroll(VerticalScroll):
    """The recap: ↑/↓ scroll the text; ←/→ move its formula blocks sideways together, so a formula
    wider than the pane can be read to its end (a bar under the block shows there is more)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "fences(-1)", "Formulas left", show=False),
        Binding("right", "fences(1)", "Formulas right", show=False),
    ]

    def action_fences(self, direction: int) -> None:
        """Scroll every formula (code fence) block sideways by STEP cells."""
        from textual.widgets._markdown import MarkdownFence  # the recap's Markdown is loaded by now

        for fence in self.query(MarkdownFence):
            fence.scroll_to(x=fence.scroll_x + direction * STEP, animate=False)

    def fences_scrolled(self) -> list[int]:
        """How far each formula block is scrolled sideways (for tests)."""
        from textual.widgets._markdown import MarkdownFence

        return [int(fence.scroll_x) for fence in self.query(MarkdownFence)]
