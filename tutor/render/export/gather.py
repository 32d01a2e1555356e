"""Gather the workbook from the progress store, the content and fresh experiment runs."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from tutor.render.export.model import ExperimentRun, MissedEntry, Readiness, TopicPart, Workbook
from tutor.render.export.sources import NO_EXERCISES, NO_PROMPTS, LearnerWork, learner_work
from tutor.support.clock import utc

if TYPE_CHECKING:
    from tutor.engine.experiments import Experiment
    from tutor.engine.params import Value
    from tutor.engine.result import Result
    from tutor.learning.questions import QuestionBank
    from tutor.learning.store.progress import ProgressStore

# Runs one topic's experiment: (slug, parsed values) -> Result. The CLI runs in process; the app may
# hand its warm run process, so scikit-learn never loads into the UI's process.
Runner = Callable[[str, dict[str, "Value"]], "Result"]

MISSED_PER_TOPIC = 3
_FIRST_HEADING = re.compile(r"\A\s*#(?!#)[^\n]*\n?")


def gather(
    store: ProgressStore,
    slugs: list[str] | None = None,
    *,
    name: str | None = None,
    now: datetime | None = None,
    run: Runner | None = None,
    bank: QuestionBank | None = None,
) -> Workbook:
    """The workbook of these topics (all eight by default) as the store holds them at `now` (the app hands
    its question bank; without one the questions are read from the content)."""
    from tutor.engine.experiments import all_experiments, get
    from tutor.learning.content import load_questions

    moment = utc(now)
    experiments = [get(slug) for slug in slugs] if slugs else all_experiments()
    topic_slugs = [experiment.slug for experiment in experiments]
    bank = bank if bank is not None else load_questions()
    work = learner_work(store, topic_slugs)
    reviews = _reviews(store, bank, work, moment)
    missed = _missed(store, bank)
    last = store.last()
    latest = {qid: attempt.correct for qid, attempt in store.latest_by_question().items()}
    topics = tuple(
        _topic(store, experiment, bank, work, latest, reviews.get(experiment.slug, []), missed, last, run)
        for experiment in experiments
    )
    return Workbook(name=name.strip() if name and name.strip() else None, date=moment.date().isoformat(), topics=topics)


def _topic(
    store: ProgressStore,
    experiment: Experiment,
    bank: QuestionBank,
    work: LearnerWork,
    latest: dict[str, bool],
    reviews: list[str],
    missed: dict[str, list[MissedEntry]],
    last: tuple[str, dict[str, str]] | None,
    run: Runner | None,
) -> TopicPart:
    """One topic's part of the workbook."""
    slug = experiment.slug
    questions = bank.for_topic(slug)
    answered = [latest[q.id] for q in questions if q.id in latest]
    explains = work.explains.get(slug, [])
    exercises = work.exercises.get(slug, [])
    readiness = Readiness(
        slug=slug,
        title=experiment.short_title,
        questions_right=sum(answered),
        questions_total=len(questions),
        exercises_passed=work.exercises_passed.get(slug, 0),
        exercises_total=len(exercises),
        prompts_explained=work.prompts_explained.get(slug, 0),
        prompts_total=len(explains),
        due=len(reviews),
        answered=len(answered),
        exercises_tried=work.exercises_tried.get(slug, 0),
        prompts_answered=work.prompts_answered.get(slug, 0),
    )
    return TopicPart(
        slug=slug,
        number=experiment.number,
        title=experiment.title,
        recap=_recap(slug),
        notes=store.note(slug),
        explains=tuple(explains),
        explain_note=None if explains else NO_PROMPTS,
        exercises=tuple(exercises),
        exercise_note=None if exercises else NO_EXERCISES,
        experiment=_experiment(experiment, last[1] if last and last[0] == slug else None, run),
        missed=tuple(missed.get(slug, [])[:MISSED_PER_TOPIC]),
        reviews=tuple(reviews),
        readiness=readiness,
    )


def _recap(slug: str) -> str:
    """The recap without its first heading (the workbook titles the topic itself)."""
    from tutor.learning.content import ContentError, load_recap

    try:
        return _FIRST_HEADING.sub("", load_recap(slug), count=1).strip("\n")
    except ContentError as error:
        return f"(The recap could not be read: {error}.)"


def _experiment(experiment: Experiment, texts: Mapping[str, str] | None, run: Runner | None) -> ExperimentRun:
    """Run the topic at the learner's last parameters when the store has them and they parse, else at the defaults."""
    from tutor.engine.experiments import RunFailed, summary
    from tutor.engine.params import ParamError

    values = experiment.params.validated(None)
    source = "the defaults"
    if texts is not None:
        known = {key: value for key, value in texts.items() if key in experiment.params.names}
        parsed, errors = experiment.params.parse({**experiment.params.default_texts(), **known})
        if errors:
            source = f"the defaults (your last parameters did not parse: {errors[0]})"
        else:
            values, source = parsed, "your last parameters"
    params = tuple((param.name, param.format(values[param.name])) for param in experiment.params)
    try:
        result = run(experiment.slug, values) if run is not None else experiment.run_checked(values)
    except (ParamError, RunFailed) as error:
        return ExperimentRun(params, source, None, str(error))
    except Exception as error:  # the run process may fail in its own ways; the workbook still gets written
        return ExperimentRun(params, source, None, f"the run failed ({summary(error)})")
    return ExperimentRun(params, source, result)


def _missed(store: ProgressStore, bank: QuestionBank) -> dict[str, list[MissedEntry]]:
    """Per topic, the most-missed questions still in the content, most missed first."""
    found: dict[str, list[MissedEntry]] = {}
    for missed in store.most_missed(10_000):
        question = bank.get(missed.question_id)
        if question is None:
            continue
        right = question.options[question.correct_index]
        found.setdefault(question.topic, []).append(
            MissedEntry(
                question.idea,
                question.prompt,
                right.text,
                right.explanation,
                missed.misses,
                missed.attempts,
                missed.latest_correct,
            )
        )
    return found


def _reviews(store: ProgressStore, bank: QuestionBank, work: LearnerWork, now: datetime) -> dict[str, list[str]]:
    """Per topic, what is due for review at `now`, most overdue first; cards the content lacks are left out."""
    found: dict[str, list[str]] = {}
    for card_id, due in store.due(now):
        question = bank.get(card_id)
        if question is not None:
            topic, label = question.topic, f"Question: {question.idea}"
        elif card_id in work.cards:
            topic, label = work.cards[card_id]
        else:
            continue
        found.setdefault(topic, []).append(f"{label} (due {due.date().isoformat()})")
    return found
