"""A confusion matrix as a text grid: actual classes down the side, predicted across the top."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from tutor.render.text_cells import TOO_SMALL, clip, strip_ansi
from tutor.support.numbers import short

if TYPE_CHECKING:  # annotations only: the result types load with the first run
    from tutor.engine.result import PlotSpec


def render_cmatrix(spec: PlotSpec, width: int, height: int, color: bool) -> str:
    """A confusion matrix as a text grid: actual classes down the side, predicted across the top."""
    # Drawn by hand: plotext's cmatrix fills cells with solid blocks that hide the counts in plain text.
    n = max([len(spec.matrix)] + [len(row) for row in spec.matrix])
    names = [clip(str(spec.categories[i]) if i < len(spec.categories) else str(i), 12) for i in range(n)]
    cells = [
        [short(row[j], 4) if j < len(row) and math.isfinite(row[j]) else "-" for j in range(n)] for row in spec.matrix
    ]
    lines = [clip(spec.title, width).center(width)] if spec.title else []
    if n == 0:
        lines.append("(no data)".center(width))
    else:
        cell_w = max(len(text) for text in names + [c for row in cells for c in row]) + 2
        side_w = len("actual  ") + max(len(name) for name in names) + 1
        grid_w = side_w + 1 + max(n * cell_w, len("predicted"))
        if grid_w > width or len(lines) + 4 + n > height:
            return clip(TOO_SMALL, width)
        indent = " " * ((width - grid_w) // 2)
        lines += ["", indent + " " * side_w + " " + "predicted".center(grid_w - side_w - 1).rstrip()]
        lines.append(indent + " " * side_w + "│" + "".join(name.rjust(cell_w) for name in names))
        lines.append(indent + "─" * side_w + "┼" + "─" * (n * cell_w))
        for i, row in enumerate(cells):
            side = ("actual  " if i == 0 else " " * 8) + names[i]
            # correct predictions in green, non-zero mistakes in red; foreground only
            tints = [("1;32" if i == j else "31") if color and t not in ("0", "-") else "" for j, t in enumerate(row)]
            body = "".join(
                f"\x1b[{c}m{t.rjust(cell_w)}\x1b[0m" if c else t.rjust(cell_w) for c, t in zip(tints, row, strict=True)
            )
            lines.append(indent + side.ljust(side_w) + "│" + body)
    lines += [""] * (height - len(lines))  # same footprint as the plotext kinds
    return "\n".join(line + " " * (width - len(strip_ansi(line))) for line in lines[:height])
