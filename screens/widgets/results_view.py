"""The results panel: metrics, small tables, notes and the takeaway of the current run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table as RichTable
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

if TYPE_CHECKING:  # annotations only: the result types load with the first run
    from tutor.engine.result import Result, Table


def result_renderable(result: Result) -> Group:
    """A Result's numbers and words as rich renderables."""
    parts: list[RenderableType] = []
    metrics = RichTable.grid(padding=(0, 2))
    metrics.add_column(style="bold")
    metrics.add_column(justify="right")
    for metric in result.metrics:
        metrics.add_row(metric.label, metric.display())
    parts.append(metrics)
    if result.takeaway:
        parts += [Text(""), Text(result.takeaway, style="italic")]
    for note in result.notes:
        parts += [Text(""), Text(f"Note: {note}", style="yellow")]
    for table in result.tables:
        parts += [Text(""), _FittedTable(table)]
    return Group(*parts)


class _FittedTable:
    """A result table drawn for the width it gets: when every column's longest word fits, no word is
    cut ("KNeighbo…"), rich wraps cells between words; narrower, rich shares the width as it can."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The rich table, with word-wide minimum column widths when they fit options.max_width."""
        table = self.table
        longest = [
            max(
                (
                    len(word)
                    for text in (name, *(row[i] for row in table.rows if i < len(row)))
                    for word in text.split()
                ),
                default=1,
            )
            for i, name in enumerate(table.columns)
        ]
        keep_words = sum(longest) + 3 * (len(longest) - 1) <= options.max_width
        rich_table = RichTable(title=table.title, title_justify="left", show_edge=False, pad_edge=False, expand=False)
        for name, width in zip(table.columns, longest, strict=True):
            rich_table.add_column(name, min_width=width if keep_words else None)
        for row in table.rows:
            rich_table.add_row(*row)
        yield rich_table


class ResultsView(VerticalScroll):
    """Scrollable metrics/tables/takeaway; problems show on a line above, progress in the border."""

    def compose(self) -> ComposeResult:
        """The body (the problem line is mounted the first time there is a problem)."""
        yield Static("", id="results-body")

    def show_result(self, result: Result) -> None:
        """Show a finished run."""
        self.query_one("#results-body", Static).update(result_renderable(result))

    def clear(self) -> None:
        """Empty the body (a topic that has not produced a result yet)."""
        self.query_one("#results-body", Static).update("")

    def set_status(self, status: str) -> None:
        """Show or clear the problem line ('Fix the marked field…'); it changes the layout."""
        found = self.query("#results-status")
        if not found:
            if status:
                # Literal text: a problem line can quote the learner's values or an error message.
                self.mount(Static(status, id="results-status", markup=False), before="#results-body")
            return
        line = found.first(Static)
        line.update(status)
        line.display = bool(status)

    def set_progress(self, progress: str) -> None:
        """'running…' in the bottom border: a repaint of the border, never a new layout
        (a layout pass mid-run would be the longest pause the event loop sees)."""
        self.border_subtitle = progress
