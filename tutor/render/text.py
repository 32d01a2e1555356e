"""A Result as plain terminal text: what `mlprep-tui run TOPIC` prints."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from tutor.render.tables import aligned_table

if TYPE_CHECKING:
    from tutor.engine.experiments import Experiment
    from tutor.engine.result import Result


def render_text(experiment: Experiment, result: Result, width: int = 100, color: bool = False) -> str:
    """Metrics, tables, takeaway, notes and each plot sized to `width` columns."""
    from tutor.render.plots import render

    width = max(40, min(width, 160))
    lines = [f"{experiment.number}. {experiment.title}", ""]
    params = ", ".join(f"{p.name}={p.format(result.params[p.name])}" for p in experiment.params)
    lines += [*textwrap.wrap(f"parameters: {params}", width), ""]
    label_width = max(len(m.label) for m in result.metrics) if result.metrics else 0
    lines += [f"  {m.label:<{label_width}}  {m.display()}" for m in result.metrics]
    for table in result.tables:
        lines += ["", *aligned_table(table.columns, table.rows, title=table.title)]
    if result.notes:
        lines.append("")
        for note in result.notes:
            lines += textwrap.wrap(f"note: {note}", width)
    lines += ["", *textwrap.wrap(result.takeaway, width)]
    for plot in result.plots:
        lines += ["", render(plot, width, 20, color=color)]
    return "\n".join(lines)
