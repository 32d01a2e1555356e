"""A Result as plain terminal text: what `mlprep-tui run TOPIC` prints."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from tutor.result import Result, Table

if TYPE_CHECKING:
    from tutor.experiments import Experiment


def format_table(table: Table) -> list[str]:
    """A small table as aligned text lines, title first."""
    widths = [len(c) for c in table.columns]
    for row in table.rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip()

    out = [table.title, line(table.columns), line(tuple("─" * w for w in widths))]
    out.extend(line(row) for row in table.rows)
    return out


def render_text(experiment: Experiment, result: Result, width: int = 100, color: bool = False) -> str:
    """Metrics, tables, takeaway, notes and each plot sized to `width` columns."""
    from tutor.plots import render

    width = max(40, min(width, 160))
    lines = [f"{experiment.number}. {experiment.title}", ""]
    params = ", ".join(f"{p.name}={p.format(result.params[p.name])}" for p in experiment.params)
    lines += textwrap.wrap(f"parameters: {params}", width) + [""]
    label_width = max(len(m.label) for m in result.metrics) if result.metrics else 0
    lines += [f"  {m.label:<{label_width}}  {m.display()}" for m in result.metrics]
    for table in result.tables:
        lines += [""] + format_table(table)
    if result.notes:
        lines.append("")
        for note in result.notes:
            lines += textwrap.wrap(f"note: {note}", width)
    lines += [""] + textwrap.wrap(result.takeaway, width)
    for plot in result.plots:
        lines += ["", render(plot, width, 20, color=color)]
    return "\n".join(lines)
