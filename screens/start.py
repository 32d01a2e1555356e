"""Where the app opens: the deep link (--topic/--set), or the topic the learner left off at."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tutor.engine.experiments import Experiment, UnknownTopic, get
from tutor.engine.params import parse_assignments
from tutor.learning.session import Learning


class StartPoint:
    """Where the app opens: a topic, its parameter texts and any deep-link problems to report."""

    # A plain class, not a dataclass: creating a dataclass costs ~1 ms of start-up.
    def __init__(self, topic: str, texts: Mapping[str, str], problems: Sequence[str] = ()) -> None:
        self.topic = topic
        self.texts = dict(texts)
        self.problems = list(problems)


def start_point(
    learning: Learning, experiments: Sequence[Experiment], topic: str | int | None, sets: Sequence[str]
) -> StartPoint:
    """The deep link if there is one, else the last topic the learner left off at (with its texts)."""
    if topic is None and not sets:
        last = learning.last()
        if last is not None and last[0] in {e.slug for e in experiments}:
            # The stored texts as they are: never re-read as `name=text` (a stored name may hold '=').
            return _known(last[0], last[1], [])  # reopen there
    return deep_link(experiments, topic, sets)


def deep_link(experiments: Sequence[Experiment], topic: str | int | None, sets: Sequence[str]) -> StartPoint:
    """Resolve --topic/--set: bad values become field errors, other problems a notice."""
    if topic is None:
        return StartPoint(experiments[0].slug, {})
    try:
        slug = get(topic).slug
    except UnknownTopic as error:
        return StartPoint(experiments[0].slug, {}, [str(error)])
    texts, problems = parse_assignments(sets)
    return _known(slug, texts, problems)


def _known(slug: str, texts: Mapping[str, str], problems: list[str]) -> StartPoint:
    """The topic with the texts of its own parameters; any other name becomes a problem to report
    (the name is quoted as given: the app shows problems literally)."""
    known = set(get(slug).params.names)
    problems += [
        f"{name}: unknown parameter of {slug}; it has {', '.join(sorted(known))}" for name in texts if name not in known
    ]
    return StartPoint(slug, {name: text for name, text in texts.items() if name in known}, problems)
