"""The `run` and `topics` commands: experiments without the UI."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tutor.cli.output import EXIT_PROBLEM, fail

if TYPE_CHECKING:
    from tutor.engine.experiments import Experiment
    from tutor.engine.params import Value


def _resolve(topic: str, sets: Sequence[str]) -> tuple[Experiment | None, dict[str, Value], list[str]]:
    """Look up the topic and parse --set texts; return (experiment, values, problem lines)."""
    from tutor.engine.experiments import UnknownTopic, get
    from tutor.engine.params import parse_assignments

    try:
        experiment = get(topic)
    except UnknownTopic as error:
        return None, {}, [str(error)]
    texts, problems = parse_assignments(sets)
    values, errors = experiment.params.parse(texts)
    problems.extend(str(error) for error in errors)
    return experiment, values, problems


def cmd_run(topic: str, sets: Sequence[str], as_json: bool, *, code_only: bool = False) -> int:
    """`mlprep-tui run TOPIC`: parse, run and print one experiment (or, with --code, only its code)."""
    experiment, values, problems = _resolve(topic, sets)
    if problems or experiment is None:
        return fail(problems)
    from tutor.engine.experiments import RunFailed
    from tutor.engine.params import ParamError

    try:
        result = experiment.run_checked(values)
    except ParamError as error:
        # Some limits depend on the generated data (e.g. cv vs a class's count after the split).
        return fail([str(error)])
    except RunFailed as error:
        # The values passed every check and the run still raised: one line, exit 1, no traceback.
        return fail([str(error)], EXIT_PROBLEM)
    if code_only:
        # The snippet alone, ready to paste or redirect into a file (JSON's "code" holds the same text).
        print(result.code.rstrip("\n"))
        return 0
    if as_json:
        import json

        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False, allow_nan=False))
        return 0
    import shutil

    from tutor.render.text import render_text

    size = shutil.get_terminal_size((100, 30))
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    print(render_text(experiment, result, width=size.columns, color=color))
    return 0


def cmd_topics() -> int:
    """`mlprep-tui topics`: the eight topics with their parameters and defaults."""
    from tutor.engine.experiments import all_experiments

    for experiment in all_experiments():
        print(f"{experiment.number}  {experiment.slug:<20} {experiment.title}")
        params = ", ".join(f"{p.name}={p.default_text}" for p in experiment.params)
        print(f"   {'':<20} {params}")
    return 0
