"""`mlprep-tui notes [TOPIC] [--append TEXT]`: the learner's notes from the shell.

Notes are the learner's own text: printed exactly as stored into a pipe or file; on a terminal, control
characters (a pasted escape sequence, say) are shown as backslash-x codes so the terminal never acts on them.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from tutor.cli.output import EXIT_PROBLEM, fail, say

if TYPE_CHECKING:
    from tutor.engine.experiments import Experiment


def cmd_notes(topic: str | None, append: str | None) -> int:
    """Print every topic's notes (with headings) or one topic's; or add a line to one topic's notes."""
    from tutor.engine.experiments import UnknownTopic, all_experiments, get

    if append is not None and topic is None:
        return fail(["--append needs a TOPIC: mlprep-tui notes TOPIC --append TEXT"])
    if append is not None and not append.strip():
        return fail(["--append TEXT is empty; give the line to add"])
    try:
        chosen = get(topic) if topic is not None else None
    except UnknownTopic as error:
        return fail([str(error)])
    from tutor.cli.progress_commands import _open_store  # the same messages `stats` gives about the file
    from tutor.learning.store.progress import StoreError

    try:
        with _open_store() as store:
            if chosen is not None and append is not None:
                if store.in_memory:
                    say(f"nothing saved: the progress file at {store.path} cannot be written.")
                    return EXIT_PROBLEM
                old = store.note(chosen.slug)
                store.set_note(chosen.slug, _appended(old, append))
                print(f"Added a line to the notes on {chosen.slug}.")
                return 0
            topics = [chosen] if chosen is not None else all_experiments()
            notes = [(experiment, store.note(experiment.slug)) for experiment in topics]
    except StoreError as error:
        say(str(error))
        return EXIT_PROBLEM
    _print_notes(notes, one_topic=chosen is not None)
    return 0


def _appended(old: str, line: str) -> str:
    """The notes with `line` as a new last line."""
    if not old:
        return line
    return f"{old}{'' if old.endswith(chr(10)) else chr(10)}{line}"


def _shown(text: str) -> str:
    """The text as the terminal should get it: control characters but newline and tab made visible."""
    if not sys.stdout.isatty():
        return text
    return "".join(
        f"\\x{ord(ch):02x}" if (ord(ch) < 32 and ch not in "\n\t") or 127 <= ord(ch) < 160 else ch for ch in text
    )


def _print_notes(notes: list[tuple[Experiment, str]], one_topic: bool) -> None:
    """One topic: its text alone (pipe-friendly). All: a heading per topic that has notes."""
    written = [(experiment, text) for experiment, text in notes if text.strip()]
    if one_topic:
        if written:
            print(_shown(written[0][1].rstrip("\n")))
        else:
            slug = notes[0][0].slug
            say(f"no notes on {slug} yet; add a line with: mlprep-tui notes {slug} --append TEXT")
        return
    if not written:
        say("no notes yet: write them in the app (w on a topic), or: mlprep-tui notes TOPIC --append TEXT")
        return
    for index, (experiment, text) in enumerate(written):
        if index:
            print()
        heading = f"## {experiment.number}. {experiment.title} ({experiment.slug})"
        print(heading)
        print()
        print(_shown(text.rstrip("\n")))
