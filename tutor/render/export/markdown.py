"""The workbook as GitHub-flavoured Markdown: learner text in fenced blocks, plots as plotext text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tutor.render.export import wording
from tutor.render.export.model import ExperimentRun, TopicPart, Workbook

if TYPE_CHECKING:
    from tutor.engine.result import PlotSpec, Result

PLOT_WIDTH = 76
PLOT_HEIGHT = 20
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>&])")
_HEADING = re.compile(r"^(#{1,4})(?=\s)")
# Each plot's text for the plots drawn lately: plotext takes ~10 ms a plot, and a workbook exported again
# runs the same experiments to the same plots. Keyed by the spec itself (frozen: equal specs draw alike).
_PLOT_TEXT: dict[PlotSpec, str] = {}
_KEPT_PLOTS = 64


def inline(text: str) -> str:
    """Learner or stored text on one line, every Markdown or HTML character escaped (so it shows literally)."""
    flat = " ".join(_printable(text).split())
    return _INLINE_SPECIAL.sub(r"\\\1", flat)


def cell(text: str) -> str:
    """Our own text in a table cell: a '|' would end the cell, a newline the row."""
    return " ".join(text.split()).replace("|", "\\|")


def fenced(text: str, language: str = "text") -> str:
    """Text shown exactly as written: a fence longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{_printable(text, keep_lines=True).rstrip()}\n{fence}"


def demote(markdown: str) -> str:
    """Headings two levels down (the recap's '##' under the topic's '###'), code blocks untouched."""
    out, fence = [], ""
    for line in markdown.split("\n"):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fence = "" if fence == marker else fence or marker
        out.append(line if fence else _HEADING.sub(r"##\1", line))
    return "\n".join(out)


def _printable(text: str, keep_lines: bool = False) -> str:
    """Control characters (escape sequences, NUL) out; tabs as spaces; newlines kept when asked."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return "".join(ch if ch.isprintable() or (keep_lines and ch == "\n") else " " for ch in text)


def _table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """A pipe table."""
    lines = ["| " + " | ".join(cell(c) for c in columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(book: Workbook) -> str:
    """The whole workbook as one Markdown document."""
    lines = [f"# {book.title}", ""]
    if book.name:
        lines += [f"**Learner:** {inline(book.name)}  ", ""]
    lines += [f"**Date:** {book.date}", "", wording.DISCLAIMER, "", "## Readiness at a glance", ""]
    for topic in book.topics:
        lines.append(f"- **{cell(topic.heading)}**: {wording.cover_line(topic)}")
    for topic in book.topics:
        lines += ["", "---", "", *_topic(topic)]
    lines += ["", "---", "", "## Readiness", ""]
    lines += _table(book.readiness_headers, [(t.readiness.title, *t.readiness.cells()) for t in book.topics])
    return "\n".join(lines).rstrip() + "\n"


def _topic(topic: TopicPart) -> list[str]:
    """One topic's section."""
    lines = [f"## {topic.heading}", "", "### Recap", "", demote(topic.recap), ""]
    lines += ["### Your notes", ""]
    lines += [fenced(topic.notes) if topic.notes.strip() else wording.NO_NOTES, ""]
    lines += ["### Explain it", ""]
    if topic.explain_note:
        lines += [topic.explain_note, ""]
    for entry in topic.explains:
        lines += [f"#### {cell(entry.prompt)}", "", f"*{entry.status}*", "", "**Your answer**", ""]
        lines += [fenced(entry.answer) if entry.answer.strip() else wording.NO_ANSWER, ""]
        lines += ["**Model answer**", "", " ".join(entry.model_answer.split()), "", "**Key points**", ""]
        ticked = set(entry.covered or ())
        lines += [f"- [{'x' if i in ticked else ' '}] {cell(p)}" for i, p in enumerate(entry.key_points)] + [""]
    lines += ["### Code exercises", ""]
    if topic.exercise_note:
        lines += [topic.exercise_note, ""]
    for exercise in topic.exercises:
        lines += [f"#### {cell(exercise.title)}", "", exercise.task.strip(), "", f"Last check: {exercise.status}.", ""]
        lines += [fenced(exercise.code, "python") if exercise.code is not None else wording.NO_CODE, ""]
    lines += ["### The experiment", "", *_experiment(topic.experiment), ""]
    lines += ["### Quiz record", "", wording.quiz_line(topic.readiness), ""]
    if topic.missed:
        lines += ["Most-missed ideas:", ""]
        for missed in topic.missed:
            lines.append(f"- **{cell(missed.idea)}** ({wording.missed_line(missed)}). {cell(missed.prompt)}")
            lines.append(f"  Right answer: {cell(missed.answer)}. Why: {cell(missed.explanation)}")
        lines.append("")
    lines += ["### Review next", ""]
    lines += [f"- {cell(item)}" for item in topic.reviews] if topic.reviews else [wording.NOTHING_DUE]
    return lines


def _experiment(run: ExperimentRun) -> list[str]:
    """Parameters, metrics, tables, notes, the takeaway and each plot as text."""
    lines = [wording.experiment_line(run), ""]
    lines += [*_table(("parameter", "value"), [(name, f"`{value}`") for name, value in run.params]), ""]
    if run.result is None:
        return [*lines, f"The experiment could not run: {inline(run.problem or 'unknown problem')}"]
    return lines + _result(run.result)


def _result(result: Result) -> list[str]:
    """A run's numbers, tables and plots."""
    lines = [*_table(("metric", "value"), [(m.label, m.display()) for m in result.metrics]), ""]
    for table in result.tables:
        lines += [f"**{cell(table.title)}**", "", *_table(table.columns, [tuple(r) for r in table.rows]), ""]
    lines += [f"Note: {' '.join(note.split())}" for note in result.notes] + ([""] if result.notes else [])
    if result.takeaway:
        lines += [f"**Takeaway:** {' '.join(result.takeaway.split())}", ""]
    for plot in result.plots:
        lines += [plot_block(plot), ""]
    return lines[:-1] if lines and lines[-1] == "" else lines


def plot_block(spec: PlotSpec) -> str:
    """A plot as plotext text in a fenced block (drawn once for equal specs while they are recent)."""
    try:
        block = _PLOT_TEXT.pop(spec, None)
    except TypeError:  # a spec holding something unhashable: draw it every time
        return _plot_block(spec)
    if block is None:
        block = _plot_block(spec)
        while len(_PLOT_TEXT) >= _KEPT_PLOTS:
            del _PLOT_TEXT[next(iter(_PLOT_TEXT))]
    _PLOT_TEXT[spec] = block  # last in: the most recently used
    return block


def _plot_block(spec: PlotSpec) -> str:
    """Draw the plot with plotext (no colour) and fence it."""
    from tutor.render.plots import render

    text = render(spec, PLOT_WIDTH, PLOT_HEIGHT, color=False)
    return fenced("\n".join(line.rstrip() for line in text.split("\n")))
