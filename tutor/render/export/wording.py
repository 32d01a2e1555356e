"""Sentences both the PDF and the Markdown say the same way, so the two formats never disagree."""

from __future__ import annotations

from tutor.render.export.model import NOT_STARTED, ExperimentRun, MissedEntry, Readiness, TopicPart


def cover_line(topic: TopicPart) -> str:
    """The topic's line in the cover's summary: 'questions 3/5 right · exercises 1/1 · prompts 2/4 · 2 due'."""
    row = topic.readiness
    if not row.started:
        return f"{NOT_STARTED}" + (f" · {row.due} due" if row.due else "")
    parts = [f"questions {row.questions_right}/{row.questions_total} right"]
    if row.exercises_total:
        parts.append(f"exercises {row.exercises_passed}/{row.exercises_total} passed")
    if row.prompts_total:
        parts.append(f"prompts {row.prompts_explained}/{row.prompts_total} explained")
    parts.append(f"{row.due} due")
    return " · ".join(parts)


def quiz_line(row: Readiness) -> str:
    """'3 of 5 questions right on your latest attempt (4 answered).' or the not-started line."""
    if not row.answered:
        return f"Quiz: {NOT_STARTED} ({row.questions_total} questions)."
    return (
        f"{row.questions_right} of {row.questions_total} questions right on your latest attempt"
        f" ({row.answered} answered)."
    )


def missed_line(entry: MissedEntry) -> str:
    """'missed 2 of 3 times; right on your latest attempt' (or 'still wrong on your latest attempt')."""
    latest = "right on your latest attempt" if entry.latest_correct else "still wrong on your latest attempt"
    return f"missed {entry.misses} of {entry.attempts} time{'s' if entry.attempts != 1 else ''}; {latest}"


def experiment_line(run: ExperimentRun) -> str:
    """Which parameters the experiment ran with."""
    return f"Run at {run.source}."


NO_NOTES = "No notes yet: press w on the topic screen to write some."
NOTHING_DUE = "Nothing is due for review."
NO_MISSES = "No missed questions."
NO_ANSWER = "(no answer written yet)"
NO_CODE = "(no code saved yet)"
DISCLAIMER = (
    "Written by mlprep-tui from your progress: your answers and code exactly as you wrote them, "
    "every number from a fresh run of the experiment."
)
