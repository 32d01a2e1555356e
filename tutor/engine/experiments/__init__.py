"""The eight experiments, registered by slug and by number 1–8.

Each module defines `EXPERIMENT`: its slug, number, title, declared parameters and `run`.
Modules import scikit-learn inside `run`, never at import time, so listing topics stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from tutor.engine.params import ParamError, ParamSet, Value

if TYPE_CHECKING:  # annotations only: the result types load with the first run
    from tutor.engine.result import Result

# Module names in curriculum order; the number of a topic is its position here plus one.
_MODULES = (
    "sigmoid",
    "cross_entropy",
    "decision_tree",
    "metrics",
    "parametric",
    "feature_engineering",
    "validation",
    "gradient_descent",
)


@dataclass(frozen=True)
class Experiment:
    """One topic's live experiment: identity, parameters and the pure `run` function."""

    slug: str
    number: int
    title: str
    short_title: str
    params: ParamSet
    run_values: Callable[[dict[str, Value]], Result]
    needs_sklearn: bool

    def run(self, values: Mapping[str, Value] | None = None) -> Result:
        """Run with parsed values (missing ones take defaults); rule violations raise ParamError."""
        return self.run_checked(self.params.validated(values))

    def run_texts(self, texts: Mapping[str, str]) -> Result:
        """Parse the learner's texts and run; raises the first ParamError found."""
        values, errors = self.params.parse(texts)
        if errors:
            raise errors[0]
        return self.run_checked(values)

    def run_checked(self, values: dict[str, Value]) -> Result:
        """`run_values`, with anything but a ParamError that escapes it raised as RunFailed.

        A ParamError names a field the learner can fix; anything else (a bug, or values the rules
        missed) becomes one clear, picklable line for the CLI's stderr or the app's results pane.
        """
        try:
            return self.run_values(values)
        except ParamError:
            raise
        except Exception as error:
            raise RunFailed(self.slug, summary(error)) from error


def summary(error: BaseException, limit: int = 200) -> str:
    """`Type: message` on one line (newlines folded, long messages shortened)."""
    message = " ".join(str(error).split())
    if len(message) > limit:
        message = message[: limit - 1] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


class RunFailed(RuntimeError):
    """An experiment's run raised something other than ParamError (see Experiment.run_checked)."""

    def __init__(self, slug: str, detail: str) -> None:
        super().__init__(f"{slug}: the run failed with these values ({detail}); this is a bug in mlprep-tui")
        self.slug = slug
        self.detail = detail

    def __reduce__(self) -> tuple[type[RunFailed], tuple[str, str]]:
        """Pickle by slug and detail (it crosses from the run process to the app)."""
        return (RunFailed, (self.slug, self.detail))


class UnknownTopic(LookupError):
    """A topic name or number that is not one of the eight."""


_cache: dict[str, Experiment] = {}


def all_experiments() -> list[Experiment]:
    """All eight experiments in curriculum order."""
    return [_load(name) for name in _MODULES]


def _load(module_name: str) -> Experiment:
    if module_name not in _cache:
        experiment = import_module(f"tutor.engine.experiments.{module_name}").EXPERIMENT
        if not isinstance(experiment, Experiment):  # checked, so the registry's type is known, not assumed
            raise TypeError(f"tutor.engine.experiments.{module_name}.EXPERIMENT is not an Experiment")
        _cache[module_name] = experiment
    return _cache[module_name]


def get(topic: str | int) -> Experiment:
    """Find an experiment by slug (`cross-entropy`) or number (`2`); raise UnknownTopic otherwise."""
    text = str(topic).strip().lower()
    if text.isdigit() and 1 <= int(text) <= len(_MODULES):
        return _load(_MODULES[int(text) - 1])
    for experiment in all_experiments():
        if text in (experiment.slug, experiment.slug.replace("-", "_")):
            return experiment
    slugs = ", ".join(e.slug for e in all_experiments())
    raise UnknownTopic(f"unknown topic {topic!r}; choose 1–8 or one of: {slugs}")


__all__ = ["Experiment", "ParamError", "RunFailed", "UnknownTopic", "all_experiments", "get", "summary"]
