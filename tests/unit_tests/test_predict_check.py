"""Issue 9, item 13: a predict question's numbers are checked against a real run of the state it sets.

The state is the topic's defaults plus the question's `predict` texts; `mlprep-tui check` runs it and
the defaults, compares `[questions.expect]` with the run, and rejects any decimal in the prompt, the
right option or an explanation that neither run shows.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tutor.cli.entry import main
from tutor.engine.experiments import get
from tutor.learning.content import load_questions, validate_content
from tutor.learning.predict_check import quoted_as
from tutor.learning.questions import predict_state

ROOT = Path(__file__).resolve().parents[2]
LAM_ZERO = "cross-entropy-predict-lam-zero"


def content_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return copy


def edit(copy: Path, slug: str, old: str, new: str) -> None:
    path = copy / f"{slug}.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems_of(copy: Path, qid: str) -> list[str]:
    return [error for error in validate_content(copy)[1] if f"(id {qid!r})" in error]


def test_the_state_is_the_defaults_plus_the_questions_changes() -> None:
    question = load_questions().get(LAM_ZERO)
    assert question is not None and question.predict == {"lam": "0"}
    defaults = get("cross-entropy").params.default_texts()
    state = predict_state(question, defaults)
    assert state == {**defaults, "lam": "0"}
    assert state["y_hat"] == defaults["y_hat"] and state["penalty"] == "l2"


def test_every_predict_question_declares_what_its_run_shows() -> None:
    predict = [q for q in load_questions() if q.predict]
    assert len(predict) >= 20
    assert all(q.expect for q in predict), [q.id for q in predict if not q.expect]


def test_a_wrong_number_in_an_explanation_is_caught(tmp_path: Path) -> None:
    copy = content_copy(tmp_path)
    # The number the issue saw beside 1.1335: true for this state, so it passes…
    assert problems_of(copy, LAM_ZERO) == []
    # …and a number no run shows does not.
    edit(copy, "cross-entropy", "so total = CE = 0.2336.", "so total = CE = 0.2436.")
    (problem,) = problems_of(copy, LAM_ZERO)
    assert "content/cross-entropy.toml: options[" in problem and ".explanation: 0.2436 is neither" in problem


def test_an_expected_value_that_drifted_from_the_engine_is_caught(tmp_path: Path) -> None:
    copy = content_copy(tmp_path)
    edit(copy, "cross-entropy", 'total = "0.2336"', 'total = "0.3316"')
    problems = problems_of(copy, LAM_ZERO)
    assert any("expect.total: the run shows 0.2336, not 0.3316" in p for p in problems), problems


def test_an_expected_value_must_be_quoted_and_a_metric(tmp_path: Path) -> None:
    copy = content_copy(tmp_path)
    edit(copy, "cross-entropy", 'total = "0.2336"', 'total = "0.2336"\ncross_entropy_x = "1"')
    problems = problems_of(copy, LAM_ZERO)
    assert any("expect.cross_entropy_x: not a metric of this topic" in p for p in problems), problems


def test_the_prompt_must_name_what_the_question_changes(tmp_path: Path) -> None:
    copy = content_copy(tmp_path)
    edit(copy, "cross-entropy", 'prompt = "Set `lam` to 0.', 'prompt = "Set the regularization strength to 0.')
    problems = problems_of(copy, LAM_ZERO)
    assert any("prompt: does not name `lam`" in p for p in problems), problems


def test_a_predict_question_without_expect_is_reported(tmp_path: Path) -> None:
    copy = content_copy(tmp_path)
    table = "[questions.expect]  # the run's metrics, as the results pane shows them\n"
    edit(copy, "cross-entropy", table + 'penalty = "0.0"\ntotal = "0.2336"\n', "")
    problems = problems_of(copy, LAM_ZERO)
    assert any("expect: missing" in p for p in problems), problems


def test_quoted_numbers_may_round_the_shown_value() -> None:
    assert quoted_as("1.13", 1.1335) and quoted_as("0.234", 0.23356) and quoted_as("1.000", 1.0)
    assert quoted_as("-0.29", -0.2939) and quoted_as("0.29", -0.2939)
    assert not quoted_as("0.25", 0.2336) and not quoted_as("1.1", 1.1335 + 0.1)


def test_check_command_reports_a_drifted_number_and_exits_1(tmp_path: Path, capsys) -> None:
    copy = content_copy(tmp_path)
    edit(copy, "cross-entropy", "so total = CE = 0.2336.", "so total = CE = 0.2436.")
    code = main(["check", "--json", "--content-dir", str(copy)])
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert code == 1
    assert [e for e in errors if "0.2436 is neither" in e and LAM_ZERO in e]
