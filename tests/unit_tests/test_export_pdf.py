"""The workbook PDF read back with pypdf: every topic, the learner's own text, embedded fonts, no pictures."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from tests.unit_tests.workbook_store import (
    EXERCISE_CODE,
    EXPLAIN_ANSWER,
    HOSTILE,
    LONG_WORD,
    NOTE,
    NOW,
    learner_store,
)
from tutor.engine.experiments import all_experiments
from tutor.render.export import render_workbook


@pytest.fixture(scope="module")
def learner_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """All eight topics for a learner with progress (made once: it runs the eight experiments)."""
    with learner_store(tmp_path_factory.mktemp("learner")) as store:
        return render_workbook(store, "pdf", name="Ada Lovelace", now=NOW)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _fonts(reader: PdfReader) -> Iterator[DictionaryObject]:
    for page in reader.pages:
        resources = _resolve(page.get("/Resources")) or {}
        for font in (_resolve(resources.get("/Font")) or {}).values():
            yield _resolve(font)


def test_every_topic_title_is_in_the_pdf(learner_pdf: bytes) -> None:
    text = _text(learner_pdf)
    for experiment in all_experiments():
        assert f"{experiment.number}. {experiment.title}" in text
    assert "Interview Readiness Workbook" in text
    assert "Ada Lovelace" in text


def test_the_learners_note_answer_and_code_are_in_the_pdf(learner_pdf: bytes) -> None:
    text = _text(learner_pdf)
    assert "σ → λ ŷ" in text
    assert NOTE.splitlines()[1] in text
    assert " ".join(EXPLAIN_ANSWER.split()[:8]) in text
    assert "my_unique_marker_42" in text
    assert EXERCISE_CODE.splitlines()[0] in text
    assert "failed: 1 of 2 checks passed" in text
    assert "2 of " in text and "key points covered" in text


def test_fonts_are_embedded_dejavu(learner_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(learner_pdf))
    names = set()
    for font in _fonts(reader):
        descendant = _resolve(font["/DescendantFonts"][0]) if "/DescendantFonts" in font else font
        descriptor = _resolve(descendant["/FontDescriptor"])
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
        names.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSansBook", "DejaVuSansBold", "DejaVuSansMonoBook"} <= names, names


def test_no_page_holds_a_raster_image(learner_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(learner_pdf))
    for number, page in enumerate(reader.pages, start=1):
        assert list(page.images) == [], f"page {number} holds an image"
        resources = _resolve(page.get("/Resources")) or {}
        assert "/XObject" not in resources, f"page {number} holds an XObject"


def test_plots_are_drawn_as_paths(learner_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(learner_pdf))
    text = _text(learner_pdf)
    assert "σ(z) with threshold" in text  # the sigmoid plot's title
    # The page with the plot's title draws many line segments (a curve is a polyline of 'l' operators).
    page = next(p for p in reader.pages if "σ(z) with threshold" in p.extract_text())
    content = page.get_contents()
    assert content is not None
    assert content.get_data().count(b" l\n") + content.get_data().count(b" l ") > 50


def test_page_count_and_outline(learner_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(learner_pdf))
    assert 10 <= len(reader.pages) <= 80
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == [f"{e.number}. {e.title}" for e in all_experiments()] + ["Readiness"]
    parts = next(item for item in reader.outline if isinstance(item, list))
    assert [item.title for item in parts][:3] == ["Recap", "Your notes", "Explain it"]
    footer = reader.pages[2].extract_text()
    assert "page 3" in footer


def test_a4_and_letter(tmp_path: Path) -> None:
    with learner_store(tmp_path) as store:
        a4 = render_workbook(store, "pdf", slugs=["sigmoid"], paper="a4", now=NOW)
        letter = render_workbook(store, "pdf", slugs=["sigmoid"], paper="letter", now=NOW)
    a4_box = PdfReader(io.BytesIO(a4)).pages[0].mediabox
    letter_box = PdfReader(io.BytesIO(letter)).pages[0].mediabox
    assert (round(float(a4_box.width)), round(float(a4_box.height))) == (595, 842)
    assert (round(float(letter_box.width)), round(float(letter_box.height))) == (612, 792)


def test_the_same_store_gives_the_same_bytes(tmp_path: Path) -> None:
    with learner_store(tmp_path) as store:
        first = render_workbook(store, "pdf", slugs=["sigmoid", "metrics"], now=NOW)
        second = render_workbook(store, "pdf", slugs=["sigmoid", "metrics"], now=NOW)
    assert first == second


def test_hostile_learner_text_is_written_literally_and_wrapped(tmp_path: Path) -> None:
    with learner_store(tmp_path, note=HOSTILE) as store:
        data = render_workbook(store, "pdf", slugs=["sigmoid"], name="<b>Robert'); DROP TABLE--</b> 😀", now=NOW)
    reader = PdfReader(io.BytesIO(data))
    text = _text(data)
    assert "<script>alert('x')</script>" in text
    assert "[b]not bold[/b] **not bold either**" in text
    assert "{nb} end" in text  # not taken for fpdf's page-count alias
    assert "<b>Robert'); DROP TABLE--</b>" in text
    assert "עברית" in text or "תירבע" in text  # right-to-left text is there (in either order)
    assert "□" in text  # an emoji the fonts lack is drawn as the fallback box, not dropped or crashing
    assert "\x1b" not in text
    # The 10,000-character word is all there, broken over lines that fit the page.
    pieces = re.findall(r"W{2,}", text)  # no other text holds "WW"
    assert sum(len(piece) for piece in pieces) == len(LONG_WORD)
    assert len(pieces) > 100  # broken by character: one piece per line
    widest = max(len(line) for line in text.splitlines())
    assert widest < 160, f"a line of {widest} characters ran off the page"
    assert len(reader.pages) < 20


def test_an_empty_store_still_makes_a_useful_workbook(tmp_path: Path) -> None:
    from tutor.learning.store.progress import open_store

    with open_store(tmp_path) as store:
        data = render_workbook(store, "pdf", now=NOW)
    text = _text(data)
    assert text.count("not started") >= 8
    assert "No notes yet" in text
    for experiment in all_experiments():
        assert f"{experiment.number}. {experiment.title}" in text
    assert "Run at the defaults." in text
