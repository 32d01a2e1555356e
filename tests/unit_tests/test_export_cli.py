"""`mlprep-tui export`: where it writes, what it says, and one clear line (exit 2) for a bad topic or path."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tutor.cli.entry import main


def test_writes_markdown_where_asked_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "book.md"
    code = main(["export", "--format", "md", "--out", str(target), "--topic", "2", "--topic", "cross-entropy"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out == f"Wrote the Interview Readiness Workbook (Markdown, 1 topic) to {target.resolve()}\n"
    text = target.read_text(encoding="utf-8")
    assert "## 2. Cross-entropy" in text and "## 1. " not in text


def test_default_is_a_dated_pdf_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["export", "--topic", "sigmoid", "--name", "Ada", "--paper", "letter"])
    out, err = capsys.readouterr()
    assert code == 0, err
    written = list(tmp_path.glob("interview-readiness-workbook-*.pdf"))
    assert len(written) == 1 and str(written[0].resolve()) in out
    reader = PdfReader(io.BytesIO(written[0].read_bytes()))
    assert round(float(reader.pages[0].mediabox.width)) == 612  # Letter
    assert "Ada" in reader.pages[0].extract_text()


def test_a_folder_as_out_gets_the_default_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "md", "--out", str(tmp_path), "--topic", "1"]) == 0
    assert len(list(tmp_path.glob("interview-readiness-workbook-*.md"))) == 1
    capsys.readouterr()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--topic", "nine"], "unknown topic 'nine'"),
        (["export", "--out", "/nonexistent-folder/book.pdf"], "cannot write /nonexistent-folder/book.pdf"),
        (["export", "--format", "md", "--out", "/proc/book.md", "--topic", "1"], "cannot write /proc/book.md"),
    ],
)
def test_bad_topic_or_path_is_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith("mlprep-tui: ") and message in err
    assert "Traceback" not in err


def test_a_file_in_the_way_of_the_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["export", "--out", str(blocker / "book.pdf")]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "does not exist" in err


def test_overwrites_an_earlier_export_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "book.md"
    target.write_text("old")
    assert main(["export", "--format", "md", "--out", str(target), "--topic", "1"]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Interview Readiness Workbook")
    assert [p.name for p in folder.iterdir()] == ["book.md"]  # no temporary file left behind
    capsys.readouterr()
