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
    return parser
