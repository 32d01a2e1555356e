"""The `export` command: write the Interview Readiness Workbook as PDF or Markdown."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from tutor.cli.output import EXIT_PROBLEM, EXIT_USAGE, fail, say


def cmd_export(fmt: str, out: str | None, topics: list[str], name: str | None, paper: str) -> int:
    """`mlprep-tui export`: gather the learner's progress, run the experiments, write one file; say where."""
    from tutor.engine.experiments import UnknownTopic, all_experiments, get
    from tutor.learning.store.progress import StoreError, open_store
    from tutor.render.export import ExportError, default_filename, render_workbook, write_workbook
    from tutor.support.clock import utc

    kind: Literal["pdf", "md"] = "md" if fmt == "md" else "pdf"
    size: Literal["a4", "letter"] = "letter" if paper == "letter" else "a4"
    slugs: list[str] = []
    for topic in topics:
        try:
            slug = get(topic).slug
        except UnknownTopic as error:
            return fail([str(error)])
        if slug not in slugs:
            slugs.append(slug)
    now = utc()
    target = Path(out).expanduser() if out else Path.cwd() / default_filename(kind, now)
    if target.is_dir():
        target = target / default_filename(kind, now)
    problem = _unwritable(target)
    if problem is not None:  # said before the experiments run, not after
        return fail([problem], EXIT_USAGE)
    try:
        with open_store() as store:
            for message in (store.notice, store.warning):
                if message:
                    say(message)
            data = render_workbook(store, kind, slugs=slugs or None, name=name, paper=size, now=now)
    except StoreError as error:
        say(str(error))
        return EXIT_PROBLEM
    try:
        written = write_workbook(target, data)
    except ExportError as error:
        return fail([str(error)], EXIT_USAGE)
    count = len(slugs) if slugs else len(all_experiments())
    what = "PDF" if kind == "pdf" else "Markdown"
    print(f"Wrote the Interview Readiness Workbook ({what}, {count} topic{'s' if count != 1 else ''}) to {written}")
    return 0


def _unwritable(target: Path) -> str | None:
    """Why a file cannot be written at `target` (a missing or read-only folder), or None."""
    folder = target.parent
    if not folder.is_dir():
        return f"cannot write {target}: the folder {folder} does not exist"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"cannot write {target}: the folder {folder} is not writable"
    if target.exists() and not os.access(target, os.W_OK):
        return f"cannot write {target}: the file is not writable"
    return None
