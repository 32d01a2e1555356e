"""Bar charts and confusion matrices on a PDF page, as vector shapes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tutor.render.export.pdf_axes import AXIS_GREY, SERIES_RGB, Frame, finite, span, y_axis
from tutor.support.numbers import short

if TYPE_CHECKING:
    from fpdf import FPDF

    from tutor.engine.result import PlotSpec


def bars(pdf: FPDF, spec: PlotSpec, x: float, y: float, w: float, h: float) -> None:
    """One bar per category, its value written above it."""
    # (name, value, its label as the tables show it, else 4 significant digits)
    labels = list(spec.value_labels) + [""] * max(len(spec.values) - len(spec.value_labels), 0)
    triples = [
        (str(c), float(v), labels[i] or short(float(v), 4))
        for i, (c, v) in enumerate(zip(spec.categories, spec.values, strict=False))
        if finite(float(v))
    ]
    pairs = [(name, value) for name, value, _ in triples]
    ylim = (
        spec.ylim
        if spec.ylim and finite(spec.ylim[0]) and finite(spec.ylim[1]) and spec.ylim[0] < spec.ylim[1]
        else None
    )
    values = [v for _, v in pairs]
    yspan = ylim or span([0.0, *values])
    frame = Frame(x + 14, y, w - 16, h - 12, (0.0, float(max(len(pairs), 1))), yspan)
    y_axis(pdf, frame)
    pdf.set_fill_color(*SERIES_RGB[0])
    base = min(max(0.0, yspan[0]), yspan[1])
    with pdf.rect_clip(frame.left, frame.top, frame.width, frame.height):
        for index, (_, value) in enumerate(pairs):
            top = min(max(value, yspan[0]), yspan[1])
            left = frame.px(index + 0.2)
            pdf.rect(
                left,
                min(frame.py(top), frame.py(base)),
                frame.px(index + 0.8) - left,
                abs(frame.py(top) - frame.py(base)),
                style="F",
            )
    pdf.set_text_color(30, 30, 30)
    for index, (name, value, label) in enumerate(triples):
        middle = frame.px(index + 0.5)
        pdf.text(
            middle - pdf.get_string_width(label) / 2,
            max(frame.py(min(max(value, yspan[0]), yspan[1])) - 1.2, frame.top + 3),
            label,
        )
        name = name if pdf.get_string_width(name) <= frame.width / max(len(pairs), 1) else name[:12] + "…"
        pdf.text(middle - pdf.get_string_width(name) / 2, frame.top + frame.height + 3.5, name)


def cmatrix(pdf: FPDF, spec: PlotSpec, x: float, y: float, w: float, h: float) -> None:
    """A confusion matrix: actual classes down the side, predicted across the top, counts in the cells."""
    n = max([len(spec.matrix)] + [len(row) for row in spec.matrix])
    if n == 0:
        pdf.text(x + w / 2 - 8, y + 10, "(no data)")
        return
    names = [str(spec.categories[i]) if i < len(spec.categories) else str(i) for i in range(n)]
    cell = min(18.0, (h - 14) / n, (w - 40) / n)
    left = x + (w - n * cell) / 2 + 10
    top = y + 8
    pdf.set_text_color(40, 40, 40)
    pdf.text(left + (n * cell - pdf.get_string_width("predicted")) / 2, y + 2.5, "predicted")
    with pdf.rotation(90, left - 12, top + n * cell / 2):
        pdf.text(left - 12 - pdf.get_string_width("actual") / 2, top + n * cell / 2, "actual")
    for j, name in enumerate(names):
        pdf.text(left + j * cell + (cell - pdf.get_string_width(name)) / 2, top - 1.5, name)
    pdf.set_line_width(0.3)
    pdf.set_draw_color(*AXIS_GREY)
    for i, row in enumerate(spec.matrix):
        pdf.text(left - pdf.get_string_width(names[i]) - 2, top + i * cell + cell / 2 + 1, names[i])
        for j in range(n):
            count = row[j] if j < len(row) else None
            text = "-" if count is None or not finite(float(count)) else short(count, 4)
            fill = (214, 236, 214) if i == j else (246, 214, 214) if text not in ("0", "-") else (250, 250, 250)
            pdf.set_fill_color(*fill)
            pdf.rect(left + j * cell, top + i * cell, cell, cell, style="DF")
            pdf.set_font("DejaVu", "B", 10)
            pdf.text(left + j * cell + (cell - pdf.get_string_width(text)) / 2, top + i * cell + cell / 2 + 1.5, text)
            pdf.set_font("DejaVu", "", 7)
