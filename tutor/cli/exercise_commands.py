"""`mlprep-tui exercise list|show|check`: the code exercises from the shell."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.cli.output import EXIT_PROBLEM, EXIT_USAGE, fail, say
from tutor.render.tables import aligned_table

if TYPE_CHECKING:
    from tutor.exercises.model import Exercise
    from tutor.exercises.results import RunReport

MAX_FILE_BYTES = 1024 * 1024  # a solution file, not a data set


def cmd_exercise(args: argparse.Namespace) -> int:
    """Dispatch `exercise list`, `exercise show ID` and `exercise check ID FILE`."""
    if args.exercise_command == "list":
        return _list(args.json)
    if args.exercise_command == "show":
        return _show(args.exercise_id)
    return _check(args.exercise_id, args.file, args.json)


def _progress() -> dict[str, dict[str, object]]:
    """The learner's progress per exercise id, or {} when the store cannot be read."""
    try:
        from tutor.learning.store.exercise_progress import exercise_summary
        from tutor.learning.store.progress import StoreError, open_store
    except ImportError:
        return {}
    try:
        with open_store() as store:
            summary = exercise_summary(store)
    except StoreError as error:
        say(f"progress not shown: {error}")
        return {}
    return {
        key: {
            "attempts": p.attempts,
            "passed": p.passed_ever,
            "last_passed": p.last_passed,
            "hints_used": p.hints_used,
            "solution_shown": p.solution_shown,
        }
        for key, p in summary.items()
    }


def _progress_text(progress: dict[str, object] | None) -> str:
    """'passed', 'tried 3×', or '—' when never run."""
    if not progress or not progress.get("attempts"):
        return "—"
    text = "passed" if progress.get("passed") else f"tried {progress['attempts']}×"
    return text + (" (solution seen)" if progress.get("solution_shown") else "")


def _list(as_json: bool) -> int:
    """Every exercise: id, topic, title and the learner's progress."""
    from tutor.exercises.spec import load_exercises

    exercises, errors = load_exercises()
    for error in errors:
        say(error)
    progress = _progress()
    if as_json:
        rows = [
            {
                "id": e.id,
                "topic": e.topic,
                "title": e.title,
                "functions": list(e.functions),
                "progress": progress.get(e.id),
            }
            for e in exercises
        ]
        print(json.dumps({"exercises": rows, "errors": errors}, indent=2, ensure_ascii=False))
        return EXIT_PROBLEM if errors else 0
    table = [(e.id, e.topic, e.title, _progress_text(progress.get(e.id))) for e in exercises]
    print("\n".join(aligned_table(("id", "topic", "title", "progress"), table, rule="-")))
    print(f"\n{len(exercises)} exercises. Start one with: mlprep-tui exercise show ID > mine.py")
    return EXIT_PROBLEM if errors else 0


def _find(exercise_id: str) -> Exercise | None:
    """The exercise, or None after saying which ids exist."""
    from tutor.exercises.spec import UnknownExercise, get_exercise

    try:
        return get_exercise(exercise_id)
    except UnknownExercise as error:
        say(str(error))
        return None


def starter_file(exercise: Exercise) -> str:
    """The task as comments, then the starter: ready to save as a .py file."""
    lines = [f"# {exercise.id}: {exercise.title} (topic: {exercise.topic})", f"# {exercise.asked_as}", "#"]
    lines += [f"# {line}".rstrip() for line in exercise.task.strip("\n").splitlines()]
    lines += ["#", f"# Check it with: mlprep-tui exercise check {exercise.id} THIS_FILE.py", ""]
    return "\n".join(lines) + "\n" + exercise.starter.strip("\n") + "\n"


def _show(exercise_id: str) -> int:
    """Print the task and the starter."""
    exercise = _find(exercise_id)
    if exercise is None:
        return EXIT_USAGE
    print(starter_file(exercise), end="")
    return 0


def _read_code(file: str) -> str | None:
    """The learner's file as text, or None after one line saying why not."""
    path = Path(file)
    try:
        if path.is_dir():
            fail([f"{file}: is a directory, not a Python file"])
            return None
        if path.stat().st_size > MAX_FILE_BYTES:
            fail([f"{file}: larger than {MAX_FILE_BYTES // 1024} KB; is it the right file?"])
            return None
        raw = path.read_bytes()
    except FileNotFoundError:
        fail([f"{file}: no such file"])
        return None
    except OSError as error:
        fail([f"{file}: unreadable ({error.strerror or error})"])
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        fail([f"{file}: not UTF-8 text (byte {raw[error.start]:#04x} at offset {error.start})"])
        return None


def _check(exercise_id: str, file: str, as_json: bool) -> int:
    """Run the exercise's checks on the file: exit 0 when all pass, 1 when any fails, 2 on usage errors."""
    from tutor.exercises.sandbox import prewarm, run_checks

    # The child starts (and imports NumPy) while this process reads the exercise and the file.
    prewarm(stay_warm=False)
    exercise = _find(exercise_id)
    if exercise is None:
        return EXIT_USAGE
    code = _read_code(file)
    if code is None:
        return EXIT_USAGE

    report = run_checks(exercise, code)
    if as_json:
        print(json.dumps({"exercise": exercise.id, **report.to_dict()}, indent=2, ensure_ascii=False))
    else:
        print("\n".join(report_lines(report)))
    return 0 if report.passed else EXIT_PROBLEM


def report_lines(report: RunReport) -> list[str]:
    """A run as text: ✓/✗ per check with its call, expected vs got, error, output and feedback."""
    lines: list[str] = []
    for result in report.results:
        if result.passed:
            lines.append(f"✓ {result.name}: {result.call_text} → {result.got}")
            continue
        lines.append(f"✗ {result.name}: {result.call_text}")
        lines.append(f"    expected {result.expected}" + (f", got {result.got}" if result.got else ""))
        if result.error:
            lines.append(f"    error: {result.error}")
        if result.feedback:
            lines.append(f"    {result.feedback}")
        if result.output:
            lines += ["    printed:", *(f"      {line}" for line in result.output.splitlines()[:10])]
    if report.output.strip():
        lines += ["your code printed:", *(f"  {line}" for line in report.output.splitlines()[:10])]
    total = len(report.results)
    if report.problem:
        lines.append(f"Stopped: {report.problem}")
    lines.append(f"{report.passed_count}/{total} checks passed" + (": all done." if report.passed else "."))
    return lines
