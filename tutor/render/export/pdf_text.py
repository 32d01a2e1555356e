"""Text for the PDF: glyphs the bundled fonts lack replaced, lines wrapped by width (long words by character).

fpdf2's own multi_cell re-measures the whole line for every character it adds, which made a workbook's
layout take seconds; this wrapper measures each word once and writes each line with one cell() call.
"""

from __future__ import annotations

import re
from collections.abc import Callable

FALLBACK = "□"  # in every bundled face; shown where a character (an emoji, say) has no glyph
TAB = "    "
# Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms: lines holding these need reordering.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def clean(text: str, glyphs: frozenset[str]) -> str:
    """Text the font can draw: control characters dropped (newlines kept), tabs as spaces, unknown glyphs as □."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", TAB)
    missing = set(text).difference(glyphs)
    missing.discard("\n")
    if not missing:
        return text
    return text.translate({ord(ch): _substitute(ch) for ch in missing})


def _substitute(ch: str) -> str | None:
    """What stands in for a character the font lacks: □ if visible, a space for spaces, nothing otherwise."""
    if ch.isprintable() and not _ignorable(ch):
        return FALLBACK
    if ch.isspace():
        return " "
    return None  # control and format characters (escape sequences, zero-width joiners) are dropped


def _ignorable(ch: str) -> bool:
    """Variation selectors and joiners: invisible, and an emoji's selector would otherwise show a second □."""
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or code in (0x200D, 0x200C) or 0xE0100 <= code <= 0xE01EF


def wrap(text: str, width: float, measure: Callable[[str], float], cache: dict[str, float] | None = None) -> list[str]:
    """Lines no wider than `width`: words kept whole when they fit, broken by character when they do not.

    Newlines in the text start new lines (an empty line stays empty); runs of spaces inside a line are kept.
    `cache` (text -> width, for this font and size) keeps measurements across calls.
    """
    cache = {} if cache is None else cache

    def size(piece: str) -> float:
        known = cache.get(piece)
        if known is not None:
            return known
        known = measure(piece)
        if len(piece) <= 64:  # long pieces are rare and never repeat: not worth keeping
            cache[piece] = known
        return known

    lines: list[str] = []
    space = size(" ")
    for paragraph in text.split("\n"):
        current: str | None = None
        used = 0.0
        for word in paragraph.split(" "):
            word_width = size(word)
            need = word_width if current is None else used + space + word_width
            if need <= width:
                current, used = word if current is None else f"{current} {word}", need
                continue
            if current is not None:
                lines.append(current)
            if word_width <= width:
                current, used = word, word_width
                continue
            pieces = _chop(word, width, size)  # a word wider than the line: by character
            lines += pieces[:-1]
            current, used = pieces[-1], size(pieces[-1])
        lines.append(current or "")
    return lines


def _chop(word: str, width: float, size: Callable[[str], float]) -> list[str]:
    """`word` in pieces no wider than `width` (at least one character each)."""
    pieces, piece, used = [], "", 0.0
    for ch in word:
        w = size(ch)
        if piece and used + w > width:
            pieces.append(piece)
            piece, used = "", 0.0
        piece += ch
        used += w
    return [*pieces, piece]


def hard_wrap(text: str, columns: int) -> list[str]:
    """Monospaced text cut every `columns` characters (code keeps its indentation; nothing is lost)."""
    columns = max(columns, 8)
    lines: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        lines += [line[i : i + columns] for i in range(0, len(line), columns)] or [""]
    return lines


def visual(line: str) -> str:
    """A line in display order: right-to-left runs reordered by the Unicode bidi algorithm (fpdf2's own)."""
    if not _RTL.search(line):
        return line
    from fpdf.bidi import BidiParagraph

    try:
        return BidiParagraph(text=line).get_reordered_string()
    except Exception:  # an edge case of the algorithm must not cost the learner their workbook
        return line
