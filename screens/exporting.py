"""`o` on the topic screen: write the Interview Readiness Workbook (PDF) in a thread and say where it went."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App

    from tutor.engine.params import Value
    from tutor.engine.result import Result
    from tutor.learning.session import Learning


EXPORT_DIR_ENV = "MLPREP_EXPORT_DIR"  # where `o` writes workbooks, when set (the tests point it at a temp folder)


def export_folder(data_dir: Path) -> tuple[Path, str]:
    """Where the app writes the workbook, and how to say it: $MLPREP_EXPORT_DIR if set, else the current
    folder if writable, else the progress folder."""
    chosen = os.environ.get(EXPORT_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser(), f"${EXPORT_DIR_ENV}"
    here = Path.cwd()
    if os.access(here, os.W_OK | os.X_OK):
        return here, "the current folder"
    return data_dir, "your progress folder (the current folder is not writable)"


def export_workbook(app: App[None], learning: Learning) -> None:
    """Start the export in a thread worker (the UI never waits); a notice follows with the file's path.

    One at a time: a thread cannot be cancelled, so a second `o` while one runs only says so."""
    if any(worker.group == "export" and not worker.is_finished for worker in app.workers):
        app.notify("The workbook is still being written.", title="Export", timeout=4, markup=False)
        return
    app.notify("Writing the Interview Readiness Workbook…", title="Export", timeout=4, markup=False)
    app.run_worker(lambda: _export(app, learning), thread=True, group="export", name="export")


def _export(app: App[None], learning: Learning) -> None:
    """Gather, render and write the PDF; report the outcome on the UI thread."""
    from tutor.render.export import ExportError, default_filename, render_workbook, write_workbook
    from tutor.support.clock import utc

    now = utc()
    folder, where = export_folder(learning.store.path.parent)
    try:
        data = render_workbook(learning.store, "pdf", now=now, run=_runner(app), bank=learning.bank)
        path = write_workbook(folder / default_filename("pdf", now), data)
    except ExportError as error:
        _tell(app, f"The workbook was not written: {error}.", "error")
    except Exception as error:  # a failed export is one line; it never takes the app down with it
        from tutor.engine.experiments import summary

        _tell(app, f"The workbook could not be made ({summary(error)}).", "error")
    else:
        _tell(app, f"Wrote the Interview Readiness Workbook to {path} ({where}).", "information")


def _tell(app: App[None], message: str, severity: Literal["information", "error"]) -> None:
    """A notice from the worker thread; none if the app has quit meanwhile. Paths are shown literally."""
    with contextlib.suppress(RuntimeError):
        app.call_from_thread(app.notify, message, title="Export", severity=severity, timeout=15, markup=False)


def _runner(app: App[None]) -> Callable[[str, dict[str, Value]], Result] | None:
    """Run scikit-learn topics in the app's warm run process (never loading scikit-learn into the UI's process)."""
    from tutor.engine.runner import ExperimentProcess

    process = getattr(app, "runner", None)
    if not isinstance(process, ExperimentProcess):
        return None
    from tutor.engine.experiments import get

    def run(slug: str, values: dict[str, Value]) -> Result:
        experiment = get(slug)
        return process.run(slug, values) if experiment.needs_sklearn else experiment.run_checked(values)

    return run
