"""The next step names one concrete thing to do; the overview counts answered, right and due."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.learning.mastery import TopicMastery
from tutor.learning.next_step import next_step, overview_lines, tried_now, try_these

CONTENT = Path(__file__).resolve().parents[2] / "content"
NAMES = {"sigmoid": (1, "Sigmoid"), "metrics": (4, "Metrics")}
# A recap of the content's shape, fixed here so the content can change without changing these tests.
RECAP = """# 1. Sigmoid

## Key point

Text that says `threshold` without setting it.

## Try this

- Set `threshold` to 0.9: only z = 3 (p ≈ 0.953) stays class 1;
  z = 1 flips to 0.
- Set `threshold` to 0.2: z = −1 now counts as class 1.
- Set `z_values` to -2, 2: the probabilities sum to 1 (σ(−z) = 1 − σ(z)).

## Why it matters

- Set `ignored` to 1: not in the Try this section.
"""


def row(slug: str, questions: int, answered: int, right: int = 0, due: int = 0) -> TopicMastery:
    return TopicMastery(slug, questions, answered, right, answered, right, due)


def test_a_due_review_comes_first() -> None:
    rows = [row("sigmoid", 5, 0), row("metrics", 4, 4, due=1)]
    assert next_step(rows, 1, "sigmoid", NAMES, RECAP) == "Next: press v to review the question due now."
    assert "the 3 questions due" in next_step(rows, 3, "sigmoid", NAMES, RECAP)


def test_then_the_open_questions_of_this_topic() -> None:
    rows = [row("sigmoid", 5, 0), row("metrics", 4, 0)]
    assert next_step(rows, 0, "sigmoid", NAMES, RECAP) == "Next: press q to answer the 5 questions on Sigmoid."
    rows = [row("sigmoid", 5, 4), row("metrics", 4, 0)]
    assert (
        next_step(rows, 0, "sigmoid", NAMES, RECAP) == "Next: press q to answer the 1 question still open on Sigmoid."
    )


def test_then_a_try_this_from_the_recap_not_run_yet_then_the_next_topic() -> None:
    rows = [row("sigmoid", 5, 5), row("metrics", 4, 0)]
    assert next_step(rows, 0, "sigmoid", NAMES, RECAP).startswith("Next: try threshold = 0.9 ")
    tried = {("threshold", "0.9")}
    assert next_step(rows, 0, "sigmoid", NAMES, RECAP, tried).startswith("Next: try threshold = 0.2 ")
    tried |= {("threshold", "0.20"), ("z_values", "[-2, 2]")}  # the same values, written otherwise
    assert next_step(rows, 0, "sigmoid", NAMES, RECAP, tried) == (
        "Next: press 4 for Metrics, then q to answer its 4 questions."
    )


def test_all_done_says_so_and_names_a_key() -> None:
    rows = [row("sigmoid", 5, 5), row("metrics", 4, 4)]
    tried = set(try_these(RECAP))
    assert "press s" in next_step(rows, 0, "sigmoid", NAMES, RECAP, tried)


@pytest.mark.parametrize("path", sorted(CONTENT.glob("*.md")), ids=lambda p: p.stem)
def test_every_recap_has_try_this_suggestions_the_hint_can_name(path: Path) -> None:
    from tutor.engine.experiments import get

    found = try_these(path.read_text(encoding="utf-8"))
    assert len(found) >= 2
    names = set(get(path.stem).params.names)
    for name, value in found:
        assert name in names, f"{path.name}: 'Set `{name}`' names no parameter of the topic"
        assert value and ":" not in value and "(" not in value


def test_a_suggestion_counts_as_tried_when_the_fields_hold_it() -> None:
    assert tried_now(RECAP, {"threshold": "0.9", "z_values": "-4, -1, 0, 1, 3"}) == [("threshold", "0.9")]
    assert tried_now(RECAP, {"threshold": "0.5", "z_values": "-2,2"}) == [("z_values", "-2, 2")]


def test_overview_lines() -> None:
    rows = [row("sigmoid", 5, 3, right=2), row("metrics", 4, 1, right=1)]
    assert overview_lines(rows, 2) == ["4/9 answered", "3 right", "2 due (v)"]
    assert overview_lines(rows, 0)[2] == "0 due"
