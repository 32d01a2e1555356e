"""The `mlprep-tui` command line: open the app, or run an experiment headless and print it."""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sys
from collections.abc import Sequence
from typing import NoReturn

from tutor import __version__

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake as one clear line (plus a hint), never a usage dump."""

    def error(self, message: str) -> NoReturn:
        """Print the problem on stderr and exit 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: {message}\n(try '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with its subcommands."""
    parser = _Parser(
        prog="mlprep-tui",
        description="A keyboard-driven terminal tutor for junior ML interview prep. "
        "With no command it opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"mlprep-tui {__version__}")
    parser.add_argument("--topic", metavar="SLUG|N", help="open the app at this topic (slug or 1–8)")
    parser.add_argument(
        "--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
        help="fill in a parameter of --topic (repeatable)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    run = sub.add_parser("run", help="run one experiment without the UI and print it")
    run.add_argument("topic", metavar="TOPIC", help="slug or number 1–8 (see 'mlprep-tui topics')")
    run.add_argument(
        "--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of `python -m tutor`."""
    # The data sets are tiny: extra OpenMP/BLAS threads only contend with the UI thread and,
    # on a shared 2-core machine, make sklearn calls several times slower. Set before sklearn loads.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    arguments = sys.argv[1:] if argv is None else list(argv)
    # Bare `mlprep-tui`, the usual launch, opens the app without building the parser (~6 ms).
    args = build_parser().parse_args(arguments) if arguments else None
    try:
        if args is None:
            return _open_app(None, [])
        if args.command == "run":
            return _cmd_run(args.topic, args.sets, args.json)
        if args.command == "topics":
            return _cmd_topics()
        if args.command in ("check", "stats", "reset"):
            from tutor.cli_progress import cmd_check, cmd_reset, cmd_stats

            if args.command == "check":
                return cmd_check(args.json, args.content_dir)
            if args.command == "stats":
                return cmd_stats(args.json)
            return cmd_reset(args.reset_topic, args.yes)
        return _open_app(args.topic, args.sets)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `mlprep-tui run 1 | head` closes the pipe early: not an error worth a traceback.
        sys.stderr.close()
        return 0


def _fail(lines: Sequence[str]) -> int:
    """Print one line per problem on stderr; return the usage exit code."""
    for line in lines:
        print(f"mlprep-tui: {line}", file=sys.stderr)
    return EXIT_USAGE


def _resolve(topic: str, sets: Sequence[str]):
    """Look up the topic and parse --set texts; return (experiment, values, problem lines)."""
    from tutor.experiments import UnknownTopic, get
    from tutor.params import parse_assignments

    try:
        experiment = get(topic)
    except UnknownTopic as error:
        return None, {}, [str(error)]
    texts, problems = parse_assignments(sets)
    values, errors = experiment.params.parse(texts)
    problems.extend(str(error) for error in errors)
    return experiment, values, problems


def _cmd_run(topic: str, sets: Sequence[str], as_json: bool) -> int:
    """`mlprep-tui run TOPIC`: parse, run and print one experiment."""
    experiment, values, problems = _resolve(topic, sets)
    if problems:
        return _fail(problems)
    from tutor.params import ParamError

    try:
        result = experiment.run_values(values)
    except ParamError as error:
        # Some limits depend on the generated data (e.g. cv vs a class's count after the split).
        return _fail([str(error)])
    if as_json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False, allow_nan=False))
        return 0
    from tutor.report import render_text

    size = shutil.get_terminal_size((100, 30))
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    print(render_text(experiment, result, width=size.columns, color=color))
    return 0


def _cmd_topics() -> int:
    """`mlprep-tui topics`: the eight topics with their parameters and defaults."""
    from tutor.experiments import all_experiments

    for experiment in all_experiments():
        print(f"{experiment.number}  {experiment.slug:<20} {experiment.title}")
        params = ", ".join(f"{p.name}={p.default_text}" for p in experiment.params)
        print(f"   {'':<20} {params}")
    return 0


def _open_app(topic: str | None, sets: Sequence[str]) -> int:
    """Bare `mlprep-tui`: open the terminal app (optionally at a topic, with parameters)."""
    if sets and topic is None:
        return _fail(["--set needs --topic (which topic's parameters?)"])
    if topic is not None:
        from tutor.experiments import UnknownTopic, get

        try:
            get(topic)
        except UnknownTopic as error:
            return _fail([str(error)])
    # Importing and building the app allocates tens of thousands of long-lived objects: collecting
    # them meanwhile frees nothing and delays the first frame. The app resumes collection after it.
    gc.disable()
    # The one place the core reaches the UI: the launcher, imported only when the app opens.
    from screens.app import run_app

    return run_app(topic=topic, sets=list(sets))
