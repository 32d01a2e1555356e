"""The `mlprep-tui` argument grammar (loaded only when there are arguments to parse)."""

from __future__ import annotations

import argparse
from typing import NoReturn

from tutor import __version__
from tutor.cli.output import EXIT_USAGE


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake as one clear line (plus a hint), never a usage dump."""

    def error(self, message: str) -> NoReturn:
        """Print the problem on stderr and exit 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n(try '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with its subcommands."""
    parser = _Parser(
        prog="mlprep-tui",
        description="A keyboard-driven terminal tutor for junior ML interview prep. With no command it opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"mlprep-tui {__version__}")
    parser.add_argument("--topic", metavar="SLUG|N", help="open the app at this topic (slug or 1–8)")
    parser.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="fill in a parameter of --topic (repeatable)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    run = sub.add_parser("run", help="run one experiment without the UI and print it")
    run.add_argument("topic", metavar="TOPIC", help="slug or number 1–8 (see 'mlprep-tui topics')")
    run.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a parameter, e.g. --set threshold=0.7 (repeatable)",
    )
    run.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    run.add_argument("--code", action="store_true", help="print only the code that reproduces the run")

    sub.add_parser("topics", help="list the eight topics and their parameters")

    check = sub.add_parser("check", help="validate all content and count the questions per topic")
    check.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    check.add_argument("--content-dir", metavar="DIR", help="check this directory instead of the installed content")

    stats = sub.add_parser("stats", help="per topic: attempts, correct answers and questions due for review")
    stats.add_argument("--json", action="store_true", help="print one JSON object instead of text")

    reset = sub.add_parser("reset", help="delete answers and review schedules (asks first; notes are kept)")
    # Its own dest: the top-level --topic (open the app there) must not leak into reset.
    reset.add_argument("--topic", dest="reset_topic", metavar="SLUG|N", help="only this topic's progress")
    reset.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    _add_exercise(sub)
    _add_notes_and_export(sub)
    return parser


def _add_exercise(sub: argparse._SubParsersAction[_Parser]) -> None:
    """`exercise list|show|check`: the code exercises from the shell."""
    exercise = sub.add_parser("exercise", help="list, show and check the code exercises")
    actions = exercise.add_subparsers(dest="exercise_command", metavar="ACTION", parser_class=_Parser, required=True)
    listing = actions.add_parser("list", help="every exercise: id, topic, title and your progress")
    listing.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    show = actions.add_parser("show", help="the task and the starter code (ready to save as a file)")
    show.add_argument("exercise_id", metavar="ID", help="an exercise id (see 'mlprep-tui exercise list')")
    check = actions.add_parser("check", help="run the exercise's checks on your file: exit 0 all pass, 1 any fails")
    check.add_argument("exercise_id", metavar="ID", help="an exercise id (see 'mlprep-tui exercise list')")
    check.add_argument("file", metavar="FILE", help="your Python file")
    check.add_argument("--json", action="store_true", help="print one JSON object instead of text")


def _add_notes_and_export(sub: argparse._SubParsersAction[_Parser]) -> None:
    """`notes` and `export`: what the learner wrote, and the Interview Readiness Workbook."""
    notes = sub.add_parser("notes", help="print your notes (of one topic), or add a line to a topic's notes")
    notes.add_argument("notes_topic", nargs="?", metavar="TOPIC", help="slug or number 1–8 (all topics without it)")
    notes.add_argument("--append", metavar="TEXT", help="add TEXT as a new line at the end of TOPIC's notes")
    export = sub.add_parser("export", help="write the Interview Readiness Workbook (PDF or Markdown)")
    export.add_argument("--format", dest="export_format", choices=("pdf", "md"), default="pdf", help="default: pdf")
    export.add_argument("--out", metavar="PATH", help="the file to write (default: in the current directory)")
    export.add_argument(
        "--topic",
        dest="export_topics",
        action="append",
        default=[],
        metavar="SLUG|N",
        help="only this topic (repeatable; default: all eight)",
    )
    export.add_argument("--name", metavar="NAME", help="your name, for the cover")
    export.add_argument("--paper", choices=("a4", "letter"), default="a4", help="page size of the PDF (default: a4)")
