"""fpdf2 without its per-export and per-call costs, writing the same bytes it would.

- Fonts: fpdf2 parses each TTF whole on every `add_font` (0.1 s a face). The first export in a process
  parses them as usual; later ones register a copy of that parsed face with its own glyph subset and a
  fresh, lazily read fontTools object (subsetting at output changes that object, so it is never shared).
- Subsets: cutting a face down to the glyphs used takes fontTools 30-70 ms at output; a document cut to
  the same glyphs as one before (the same learner exporting again) reuses those bytes (`reusing_subsets`).
- Text: `FPDF.text` maps every character through the subset one call at a time; `Pages.text` keeps each
  face's character-to-code table for the document and writes the same operators in one go.

Both fall back to fpdf2's own code when its internals are not what they were written against.
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from io import BytesIO
from types import ModuleType
from typing import Any, BinaryIO

from fpdf import FPDF
from fpdf.enums import TextMode
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.util import escape_parens

FONTS = (("DejaVu", "", "DejaVuSans.ttf"), ("DejaVu", "B", "DejaVuSans-Bold.ttf"), ("Mono", "", "DejaVuSansMono.ttf"))


@dataclass(frozen=True)
class _Face:
    """A parsed face kept for the process: fpdf2's font object as `add_font` left it, the file's bytes."""

    font: TTFFont | None  # None: not a face we can copy (then every export parses it)
    data: bytes
    glyphs: frozenset[str]


_FACES: dict[str, _Face] = {}


def add_fonts(pdf: FPDF) -> dict[str, frozenset[str]]:
    """Register the bundled DejaVu faces; return each face's characters (by font key) for `clean`."""
    folder = resources.files("tutor.render.export").joinpath("fonts")
    glyphs: dict[str, frozenset[str]] = {}
    for family, style, filename in FONTS:
        key = f"{family.lower()}{style}"
        face = _FACES.get(key)
        if face is None:
            with resources.as_file(folder.joinpath(filename)) as path:
                pdf.add_font(family, style, str(path))
                data = path.read_bytes()
            font = pdf.fonts[key]
            face = _Face(_template(font) if isinstance(font, TTFFont) else None, data, _characters(font))
            if isinstance(font, TTFFont) and face.font is not None and _copyable(face.font):
                _FACES[key] = face
                font.ttfont = _Reusable(key, font.ttfont)  # this document's subset is kept for the next
        elif face.font is not None and not _register_copy(pdf, key, face):
            _FACES.pop(key, None)
            with resources.as_file(folder.joinpath(filename)) as path:
                pdf.add_font(family, style, str(path))
        glyphs[key] = face.glyphs
    return glyphs


def _template(font: TTFFont) -> TTFFont | None:
    """A copy of a face just parsed, to register again in later documents (which give it their own subset,
    descriptor and fontTools object); None when fpdf2's font object has changed shape."""
    try:
        template = copy.copy(font)
        template.desc = copy.copy(font.desc)  # the document's output names and numbers the original
    except (AttributeError, TypeError):
        return None
    return template


def _characters(font: object) -> frozenset[str]:
    """The characters a face has glyphs for."""
    return frozenset(chr(code) for code in getattr(font, "cmap", {}))


def _copyable(font: TTFFont) -> bool:
    """Whether a face can be registered again as a copy (a plain TrueType face, as the bundled ones are)."""
    return (
        font.color_font is None
        and not font.is_compressed
        and not font.is_cff
        and not font.missing_glyphs
        and len(font.subset) <= 2  # nothing picked yet but the reserved .notdef and space
    )


def _register_copy(pdf: FPDF, key: str, face: _Face) -> bool:
    """`pdf.add_font` for a face parsed before: a copy with a fresh subset and font object. False: not possible."""
    assert face.font is not None
    try:
        font = copy.copy(face.font)
        font.i = len(pdf.fonts) + 1
        font.ttfont = _Reusable(key, _fonttools("ttLib").TTFont(BytesIO(face.data), recalcTimestamp=False, lazy=True))
        font.desc = copy.copy(face.font.desc)  # output() names and numbers it per document
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        font.subset = SubsetMap(font)
    except (AttributeError, TypeError):  # fpdf2 changed shape: parse the file as it does
        return False
    pdf.fonts[key] = font
    return True


@dataclass(frozen=True)
class _Subset:
    """A face cut down to some glyphs, as fontTools wrote it, and each glyph's number in it."""

    data: bytes
    ids: dict[str, int]


_SUBSETS: dict[tuple[str, frozenset[str]], _Subset] = {}
_KEPT_SUBSETS = 12


class _Reusable:
    """A face's fontTools object that reuses a subset to the same glyphs made before (later documents read
    the face lazily from its bytes: subsetting at output changes the object, so no two documents share one).

    It stands in for the fontTools object (whose attributes it passes on) where fpdf2's output uses it."""

    def __init__(self, face: str, real: Any) -> None:
        self.real = real
        self.face = face
        self.names: frozenset[str] | None = None
        self.reused: _Subset | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __contains__(self, tag: str) -> bool:
        return tag in self.real

    def __getitem__(self, tag: str) -> Any:
        return self.real[tag]

    def subset_with(self, subsetter: Any, names: frozenset[str]) -> None:
        """Cut the face down to `names`, or take the subset made before to the same names."""
        self.names = names
        self.reused = _SUBSETS.get((self.face, names))
        if self.reused is None:
            subsetter.subset(self.real)

    def getGlyphID(self, name: str) -> int:
        """The glyph's number in the subset."""
        if self.reused is not None:
            return self.reused.ids[name]
        return int(self.real.getGlyphID(name))

    def save(self, file: BinaryIO, reorderTables: bool | None = True) -> None:
        """Write the subset; keep it (with its glyph numbers) for the next export to the same glyphs."""
        if self.reused is not None:
            file.write(self.reused.data)
            return
        self.real.save(file, reorderTables)
        if self.names is not None and isinstance(file, BytesIO):
            ids = {name: int(self.real.getGlyphID(name)) for name in self.names}
            while len(_SUBSETS) >= _KEPT_SUBSETS:
                del _SUBSETS[next(iter(_SUBSETS))]
            _SUBSETS[(self.face, self.names)] = _Subset(file.getvalue(), ids)


class _Subsetter:
    """fontTools' Subsetter as fpdf2's output uses it (populate, then subset), reusing earlier subsets."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.names: frozenset[str] = frozenset()

    def populate(self, *, glyphs: Iterable[str]) -> None:
        self.names = frozenset(glyphs)
        self.real.populate(glyphs=self.names)

    def subset(self, font: Any) -> None:
        if isinstance(font, _Reusable):
            font.subset_with(self.real, self.names)
        else:
            self.real.subset(font)


class _Subsetting:
    """Stands in for the fontTools.subset module inside fpdf2's output (its Options, our Subsetter)."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.Options = real.Options

    def Subsetter(self, options: Any) -> _Subsetter:
        return _Subsetter(self.real.Subsetter(options))


def _fonttools(module: str) -> ModuleType:
    """A fontTools module (fpdf2's dependency, which publishes no types)."""
    return importlib.import_module(f"fontTools.{module}")


@contextmanager
def reusing_subsets() -> Iterator[None]:
    """While fpdf2 writes the document, a face cut to the glyphs it was cut to before reuses that subset.

    Subsetting a face takes fontTools 30-70 ms; a workbook written again (the same learner, the same
    characters) gets the same bytes without it. Any other font goes through fontTools as before."""
    import fpdf.output

    real = getattr(fpdf.output, "ftsubset", None)
    if real is not _fonttools("subset"):  # not the fpdf2 this was written against, or already standing in
        yield
        return
    setattr(fpdf.output, "ftsubset", _Subsetting(real))  # noqa: B010 (a module attribute, on purpose)
    try:
        yield
    finally:
        setattr(fpdf.output, "ftsubset", real)  # noqa: B010


class Pages(FPDF):
    """An FPDF whose `text` writes what fpdf2's does, with each character mapped once per document."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._codes: dict[str, dict[int, str | None]] = {}  # per face: character -> its code in the subset
        self._picked: dict[str, set[str]] = {}  # per face: the characters in `_codes`
        self._shown: dict[tuple[str, str], str] = {}  # (face, text) -> its show-text operator
        self._measured: dict[tuple[str, float, str], float] = {}  # (face, size, text) -> width in mm

    def get_string_width(self, s: str, normalized: bool = False, markdown: bool = False) -> float:
        """fpdf2's width of `s` in the current font, measured once per face, size and text in a document."""
        font = self.current_font
        if normalized or markdown or not isinstance(font, TTFFont):
            return super().get_string_width(s, normalized, markdown)
        key = (font.fontkey, self.font_size_pt, s)
        width = self._measured.get(key)
        if width is None:
            width = self._measured[key] = super().get_string_width(s)
        return width

    def text(self, x: float, y: float, text: str = "") -> None:
        """fpdf2's `text` (a fill-mode string at x, y) without its per-character calls."""
        font = self.current_font
        if (
            not isinstance(font, TTFFont)
            or not self.page
            or self.text_mode != TextMode.FILL
            or self.underline
            or self.strikethrough
            or self._record_text_quad_points
            or font.is_symbol
            or font.color_font is not None
        ):
            super().text(x, y, text)
            return
        if not self.current_font_is_set_on_page:
            self._out(self._set_font_for_page(font, self.font_size_pt))
        shown = self._shown.get((font.fontkey, text))
        if shown is None:
            shown = self._shown[(font.fontkey, text)] = self._show(font, text)
        operators = f"BT {x * self.k:.2f} {(self.h - y) * self.k:.2f} Td {shown} ET"
        if self.fill_color != self.text_color:
            assert self.text_color is not None
            operators = f"q {self.text_color.serialize().lower()} {operators} Q"
        self._out(operators)

    def _show(self, font: TTFFont, text: str) -> str:
        """The show-text operator for `text` in `font`: each character as its code in the document's subset."""
        codes = self._codes.setdefault(font.fontkey, {})
        if not self._picked.setdefault(font.fontkey, set()).issuperset(text):
            picked_chars = self._picked[font.fontkey]
            for char in text:  # in text order: the subset numbers glyphs as they are first picked
                if char not in picked_chars:
                    picked = font.subset.pick(ord(char))
                    codes[ord(char)] = None if picked is None else chr(picked)
                    picked_chars.add(char)
        return f"({escape_parens(text.translate(codes).encode('utf-16-be').decode('latin-1'))}) Tj"
