"""The `mlprep-tui` entry point: read the arguments and hand over to the command's module."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tutor.cli.installation import foreign_package
from tutor.cli.output import EXIT_PROBLEM, fail
from tutor.support.threads import limit_threads


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of `python -m tutor`."""
    # Before scikit-learn or numpy loads, in this process and in the run process it spawns.
    limit_threads()
    arguments = sys.argv[1:] if argv is None else list(argv)
    problem = foreign_package()
    if problem is not None:
        # Importing the shadowed package would end in an ImportError or, worse, someone else's code.
        return fail([problem], EXIT_PROBLEM)
    try:
        return _dispatch(arguments)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `mlprep-tui run 1 | head` closes the pipe early: not an error worth a traceback.
        sys.stderr.close()
        return 0
    except Exception as error:  # any other escape is a bug: log it, one line, exit 70
        from tutor.cli.crash import report_crash

        return report_crash(error)


def _dispatch(arguments: list[str]) -> int:
    """Run the command the arguments name; no arguments opens the app."""
    if not arguments:
        # Bare `mlprep-tui`, the usual launch, opens the app without loading or building the
        # parser (argparse and the grammar cost ~10 ms of start-up).
        from tutor.cli.launch import open_app

        return open_app(None, [])
    from tutor.cli.parser import build_parser

    args = build_parser().parse_args(arguments)
    if args.command == "run":
        from tutor.cli.run_commands import cmd_run

        return cmd_run(args.topic, args.sets, args.json, code_only=args.code)
    if args.command == "topics":
        from tutor.cli.run_commands import cmd_topics

        return cmd_topics()
    if args.command in ("check", "stats", "reset"):
        from tutor.cli.progress_commands import cmd_check, cmd_reset, cmd_stats

        if args.command == "check":
            return cmd_check(args.json, args.content_dir)
        if args.command == "stats":
            return cmd_stats(args.json)
        return cmd_reset(args.reset_topic, args.yes)
    if args.command == "exercise":
        from tutor.cli.exercise_commands import cmd_exercise

        return cmd_exercise(args)
    if args.command == "notes":
        from tutor.cli.notes_commands import cmd_notes

        return cmd_notes(args.notes_topic, args.append)
    if args.command == "export":
        from tutor.cli.export_commands import cmd_export

        return cmd_export(args.export_format, args.out, args.export_topics, args.name, args.paper)
    from tutor.cli.launch import open_app

    return open_app(args.topic, args.sets)
