"""Writing blocks on fpdf2 pages: headings, wrapped paragraphs, learner text, code, tables, plots.

Every string goes through `clean` (glyphs the fonts lack become □) and our own wrapping, then out with
text(): plain text only, never fpdf2's markdown or HTML.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tutor.render.export.pdf_text import clean, hard_wrap, visual, wrap

if TYPE_CHECKING:
    from fpdf import FPDF
    from fpdf.drawing_primitives import DeviceCMYK, DeviceGray, DeviceRGB

    from tutor.engine.result import PlotSpec

LEARNER_FILL = (255, 248, 225)  # the learner's own words sit on a pale yellow, ours on white
CODE_FILL = (244, 244, 244)
HEADING_SIZES = {0: 18.0, 1: 13.5, 2: 11.0, 3: 10.0}
PAD = 1.2  # mm of text inset from a band's or cell's edge
_INLINE_MARKS = re.compile(r"\*\*|`")


class Writer:
    """Writes workbook blocks top to bottom, breaking pages as it goes."""

    def __init__(self, pdf: FPDF, glyphs: dict[str, frozenset[str]]) -> None:
        self.pdf = pdf
        self.glyphs = glyphs
        self._widths: dict[tuple[str, float], dict[str, float]] = {}  # per face and size: text -> mm
        self._colours: dict[tuple[int, int, int], DeviceRGB | DeviceGray | DeviceCMYK | None] = {}

    def _font(self, family: str, style: str, size: float) -> frozenset[str]:
        """Set the font; return its characters."""
        pdf, key = self.pdf, f"{family.lower()}{style}"
        font = pdf.current_font
        if font is None or font.fontkey != key or pdf.font_size_pt != size or pdf.font_style != style:
            pdf.set_font(family, style, size)  # (which returns at once when all three are already set)
        return self.glyphs[key]

    def width(self, text: str) -> float:
        """`text`'s width in the current font, in mm (get_string_width, without its per-call overhead).

        Measured once per face, size and text in a document (long texts, which never repeat, every time)."""
        known = self._known()
        width = known.get(text)
        if width is None:
            pdf = self.pdf
            widths: dict[int, float] = getattr(pdf.current_font, "cw", {})
            width = sum(map(widths.__getitem__, map(ord, text))) * pdf.font_size_pt * 0.001 / pdf.k
            if len(text) <= 64:
                known[text] = width
        return width

    def _known(self) -> dict[str, float]:
        """Widths measured so far in the current face and size."""
        key = (getattr(self.pdf.current_font, "fontkey", ""), self.pdf.font_size_pt)
        known = self._widths.get(key)
        if known is None:
            known = self._widths[key] = {}
        return known

    def line(
        self, text: str, height: float, *, x: float | None = None, fill: tuple[int, int, int] | None = None
    ) -> None:
        """One line of already-cleaned text at the cursor, on a band of `fill`; a new page first if it would not fit."""
        pdf = self.pdf
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        left = pdf.l_margin if x is None else x
        top = pdf.get_y()
        if fill is not None:  # set_fill_color, not local_context: that copies the graphics state every line
            colour = self._colours.get(fill)
            if colour is None:
                pdf.set_fill_color(*fill)
                colour = self._colours[fill] = pdf.fill_color
            elif colour != pdf.fill_color:
                pdf.set_fill_color(colour)
            k = pdf.k  # pdf.rect(left, top, width, height, style="F"), without its per-call checks
            pdf._out(
                f"{left * k:.2f} {(pdf.h - top) * k:.2f} {(pdf.w - pdf.r_margin - left) * k:.2f} {-height * k:.2f} re f"
            )
        if text:
            pdf.text(left + PAD, top + height / 2 + 0.3 * pdf.font_size, visual(text))
        pdf.set_y(top + height)

    def space(self, height: float) -> None:
        """Vertical space (none at the top of a page)."""
        if self.pdf.get_y() > self.pdf.t_margin + 1:
            self.pdf.ln(height)

    def keep(self, height: float) -> None:
        """Start a new page unless `height` more fits on this one."""
        if self.pdf.will_page_break(height):
            self.pdf.add_page()

    def heading(self, text: str, level: int) -> None:
        """A bold heading; it never sits alone at the foot of a page."""
        size = HEADING_SIZES.get(level, 10.0)
        self.space(3.0 if level else 0.0)
        self.keep(size * 0.5 + 14)
        self.paragraph(text, size=size, style="B", after=1.5)

    def paragraph(
        self,
        text: str,
        *,
        size: float = 10.0,
        style: str = "",
        indent: float = 0.0,
        fill: tuple[int, int, int] | None = None,
        colour: tuple[int, int, int] = (0, 0, 0),
        after: float = 1.8,
    ) -> None:
        """Wrapped text; with `fill`, on a coloured band (the learner's own words)."""
        glyphs = self._font("DejaVu", style, size)
        self._lines(clean(text, glyphs), size, indent, fill, colour)
        self.pdf.ln(after)

    def _lines(
        self, text: str, size: float, indent: float, fill: tuple[int, int, int] | None, colour: tuple[int, int, int]
    ) -> None:
        """Write `text` wrapped to the width left after `indent` (and the padding either side)."""
        pdf = self.pdf
        pdf.set_text_color(*colour)
        for line in wrap(text, pdf.epw - indent - 2 * PAD, self.width, self._known()):
            self.line(line, size * 0.45, x=pdf.l_margin + indent, fill=fill)

    def bullets(self, items: list[str], *, size: float = 10.0, marker: str = "•") -> None:
        """A list: each item wrapped beside its marker."""
        pdf = self.pdf
        pdf.set_text_color(0, 0, 0)
        for item in items:
            glyphs = self._font("DejaVu", "", size)
            for index, line in enumerate(wrap(clean(item, glyphs), pdf.epw - 6 - 2 * PAD, self.width, self._known())):
                if index == 0:
                    self.keep(size * 0.45)  # the marker goes on the page its first line goes on
                    pdf.text(pdf.l_margin + PAD, pdf.get_y() + size * 0.225 + 0.3 * pdf.font_size, marker)
                self.line(line, size * 0.45, x=pdf.l_margin + 6)
        pdf.ln(1.5)

    def learner(self, text: str, empty: str) -> None:
        """The learner's text exactly as written (wrapped, never interpreted), or a grey line when empty."""
        if text.strip():
            self.paragraph(text.rstrip("\n"), fill=LEARNER_FILL)
        else:
            self.paragraph(empty, colour=(110, 110, 110))

    def code(self, text: str, *, size: float = 8.5, fill: tuple[int, int, int] = CODE_FILL) -> None:
        """Monospaced lines on a grey band, cut (not reflowed) at the right edge."""
        pdf = self.pdf
        glyphs = self._font("Mono", "", size)
        columns = int((pdf.epw - 2 * PAD) / self.width("M"))
        pdf.set_text_color(0, 0, 0)
        for line in hard_wrap(clean(text.rstrip("\n"), glyphs), columns):
            self.line(line, size * 0.45, fill=fill)
        pdf.ln(1.8)

    def table(self, columns: tuple[str, ...], rows: list[tuple[str, ...]], *, size: float = 8.5) -> None:
        """A grid with a bold header row, repeated after a page break; cells cut with … when too long."""
        pdf = self.pdf
        glyphs = self._font("DejaVu", "B", size)
        cells = [[clean(c, glyphs).replace("\n", " ") for c in row] for row in [columns, *rows]]
        natural = [max(self.width(row[i]) if i < len(row) else 0 for row in cells) + 3 for i in range(len(columns))]
        scale = min(1.0, pdf.epw / sum(natural)) if natural else 1.0
        widths = [w * scale for w in natural]
        height = size * 0.55
        self.keep(height * min(len(cells), 4))
        for number, row in enumerate(cells):
            if number and pdf.will_page_break(height):
                pdf.add_page()
                self._row(cells[0], widths, height, size, header=True)
            self._row(row, widths, height, size, header=number == 0)
        pdf.ln(2)

    def _row(self, row: list[str], widths: list[float], height: float, size: float, header: bool) -> None:
        """One table row: cells with borders, the header shaded."""
        pdf = self.pdf
        pdf.set_font("DejaVu", "B" if header else "", size)
        pdf.set_draw_color(190, 190, 190)
        pdf.set_line_width(0.2)
        pdf.set_text_color(0, 0, 0)
        pdf.set_fill_color(232, 236, 242)
        left, top = pdf.l_margin, pdf.get_y()
        for index, width in enumerate(widths):
            text = row[index] if index < len(row) else ""
            if self.width(text) > width - 2 * PAD:
                text = text[:200]
                while text and self.width(text + "…") > width - 2 * PAD:
                    text = text[:-1]
                text += "…"
            pdf.rect(left, top, width, height, style="DF" if header else "D")
            pdf.text(left + PAD, top + height / 2 + 0.3 * pdf.font_size, text)
            left += width
        pdf.set_y(top + height)

    def plot(self, spec: PlotSpec, height: float = 80.0) -> None:
        """A plot spec as vector paths, the full text width."""
        from tutor.render.export.pdf_plots import draw_plot

        self.keep(height + 4)
        top = self.pdf.get_y()
        draw_plot(self.pdf, spec, self.pdf.l_margin, top, self.pdf.epw, height)
        self.pdf.set_xy(self.pdf.l_margin, top + height + 4)

    def markdown(self, text: str) -> None:
        """Our own recap Markdown: headings, paragraphs, bullets, code blocks; ** and ` marks dropped."""
        paragraph: list[str] = []
        bullets: list[str] = []

        def flush() -> None:
            if paragraph:
                self.paragraph(_INLINE_MARKS.sub("", " ".join(paragraph)))
                paragraph.clear()
            if bullets:
                self.bullets([_INLINE_MARKS.sub("", item) for item in bullets])
                bullets.clear()

        lines = iter(text.split("\n"))
        for line in lines:
            stripped = line.strip()
            if stripped.startswith("```"):
                flush()
                block = []
                for inner in lines:
                    if inner.strip().startswith("```"):
                        break
                    block.append(inner)
                self.code("\n".join(block))
            elif stripped.startswith("#"):
                flush()
                self.heading(stripped.lstrip("#").strip(), 3)
            elif stripped.startswith(("- ", "* ")):
                if paragraph:
                    flush()
                bullets.append(stripped[2:])
            elif not stripped:
                flush()
            elif bullets and line.startswith("  "):
                bullets[-1] += " " + stripped  # a list item's continuation line
            else:
                if bullets:
                    flush()
                paragraph.append(stripped)
        flush()
