"""What `check` reports about a topic's questions beyond validity: whether option length gives the answer
away, and which of the problems found belong to the topic."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tutor.learning.questions import Question

# A learner who always picks the longest option should not beat chance by much: the correct option may be
# strictly the longest in at most this share of a topic's questions (issue 11; tests/unit_tests/test_content.py).
LONGEST_SHARE_LIMIT = 0.30


def shown_length(text: str) -> int:
    """An option's length in characters as the learner reads it (inline-code backticks are not shown)."""
    return len(text.replace("`", ""))


def correct_is_longest(question: Question) -> bool:
    """Whether the correct option is strictly longer than every other option."""
    right = question.correct_index
    length = shown_length(question.options[right].text)
    return all(length > shown_length(option.text) for i, option in enumerate(question.options) if i != right)


def longest_option_share(questions: Sequence[Question]) -> float:
    """The fraction of questions whose correct option is strictly the longest (0.0 for none)."""
    return sum(correct_is_longest(q) for q in questions) / len(questions) if questions else 0.0


def topic_errors(errors: Iterable[str], slug: str) -> list[str]:
    """The problems that name one of the topic's files (content/<slug>.toml, .md, explain/<slug>.toml, …)."""
    names = re.compile(rf"(^|/){re.escape(slug)}\.(toml|md)\b")
    return [error for error in errors if names.search(error)]
