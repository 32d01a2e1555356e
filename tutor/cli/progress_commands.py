"""The `check`, `stats` and `reset` commands: content validation and the learner's progress."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.cli.output import EXIT_PROBLEM, fail, say
from tutor.render.tables import aligned_table

if TYPE_CHECKING:  # the store, the run process and the result types load with the command that uses them
    from tutor.engine.params import Value
    from tutor.engine.result import Result
    from tutor.engine.runner import ExperimentProcess
    from tutor.learning.store.progress import ProgressStore


def cmd_check(as_json: bool, content_dir: str | None) -> int:
    """`mlprep-tui check`: validate every content file; exit 1 if anything is wrong."""
    from tutor.learning import content

    if content_dir is not None and not Path(content_dir).is_dir():
        return fail([f"--content-dir {content_dir}: not a directory"])
    from tutor.engine.runner import ExperimentProcess

    # Predict questions are checked against real runs; scikit-learn's run in the run process, so
    # this command never imports it (nor pays for it unless a question needs it).
    process = ExperimentProcess()
    try:
        topics, errors = content.validate_content(content_dir, run=partial(_run, process))
        from tutor.learning.explain_check import validate_explain

        # Explain prompts: each file loads, and every decimal a model answer states is a number of a run.
        explain, explain_errors = validate_explain(content_dir, run=partial(_run, process))
    except Exception as failure:  # a problem the check could not report as a content line: say so, exit 1
        from tutor.engine.experiments import summary

        return fail([f"check could not finish: {summary(failure)}"], EXIT_PROBLEM)
    finally:
        process.stop()
    for slug, info in topics.items():
        info["explain"] = explain.get(slug, 0)
    errors = errors + explain_errors
    exercises, exercise_errors = _check_exercises(content_dir)
    _add_topic_errors(topics, errors + exercise_errors)
    if as_json:
        exercise_part = {"exercises": {"topics": exercises, "errors": exercise_errors}}
        print(json.dumps({"topics": topics, "errors": errors, **exercise_part}, indent=2, ensure_ascii=False))
        return EXIT_PROBLEM if errors or exercise_errors else 0
    rows = [
        (
            slug,
            t["questions"],
            t["predict"],
            _percent(t["longest_share"]),
            t["explain"],
            _yes(t["recap"]),
            len(t["errors"]),
        )
        for slug, t in topics.items()
    ]
    header = ("topic", "questions", "predict", "longest", "explain", "recap", "errors")
    print("\n".join(aligned_table(header, rows, numbers_right=True, rule="-")))
    total = sum(info["questions"] for info in topics.values())
    _print_exercises(exercises)
    errors = errors + exercise_errors
    if errors:
        print(f"\n{len(errors)} problem{'s' if len(errors) != 1 else ''}:")
        for error in errors:
            print(f"  {error}")
        return EXIT_PROBLEM
    print(f"\nAll content is valid: {total} questions in {len(topics)} topics.")
    return 0


def _add_topic_errors(topics: dict[str, dict[str, Any]], errors: list[str]) -> None:
    """Each topic's own problems (those naming its files), beside its counts."""
    from tutor.learning.question_stats import topic_errors

    for slug, info in topics.items():
        info["errors"] = topic_errors(errors, slug)


def _yes(present: bool) -> str:
    """The recap column."""
    return "yes" if present else "NO"


def _percent(share: float) -> str:
    """A share as a whole percentage: the 'longest' column (questions whose right option is strictly longest)."""
    return f"{share:.0%}"


def _run(process: ExperimentProcess, slug: str, values: Mapping[str, Value]) -> Result:
    """Run a topic for `check`: numpy topics here, scikit-learn topics in the run process."""
    from tutor.engine.experiments import get

    experiment = get(slug)
    return process.run(slug, values) if experiment.needs_sklearn else experiment.run_checked(dict(values))


def _open_store() -> ProgressStore:
    """Open the store and pass on anything it has to say about the file, on stderr."""
    from tutor.learning.store.progress import open_store

    store = open_store()
    for message in (store.notice, store.warning):
        if message:
            say(message)
    return store


def cmd_stats(as_json: bool) -> int:
    """`mlprep-tui stats`: per topic attempts, correct answers and questions due now."""
    from tutor.engine.experiments import all_experiments
    from tutor.learning.store.progress import StoreError

    try:
        with _open_store() as store:
            summary = store.topic_summary()
    except StoreError as error:
        say(str(error))
        return EXIT_PROBLEM
    slugs = [experiment.slug for experiment in all_experiments()]
    # Keep topics the store knows but the curriculum no longer has: the numbers are still real.
    slugs += sorted(set(summary) - set(slugs))
    empty = {"attempts": 0, "correct": 0, "due": 0, "answered": 0, "right_latest": 0}
    topics = {slug: {key: summary.get(slug, empty).get(key, 0) for key in empty} for slug in slugs}
    if as_json:
        print(json.dumps({"topics": topics}, indent=2))
        return 0
    rows: list[tuple[object, ...]] = [(slug, t["attempts"], t["correct"], t["due"]) for slug, t in topics.items()]
    total = ("total", *(sum(t[key] for t in topics.values()) for key in ("attempts", "correct", "due")))
    print(
        "\n".join(
            aligned_table(("topic", "attempts", "correct", "due"), rows, footer=total, numbers_right=True, rule="-")
        )
    )
    return 0


def cmd_reset(topic: str | None, yes: bool) -> int:
    """`mlprep-tui reset`: delete answers and review cards (all, or one topic's) after asking."""
    from tutor.learning.store.progress import StoreError

    slug = None
    if topic is not None:
        from tutor.engine.experiments import UnknownTopic, get

        try:
            slug = get(topic).slug
        except UnknownTopic as error:
            return fail([str(error)])
    what = "all progress" if slug is None else f"progress on {slug}"
    try:
        with _open_store() as store:
            if store.in_memory:
                say(f"nothing deleted: the progress file at {store.path} cannot be written.")
                return EXIT_PROBLEM
            count = len(store.attempts(slug))
            if not yes and not _confirm(
                f"This deletes {count} answer{'s' if count != 1 else ''} and their review schedule; notes are kept.",
                f"Delete {what}? [y/N] ",
            ):
                return EXIT_PROBLEM
            deleted = store.reset(slug)
    except StoreError as error:
        say(str(error))
        return EXIT_PROBLEM
    print(f"Deleted {what}: {deleted} answer{'s' if deleted != 1 else ''}.")
    return 0


def _confirm(explanation: str, question: str) -> bool:
    """Ask on the terminal; no terminal, end of input or anything but y/yes means no."""
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        # Piped input could be anything (a stray `yes |`); deleting needs a person or --yes.
        say("nothing deleted: no terminal to ask on; pass --yes to delete without asking.")
        return False
    print(explanation)
    try:
        answer = input(question)
    except EOFError:
        answer = ""
    if answer.strip().lower() in ("y", "yes"):
        return True
    print("Nothing deleted.")
    return False


def _check_exercises(content_dir: str | None) -> tuple[dict[str, dict[str, int]], list[str]]:
    """The code exercises: per-topic counts, and one line per problem (reference, starter, mistakes)."""
    from tutor.exercises.validate import validate_exercises

    try:
        return validate_exercises(content_dir)
    except Exception as failure:  # reported as a line, like any content problem
        from tutor.engine.experiments import summary

        return {}, [f"exercises: check could not finish: {summary(failure)}"]


def _print_exercises(exercises: dict[str, dict[str, int]]) -> None:
    """The exercises per topic, after the questions table."""
    rows = [(slug, info["exercises"], info["checks"], info["mistakes"]) for slug, info in exercises.items()]
    print()
    print("\n".join(aligned_table(("topic", "exercises", "checks", "mistakes"), rows, numbers_right=True, rule="-")))
