"""A progress store holding a learner's work, for the workbook export tests (written with the store's own functions)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tutor.learning.store.progress import ProgressStore, open_store

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
NOTE = "Key idea: σ → λ ŷ stays a probability.\nSecond line of my notes."
EXPLAIN_ANSWER = "The sigmoid maps log-odds to a probability between zero and one, so thresholding it gives a class."
EXERCISE_CODE = "def sigmoid(z):\n    return 1.0 / (1.0 + math.exp(-z))  # my_unique_marker_42\n"
LONG_WORD = "W" * 10_000
HOSTILE = (
    "<script>alert('x')</script> [b]not bold[/b] **not bold either** __under__ `tick` ``` fence\n"
    f"{LONG_WORD}\n"
    "עברית מימין לשמאל and العربية\n"
    "emoji 😀👍🏽 and a flag 🇫🇷 and \x1b[31mescape\x1b[0m\t{nb} end"
)


def learner_store(home: Path, note: str = NOTE) -> ProgressStore:
    """A store where the learner took notes, answered questions (one wrong), explained a prompt and wrote code."""
    from tutor.learning.content import load_questions
    from tutor.learning.explain import find_prompt
    from tutor.learning.store.exercise_progress import record_check, save_code
    from tutor.learning.store.explain_progress import record_grade, save_answer

    store = open_store(home)
    store.set_note("sigmoid", note)
    store.set_note("metrics", "precision = TP / (TP + FP)")
    questions = load_questions().for_topic("sigmoid")
    earlier = NOW - timedelta(days=3)
    for number, question in enumerate(questions[:3]):
        wrong = (question.correct_index + 1) % len(question.options)
        store.record_attempt(question.id, "sigmoid", wrong, False, 4000, when=earlier + timedelta(minutes=number))
    right = questions[0]
    store.record_attempt(right.id, "sigmoid", right.correct_index, True, 3000, when=earlier + timedelta(hours=1))
    save_answer(store, "sigmoid-why-probability", "sigmoid", EXPLAIN_ANSWER)
    prompt = find_prompt("sigmoid-why-probability")
    assert prompt is not None and len(prompt.key_points) >= 3  # the content the tests rely on
    points = len(prompt.key_points)
    record_grade(store, prompt.id, "sigmoid", [0, 2], points, EXPLAIN_ANSWER, when=earlier)
    save_code(store, "sigmoid-threshold", "sigmoid", EXERCISE_CODE)
    detail = {
        "passed": False,
        "problem": None,
        "checks": [{"name": "a", "passed": True}, {"name": "b", "passed": False}],
    }
    record_check(store, "sigmoid-threshold", "sigmoid", False, json.dumps(detail), when=earlier)
    store.set_last("sigmoid", {"z_values": "-2, 2", "threshold": "0.7"})
    return store
