"""The PDF's own text handling: wrapping never loses a character or overflows; missing glyphs become □."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tutor.render.export.pdf_text import FALLBACK, clean, hard_wrap, visual, wrap


def _width(text: str) -> float:
    """A stand-in font: 'W' is wide, everything else one unit."""
    return sum(3.0 if ch == "W" else 1.0 for ch in text)


@given(st.text(alphabet="ab W\n", max_size=300), st.integers(min_value=3, max_value=40))
def test_wrap_keeps_every_character_and_fits(text: str, width: int) -> None:
    lines = wrap(text, width, _width)
    assert all(_width(line) <= width for line in lines)
    # Only the spaces where a line was broken go missing; every other character stays, in order.
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert len(lines) >= text.count("\n") + 1


def test_a_word_longer_than_the_line_is_broken_by_character() -> None:
    lines = wrap("start " + "W" * 10_005 + " end", 30, _width)
    assert lines[0] == "start"
    assert lines[1:-1] == ["W" * 10] * 1000
    assert lines[-1] == "WWWWW end"  # the word's tail shares its line with what follows


def test_clean_replaces_missing_glyphs_and_drops_control_characters() -> None:
    glyphs = frozenset("abc \n")
    assert clean("a\x1b[31mb\tc\r\nd😀\u200d\ufe0f", glyphs) == f"a{FALLBACK * 4}b    c\n{FALLBACK * 2}"


def test_code_is_cut_not_reflowed() -> None:
    assert hard_wrap("    x = 1  \n" + "y" * 20, 8) == ["    x = ", "1", "y" * 8, "y" * 8, "y" * 4]


def test_right_to_left_runs_are_put_in_display_order() -> None:
    assert visual("abc") == "abc"
    assert visual("שלום") == "םולש"
    assert visual("say שלום now") == "say םולש now"
