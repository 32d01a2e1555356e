"""The one aligned-table writer for plain text (the `run` report, `check`, `stats`)."""

from __future__ import annotations

from collections.abc import Sequence


def aligned_table(
    columns: Sequence[object],
    rows: Sequence[Sequence[object]],
    *,
    title: str | None = None,
    footer: Sequence[object] | None = None,
    numbers_right: bool = False,
    rule: str = "─",
) -> list[str]:
    """Text lines: an optional title, the header, a rule, the rows, then a rule and the footer.

    The first column is left-aligned; with `numbers_right` the others are right-aligned.
    """
    header = tuple(str(cell) for cell in columns)
    body = [tuple(str(cell) for cell in row) for row in rows]
    tail = [tuple(str(cell) for cell in footer)] if footer else []
    widths = [max(len(row[i]) for row in [header, *body, *tail]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        first, *rest = (
            cell.rjust(width) if numbers_right and i else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )
        return "  ".join([first, *rest]).rstrip()

    separator = "  ".join(rule * width for width in widths)
    lines = [title] if title is not None else []
    lines += [line(header), separator, *(line(row) for row in body)]
    if tail:
        lines += [separator, line(tail[0])]
    return lines
