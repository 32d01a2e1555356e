"""Predict-then-run questions checked against real runs, so their numbers cannot drift from the engine.

A predict question sets a state: the topic's defaults plus its `[questions.predict]` texts (nothing a
learner or an earlier question left behind). `mlprep-tui check` runs that state and the defaults it
starts from, then holds the question to three rules:

1. The prompt names every parameter it changes, as `name`, with the value it sets.
2. `[questions.expect]` (metric key = "value as the results pane shows it") matches the run of the
   state exactly, and each expected value is quoted in the prompt, the right option or an explanation.
3. Every decimal number in the prompt, the right option and the explanations is a number of one of
   the two runs (a metric, a table cell, a parameter, the takeaway or a note), at the precision the
   text quotes it: "about 1.13" passes for 1.1335, "0.25" fails unless a run shows 0.25.

Integers in the text are counts and parameter values ("4 of 6", "200 steps"); the ones that are
results go in `expect`. Numbers about any other state (another learning rate, a later step) are not
checkable, so the texts do not quote them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from tutor.learning.questions import Question, predict_state

if TYPE_CHECKING:  # annotations only: the result types load with the first run
    from tutor.engine.params import Value
    from tutor.engine.result import Result

Runner = Callable[[str, Mapping[str, "Value"]], "Result"]

_DECIMAL = re.compile(r"[-−]?\d+\.\d+")
_NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?")


def _numbers(text: str, pattern: re.Pattern[str] = _NUMBER) -> list[str]:
    """Number tokens of a text, the typographic minus read as a minus."""
    return [match.replace("−", "-") for match in pattern.findall(text)]


def _values(value: object) -> Iterator[float]:
    """The numbers inside a parameter value (a number, a tuple of them, or a choice)."""
    if isinstance(value, int | float):  # bool included
        yield float(value)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _values(item)
    elif isinstance(value, str):
        yield from (float(token) for token in _numbers(value))


def shown_numbers(result: Result) -> set[float]:
    """Every number a run puts in front of the learner: metrics, table cells, parameters, its words."""
    found = {float(metric.value) for metric in result.metrics}
    for table in result.tables:
        for row in table.rows:
            for cell in row:
                found.update(float(token) for token in _numbers(cell))
    for value in result.params.values():
        found.update(_values(value))
    for text in (result.takeaway, *result.notes):
        found.update(float(token) for token in _numbers(text))
    return found


def quoted_as(token: str, value: float) -> bool:
    """Whether `value`, rounded to the decimals `token` shows, reads as `token` (signs aside)."""
    decimals = len(token.partition(".")[2])
    return abs(abs(float(token)) - abs(value)) <= 0.5 * 10.0**-decimals + 1e-9


def texts_of(question: Question) -> list[tuple[str, str]]:
    """(field, text) for what the question states as fact: the prompt, the right option and every
    explanation. A wrong option's text is a candidate's mistake, so its number may be wrong on purpose
    ("0.98, ten times larger"); the explanation beside it says, with the run's numbers, why."""
    fields = [("prompt", question.prompt)]
    for index, option in enumerate(question.options):
        if option.correct:
            fields.append((f"options[{index}].text", option.text))
        fields.append((f"options[{index}].explanation", option.explanation))
    return fields


def _named_in_prompt(question: Question) -> list[str]:
    problems = []
    for name, text in question.predict.items():
        if f"`{name}`" not in question.prompt:
            problems.append(f"prompt: does not name `{name}`, which the question sets")
        elif text not in question.prompt:
            problems.append(f"prompt: does not say the value it sets `{name}` to ({text!r})")
    return problems


def _expected(question: Question, after: Result) -> list[str]:
    problems = []
    tokens = {token for _, text in texts_of(question) for token in _numbers(text)}
    for key, quoted in question.expect.items():
        try:
            shown = after.metric(key).display()
        except KeyError:
            keys = ", ".join(metric.key for metric in after.metrics)
            problems.append(f"expect.{key}: not a metric of this topic; expected one of {keys}")
            continue
        if quoted != shown:
            problems.append(f"expect.{key}: the run shows {shown}, not {quoted}")
        elif not any(float(token) == float(shown) for token in tokens if _NUMBER.fullmatch(shown)):
            problems.append(f"expect.{key}: {shown} is not quoted in the prompt, an option or an explanation")
    return problems


def question_problems(question: Question, before: Result, after: Result) -> list[str]:
    """What is wrong with a predict question, given the run of its state and of the defaults."""
    problems = _named_in_prompt(question)
    if not question.expect:
        problems.append('expect: missing; name the metrics the run shows (key = "value as shown")')
    problems += _expected(question, after)
    known = shown_numbers(after) | shown_numbers(before)
    for field, text in texts_of(question):
        for token in _numbers(text, _DECIMAL):
            if not any(quoted_as(token, value) for value in known):
                problems.append(f"{field}: {token} is neither a number of the run nor of the defaults' run")
    return problems


def run_here(slug: str, values: Mapping[str, Value]) -> Result:
    """Run a topic in this process (scikit-learn topics import it here)."""
    from tutor.engine.experiments import get

    return get(slug).run_checked(dict(values))


def check_predict_questions(questions: list[Question], run: Runner) -> list[tuple[Question, str]]:
    """Run each predict question's state (and its topic's defaults, once) and check it: (question,
    problem) pairs. `run(slug, values)` runs a topic with parsed values (here or in the run process)."""
    from tutor.engine.experiments import get, summary

    problems: list[tuple[Question, str]] = []
    default_runs: dict[str, Result] = {}
    for question in questions:
        if not question.predict:
            continue
        params = get(question.topic).params
        try:
            if question.topic not in default_runs:
                default_runs[question.topic] = run(question.topic, params.defaults())
            values, errors = params.parse(predict_state(question, params.default_texts()))
            if errors:
                problems += [(question, f"predict.{error.name}: {error.message}") for error in errors]
                continue
            after = run(question.topic, values)
        except Exception as error:  # a run that fails is the content's problem to report, not a crash
            problems.append((question, f"predict: the run of its state failed: {summary(error)}"))
            continue
        before = default_runs[question.topic]
        problems += [(question, problem) for problem in question_problems(question, before, after)]
    return problems
