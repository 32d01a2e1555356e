"""The `mlprep-tui` command line: open the app, or run an experiment headless and print it."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of `python -m tutor`."""
    # The data sets are tiny: extra OpenMP/BLAS threads only contend with the UI thread and,
    # on a shared 2-core machine, make sklearn calls several times slower. Set before sklearn loads.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    arguments = sys.argv[1:] if argv is None else list(argv)
    # Bare `mlprep-tui`, the usual launch, opens the app without loading or building the
    # parser (argparse and the grammar cost ~10 ms of start-up).
    args = None
    if arguments:
        from tutor.cli_parser import build_parser

        args = build_parser().parse_args(arguments)
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
        import json

        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False, allow_nan=False))
        return 0
    from tutor.report import render_text

    import shutil

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
