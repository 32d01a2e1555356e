"""`check` for explain prompts: the files load cleanly, and every decimal a model answer or a key point
states is a number of a real run (the topic's defaults, or a state in the prompt's `runs`).

The same rule as predict questions (predict_check): integers are counts and parameter values; a
decimal ("0.187", "about 0.91") must be shown by the defaults' run or a run of one of the prompt's states,
at the precision the text quotes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tutor.learning.explain import ExplainPrompt, load_prompts
from tutor.learning.predict_check import _DECIMAL, _numbers, quoted_as, shown_numbers

if TYPE_CHECKING:  # annotations only: the result types load with the first run
    from tutor.engine.result import Result
    from tutor.learning.predict_check import Runner


def prompt_problems(prompt: ExplainPrompt, known: set[float]) -> list[str]:
    """Decimals in the model answer or the key points that no run shows."""
    fields = [("model_answer", prompt.model_answer)]
    fields += [(f"key_points[{index}]", point) for index, point in enumerate(prompt.key_points)]
    return [
        f"{name}: {token} is neither a number of the defaults' run nor of one of the prompt's runs"
        for name, text in fields
        for token in _numbers(text, _DECIMAL)
        if not any(quoted_as(token, value) for value in known)
    ]


def check_explain_numbers(prompts: list[ExplainPrompt], run: Runner) -> list[tuple[ExplainPrompt, str]]:
    """Run each topic's defaults (once) and each state in a prompt's runs; (prompt, problem) pairs."""
    from tutor.engine.experiments import get, summary

    problems: list[tuple[ExplainPrompt, str]] = []
    default_runs: dict[str, Result] = {}
    for prompt in prompts:
        params = get(prompt.topic).params
        try:
            if prompt.topic not in default_runs:
                default_runs[prompt.topic] = run(prompt.topic, params.defaults())
            known = shown_numbers(default_runs[prompt.topic])
            for state in prompt.runs:
                values, errors = params.parse(state)
                if errors:  # the loader rejects these; a hand-built prompt may still carry one
                    problems += [(prompt, f"runs.{error.name}: {error.message}") for error in errors]
                    continue
                known |= shown_numbers(run(prompt.topic, values))
        except Exception as error:  # a run that fails is the content's problem to report, not a crash
            problems.append((prompt, f"runs: a run failed: {summary(error)}"))
            continue
        problems += [(prompt, problem) for problem in prompt_problems(prompt, known)]
    return problems


def validate_explain(
    content_dir: Path | str | None = None, run: Runner | None = None
) -> tuple[dict[str, int], list[str]]:
    """Prompt counts per topic and every problem (loading, then numbers against runs), one line each."""
    from tutor.engine.experiments import all_experiments
    from tutor.learning.content import _root
    from tutor.learning.predict_check import run_here

    prompts, errors = load_prompts(content_dir)
    label = _root(content_dir)[1]
    for prompt, problem in check_explain_numbers(prompts, run or run_here):
        errors.append(f"{label}/explain/{prompt.topic}.toml: {problem} (id {prompt.id!r})")
    counts: dict[str, int] = {e.slug: sum(1 for p in prompts if p.topic == e.slug) for e in all_experiments()}
    return counts, errors
