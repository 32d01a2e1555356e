"""`o` on the topic screen writes the workbook PDF in a worker and says where, literally."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from screens.app import make_app
from tests.conftest import settle


async def _press_o(data_dir: Path) -> list[str]:
    """Open the app, press o, wait for the export; return the notices."""
    app = make_app(data_dir, topic="sigmoid", warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        for _ in range(300):  # the worker runs eight experiments and lays out the PDF
            if any("Wrote" in str(n.message) or "not" in str(n.message) for n in app._notifications):
                break
            await pilot.pause(0.1)
        return [str(n.message) for n in app._notifications]


async def test_o_writes_the_pdf_to_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "here [b]"  # a path Textual markup would eat: the notice must show it as it is
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.delenv("MLPREP_EXPORT_DIR")  # the tests' own folder for exports (tests/conftest.py)
    messages = await _press_o(tmp_path / "home")
    written = list(folder.glob("interview-readiness-workbook-*.pdf"))
    assert len(written) == 1
    assert any(f"to {written[0].resolve()} (the current folder)" in message for message in messages), messages
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(written[0].read_bytes())).pages)
    assert "1. Logistic regression" in text and "8. Gradient descent" in text


async def test_a_second_o_while_writing_only_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from screens import exporting

    release = threading.Event()
    started: list[int] = []
    write = exporting._export

    def slow_export(app: Any, learning: Any) -> None:
        started.append(1)
        release.wait(30)  # the first export is still writing while o is pressed again
        write(app, learning)

    monkeypatch.setattr(exporting, "_export", slow_export)
    app = make_app(tmp_path / "home", topic="sigmoid", warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause(0.2)
        await pilot.press("o", "o")
        messages = [str(n.message) for n in app._notifications]
        release.set()
        await settle(pilot)
    assert started == [1]
    assert messages.count("The workbook is still being written.") == 2
    assert len(list(tmp_path.glob("interview-readiness-workbook-*.pdf"))) == 1  # into $MLPREP_EXPORT_DIR


def test_the_folder_choice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from screens import exporting

    assert exporting.export_folder(tmp_path / "data") == (tmp_path, "$MLPREP_EXPORT_DIR")
    monkeypatch.delenv("MLPREP_EXPORT_DIR")
    monkeypatch.chdir(tmp_path)
    assert exporting.export_folder(tmp_path / "data") == (tmp_path, "the current folder")
    monkeypatch.setattr(exporting.os, "access", lambda path, mode: False)
    folder, where = exporting.export_folder(tmp_path / "data")
    assert folder == tmp_path / "data" and "not writable" in where
