"""The Interview Readiness Workbook: gathered once (gather -> model), written as PDF (pdf) or Markdown (markdown).

Map: `model` (the workbook as data), `gather` (from the store, the content and fresh runs), `sources`
(explain answers and exercise code), `wording` (sentences both formats share), `markdown`, `pdf` (fpdf2,
loaded only here), `pdf_fast` (fpdf2's fonts and text without their repeated costs), `pdf_writer` (blocks
on pages), `pdf_text` (wrapping, glyph fallback, bidi), `pdf_plots`, `pdf_axes` and `pdf_bars` (plot specs
as vector paths), `fonts/` (DejaVu, with its licence).
Imports: tutor.exercises, tutor.learning, tutor.engine, tutor.support.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from tutor.learning.questions import QuestionBank
    from tutor.learning.store.progress import ProgressStore
    from tutor.render.export.gather import Runner

Format = Literal["pdf", "md"]
Paper = Literal["a4", "letter"]


class ExportError(Exception):
    """The workbook could not be written (the message is one line naming the path)."""


def default_filename(fmt: Format, now: datetime) -> str:
    """`interview-readiness-workbook-2026-11-29.pdf` (or .md)."""
    return f"interview-readiness-workbook-{now.date().isoformat()}.{fmt}"


def render_workbook(
    store: ProgressStore,
    fmt: Format,
    *,
    slugs: list[str] | None = None,
    name: str | None = None,
    paper: Paper = "a4",
    now: datetime | None = None,
    run: Runner | None = None,
    bank: QuestionBank | None = None,
) -> bytes:
    """The workbook's file contents."""
    from tutor.render.export.gather import gather

    book = gather(store, slugs, name=name, now=now, run=run, bank=bank)
    if fmt == "md":
        from tutor.render.export.markdown import render_markdown

        return render_markdown(book).encode("utf-8")
    from tutor.render.export.pdf import render_pdf

    return render_pdf(book, paper=paper, now=now)


def write_workbook(path: Path, data: bytes) -> Path:
    """Write the file whole or not at all (a temporary file renamed over it); raise ExportError."""
    target = path.expanduser()
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder (give a file name)")
    folder = target.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=".workbook-", dir=folder)
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it 0600: give it what open() would
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ExportError(f"cannot write {target}: {error.strerror or error}") from None
    return target.resolve()


def _umask() -> int:
    """The process's umask, read without changing it (os.umask would, for every thread at once)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022
