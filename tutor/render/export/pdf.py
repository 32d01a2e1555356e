"""The workbook as a PDF (fpdf2, imported only here): fonts embedded, vector plots, an outline entry per topic."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from tutor.render.export import wording
from tutor.render.export.model import ExperimentRun, TopicPart, Workbook
from tutor.support.clock import utc

if TYPE_CHECKING:
    from tutor.render.export.pdf_writer import Writer

PAPER = {"a4": "A4", "letter": "Letter"}
MARGIN = 18.0
GREY = (110, 110, 110)


def render_pdf(book: Workbook, *, paper: str = "a4", now: datetime | None = None) -> bytes:
    """The PDF file's bytes; the same workbook and moment give the same bytes."""
    from tutor.render.export.pdf_fast import Pages, add_fonts, reusing_subsets
    from tutor.render.export.pdf_writer import Writer

    title = book.title

    class _Pages(Pages):
        """Pages with the workbook's running footer."""

        def footer(self) -> None:
            """'Interview Readiness Workbook · page N' at the foot of every page but the cover."""
            if self.page_no() == 1:
                return
            self.set_y(-12)
            self.set_font("DejaVu", "", 8)
            self.set_text_color(*GREY)
            self.cell(0, 5, f"{title} · page {self.page_no()}", align="C")

    pdf = _Pages(orientation="portrait", unit="mm", format=PAPER.get(paper, "A4"))
    pdf.set_creation_date(utc(now))  # fixed by the caller's moment: same store, same bytes
    pdf.set_title(title)
    pdf.set_creator("mlprep-tui")
    if book.name:
        pdf.set_author(book.name)
    pdf.set_lang("en")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    writer = Writer(pdf, add_fonts(pdf))
    _cover(writer, book)
    for topic in book.topics:
        _topic(writer, topic)
    _readiness(writer, book)
    with reusing_subsets():
        return bytes(pdf.output())


def _cover(writer: Writer, book: Workbook) -> None:
    """Title, name, date and the readiness summary per topic."""
    pdf = writer.pdf
    pdf.add_page()
    pdf.set_y(50)
    writer.paragraph(book.title, size=24, style="B", after=6)
    if book.name:
        writer.paragraph(book.name, size=15, after=2)
    writer.paragraph(book.date, size=12, colour=GREY, after=10)
    writer.paragraph(wording.DISCLAIMER, size=9.5, colour=GREY, after=8)
    writer.paragraph("Readiness at a glance", size=13, style="B", after=2)
    for topic in book.topics:
        writer.paragraph(topic.heading, size=10, style="B", after=0.3)
        writer.paragraph(wording.cover_line(topic), size=9.5, indent=5, colour=(60, 60, 60), after=1.5)


def _topic(writer: Writer, topic: TopicPart) -> None:
    """One topic, starting on a new page, with outline entries for its parts."""
    pdf = writer.pdf
    pdf.add_page()
    pdf.start_section(topic.heading, level=0)
    writer.heading(topic.heading, 0)
    _part(writer, "Recap")
    writer.markdown(topic.recap)
    _part(writer, "Your notes")
    writer.learner(topic.notes, wording.NO_NOTES)
    _part(writer, "Explain it")
    if topic.explain_note:
        writer.paragraph(topic.explain_note, colour=GREY)
    for entry in topic.explains:
        writer.heading(entry.prompt, 2)
        writer.paragraph(entry.status, size=9, colour=GREY)
        writer.paragraph("Your answer", size=9.5, style="B", after=0.8)
        writer.learner(entry.answer, wording.NO_ANSWER)
        writer.paragraph("Model answer", size=9.5, style="B", after=0.8)
        writer.paragraph(" ".join(entry.model_answer.split()))
        _points(writer, entry.key_points, entry.covered)
    _part(writer, "Code exercises")
    if topic.exercise_note:
        writer.paragraph(topic.exercise_note, colour=GREY)
    for exercise in topic.exercises:
        writer.heading(exercise.title, 2)
        writer.paragraph(" ".join(exercise.task.split()), size=9.5)
        writer.paragraph(f"Last check: {exercise.status}.", size=9.5, style="B")
        if exercise.code is None:
            writer.paragraph(wording.NO_CODE, colour=GREY)
        else:
            writer.code(exercise.code, fill=(255, 248, 225))
    _part(writer, "The experiment")
    _experiment(writer, topic.experiment)
    _part(writer, "Quiz record")
    writer.paragraph(wording.quiz_line(topic.readiness))
    for missed in topic.missed:
        writer.paragraph(f"{missed.idea} ({wording.missed_line(missed)})", size=9.5, style="B", after=0.5)
        writer.paragraph(missed.prompt, size=9.5, indent=5, after=0.5)
        writer.paragraph(f"Right answer: {missed.answer}. Why: {missed.explanation}", size=9.5, indent=5)
    _part(writer, "Review next")
    if topic.reviews:
        writer.bullets(list(topic.reviews), size=9.5)
    else:
        writer.paragraph(wording.NOTHING_DUE)


def _part(writer: Writer, name: str) -> None:
    """A part of a topic, with its own outline entry under the topic's."""
    writer.heading(name, 1)
    writer.pdf.start_section(name, level=1)


def _points(writer: Writer, points: tuple[str, ...], covered: tuple[int, ...] | None) -> None:
    """The key points, each marked ✓ covered or ✗ missed once the learner has graded themself."""
    writer.paragraph(
        "Key points" + (" (✓ covered in your answer)" if covered is not None else ""), size=9.5, style="B", after=0.8
    )
    ticked = set(covered or ())
    for index, point in enumerate(points):
        mark = "" if covered is None else "✓" if index in ticked else "✗"
        writer.bullets([point], size=9.5, marker=mark or "•")


def _experiment(writer: Writer, run: ExperimentRun) -> None:
    """Parameters, metrics, tables, notes, takeaway and plots of a fresh run."""
    writer.paragraph(wording.experiment_line(run), size=9.5, colour=GREY)
    writer.table(("parameter", "value"), list(run.params))
    if run.result is None:
        writer.paragraph(f"The experiment could not run: {run.problem or 'unknown problem'}")
        return
    result = run.result
    writer.table(("metric", "value"), [(m.label, m.display()) for m in result.metrics])
    for table in result.tables:
        writer.paragraph(table.title, size=9.5, style="B", after=0.8)
        writer.table(table.columns, [tuple(row) for row in table.rows])
    for note in result.notes:
        writer.paragraph(f"Note: {note}", size=9.5)
    if result.takeaway:
        writer.paragraph(f"Takeaway: {' '.join(result.takeaway.split())}", size=9.5, style="B")
    for plot in result.plots:
        writer.plot(plot)


def _readiness(writer: Writer, book: Workbook) -> None:
    """The closing table: per topic, questions right, exercises passed, prompts explained, due reviews."""
    pdf = writer.pdf
    pdf.add_page()
    pdf.start_section("Readiness", level=0)
    writer.heading("Readiness", 0)
    writer.paragraph(
        "Questions right on your latest attempt, exercises passing their last check, prompts you explained and "
        "graded, and reviews due on " + book.date + ".",
        size=9.5,
        colour=GREY,
        after=3,
    )
    writer.table(book.readiness_headers, [(t.readiness.title, *t.readiness.cells()) for t in book.topics], size=10)
