"""The plot pane: a Result's plot specs drawn with plotext at the pane's current size."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget

from tutor.render.plots import is_loaded, render

if TYPE_CHECKING:  # annotations only: the result types load with the first run
    from tutor.engine.result import PlotSpec

# Two plots sit side by side only when each gets at least this many columns.
_MIN_SIDE_BY_SIDE = 44


class PlotView(Widget, can_focus=True):
    """Draws the current topic's plots; redraws on resize; `g` cycles when only one fits.

    `plots_loading`: plotext is still loading in the background; the screen clears it (and
    refreshes the pane) when plotext is in.
    """

    def __init__(
        self,
        *,
        plots_loading: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.plots_loading = plots_loading
        self._plots: tuple[PlotSpec, ...] = ()
        self._message = "Press Enter in a parameter field to run."
        self._index = 0
        self._cache: tuple[object, Text] | None = None

    def show_plots(self, plots: list[PlotSpec]) -> None:
        """Show new plot specs (keeps the selected plot index when the count is unchanged)."""
        if len(plots) != len(self._plots):
            self._index = 0
        self._plots = tuple(plots)
        self._message = ""
        self._cache = None
        self.refresh()

    def show_message(self, message: str) -> None:
        """Show a status line (e.g. 'loading scikit-learn…') above the last plots, or alone."""
        self._message = message
        self._cache = None
        self.refresh()

    def next_plot(self) -> None:
        """Cycle to the next plot when they are shown one at a time."""
        if self._plots:
            self._index = (self._index + 1) % len(self._plots)
            self._cache = None
            self.refresh()

    def render(self) -> Text:
        """Render at the content size; cached so a repaint without change costs nothing."""
        width, height = self.content_size.width, self.content_size.height
        key = (self._plots, self._message, self._index, width, height, is_loaded())
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        text = self._draw(width, height)
        self._cache = (key, text)
        return text

    def _draw(self, width: int, height: int) -> Text:
        color = not os.environ.get("NO_COLOR")
        lines: list[Text] = []
        if self._message:
            lines.append(Text(self._message, style="italic"))
            height -= 1
        plots = self._plots
        if not plots or height < 3:
            return Text("\n").join(lines)
        if not is_loaded() and self.plots_loading:
            # plotext is still loading in the background; the screen refreshes this pane when it is in.
            lines.append(Text("drawing the plot…", style="italic"))
            return Text("\n").join(lines)
        side_by_side = len(plots) > 1 and width // len(plots) >= _MIN_SIDE_BY_SIDE
        if side_by_side:
            each = width // len(plots)
            columns = [render(p, each - 1, height, color=color).split("\n") for p in plots]
            rows = max(len(c) for c in columns)
            for row in range(rows):
                line = Text()
                for column in columns:
                    cell = Text.from_ansi(column[row]) if row < len(column) else Text()
                    cell.pad_right(each - cell.cell_len)
                    line.append_text(cell)
                lines.append(line)
        else:
            if len(plots) > 1:
                lines.append(Text(f"plot {self._index + 1} of {len(plots)} (g: next plot)", style="dim"))
                height -= 1
            lines.append(Text.from_ansi(render(plots[self._index], width, height, color=color)))
        return Text("\n").join(lines)
