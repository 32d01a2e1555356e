"""Explain prompts: the shipped content, the loader's one-line problems, and the number check against runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tutor.engine.experiments import all_experiments
from tutor.learning.explain import ExplainPrompt, find_prompt, load_prompts, prompts_for
from tutor.learning.explain_check import check_explain_numbers, prompt_problems, validate_explain
from tutor.learning.predict_check import run_here

ROOT = Path(__file__).resolve().parents[2]
SLUGS = [e.slug for e in all_experiments()]
# The workbook's own QUESTION/TODO prompt of each section, which must come first in its topic.
WORKBOOK_FIRST = {
    "sigmoid": "sigmoid",
    "cross-entropy": "regularization increase the loss",
    "decision-tree": "leaf node",
    "metrics": "regression only",
    "parametric": "non-linear pattern better here? Why?",
    "feature-engineering": "Which feature set performs better? Why?",
    "validation": "don't use the test set",
    "gradient-descent": "learning rate is too large",
}

GOOD = '''topic = "sigmoid"

[[prompts]]
id = "p-one"
source = "workbook"
prompt = "Why?"
model_answer = """{answer}"""
key_points = ["one", "two", "three"]
'''
ANSWER = " ".join(["word"] * 60)


def content_copy(tmp_path: Path) -> Path:
    """A copy of content/ to damage."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


# ----- the shipped content ----------------------------------------------------------------------
def test_every_topic_has_at_least_three_valid_prompts_with_the_workbook_first() -> None:
    prompts, errors = load_prompts()
    assert errors == []
    for slug in SLUGS:
        mine = [p for p in prompts if p.topic == slug]
        assert len(mine) >= 3, slug
        assert mine[0].source == "workbook" and WORKBOOK_FIRST[slug] in mine[0].prompt, slug
        assert any(p.source == "interview" for p in mine), slug
    assert prompts_for("validation") == [p for p in prompts if p.topic == "validation"]


def test_model_answers_are_60_to_120_words_with_3_to_5_key_points() -> None:
    for prompt in load_prompts()[0]:
        assert 60 <= len(prompt.model_answer.split()) <= 120, prompt.id
        assert 3 <= len(prompt.key_points) <= 5, prompt.id


def test_every_decimal_in_the_shipped_answers_is_a_number_a_run_shows() -> None:
    counts, errors = validate_explain()
    assert errors == []
    assert set(counts) == set(SLUGS) and all(n >= 3 for n in counts.values())


def test_find_prompt() -> None:
    first = load_prompts()[0][0]
    assert find_prompt(first.id) == first
    assert find_prompt("no-such-prompt") is None
    assert first.card_id == f"explain:{first.id}"


# ----- the number check can fail ----------------------------------------------------------------
def _prompt(answer: str, runs: tuple[dict[str, str], ...] = ()) -> ExplainPrompt:
    return ExplainPrompt("x", "gradient-descent", "Why?", "interview", answer, ("a", "b", "c"), runs)


def test_a_number_no_run_shows_is_reported() -> None:
    problems = check_explain_numbers([_prompt("The MSE ends at 0.0027.")], run_here)
    assert [problem for _, problem in problems] == [
        "model_answer: 0.0027 is neither a number of the defaults' run nor of one of the prompt's runs"
    ]


def test_a_number_of_a_declared_run_passes_and_fails_without_it() -> None:
    text = "With lr = 1.1 the final MSE is 723614.4708."
    assert [p for _, p in check_explain_numbers([_prompt(text, ({"lr": "1.1"},))], run_here)] == []
    assert [p.split(" is ")[0] for _, p in check_explain_numbers([_prompt(text)], run_here)] == [
        "model_answer: 1.1",
        "model_answer: 723614.4708",
    ]


def test_key_points_are_checked_too() -> None:
    prompt = ExplainPrompt("x", "sigmoid", "Why?", "interview", "fine", ("σ(3) is 0.95", "b", "c"))
    assert prompt_problems(prompt, {0.9526}) == []
    assert prompt_problems(prompt, {0.5}) == [
        "key_points[0]: 0.95 is neither a number of the defaults' run nor of one of the prompt's runs"
    ]


# ----- a damaged file: one line per problem, the rest still loads -------------------------------
@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('source = "workbook"', 'source = "book"', "prompts[0].source: 'book'; expected one of workbook, interview"),
        ('"two", "three"]', '"two"]', "prompts[0].key_points: has 2 points; expected 3–5 (id 'p-one')"),
        ('id = "p-one"', 'id = "P one"', "prompts[0].id: 'P one' must be lowercase letters, digits and single hyphens"),
        ('prompt = "Why?"', "", "prompts[0].prompt: missing (id 'p-one')"),
        ("{answer}", "far too short", "prompts[0].model_answer: has 3 words; expected 40–160 (id 'p-one')"),
        ('"three"]', '"one"]', "prompts[0].key_points[2]: same text as prompts[0].key_points[0] (id 'p-one')"),
        ('prompt = "Why?"', 'prompt = "Why?"\nruns = [{ threshold = "9" }]', "prompts[0].runs[0].threshold: 9 is"),
        ('prompt = "Why?"', 'prompt = "Why?"\ncolour = "red"', "prompts[0].colour: unknown field; expected id, "),
        ('key_points = ["one", "two", "three"]', "key_points = 3", "prompts[0].key_points: expected an array"),
    ],
    ids=["source", "points-count", "id", "missing", "short", "duplicate", "runs", "unknown", "not-a-list"],
)
def test_each_problem_is_one_line_naming_file_and_key(tmp_path: Path, old: str, new: str, expected: str) -> None:
    root = content_copy(tmp_path)
    good = GOOD.replace("{answer}", ANSWER)
    assert load_prompts(_write(root, good))[1] == []  # the undamaged file is fine
    prompts, errors = load_prompts(_write(root, GOOD.replace(old, new).replace("{answer}", ANSWER)))
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{root}/explain/sigmoid.toml: {expected}"), errors[0]
    assert "\n" not in errors[0]
    assert {p.topic for p in prompts} == set(SLUGS) - {"sigmoid"}  # the other topics still load


def _write(root: Path, text: str) -> Path:
    (root / "explain" / "sigmoid.toml").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("topic = [", "TOML syntax"),
        (b"\xff\xfe", "not UTF-8 text"),
        ('topic = "metrics"\nprompts = []', "topic: 'metrics' does not match the file name"),
        ('topic = "sigmoid"', "prompts: missing"),
        ('topic = "sigmoid"\nprompts = "x"', "prompts: expected an array of tables"),
    ],
)
def test_a_broken_file_never_crashes(tmp_path: Path, content: str | bytes, expected: str) -> None:
    root = content_copy(tmp_path)
    target = root / "explain" / "sigmoid.toml"
    target.write_bytes(content if isinstance(content, bytes) else content.encode())
    prompts, errors = load_prompts(root)
    assert any(expected in error and error.startswith(f"{root}/explain/sigmoid.toml") for error in errors), errors
    assert not any(p.topic == "sigmoid" for p in prompts)


def test_missing_file_stray_file_and_duplicate_ids(tmp_path: Path) -> None:
    root = content_copy(tmp_path)
    (root / "explain" / "metrics.toml").unlink()
    (root / "explain" / "extra.toml").write_text('topic = "extra"')
    _write(root, GOOD.replace("{answer}", ANSWER).replace('id = "p-one"', 'id = "validation-purpose"'))
    _, errors = load_prompts(root)
    assert f"{root}/explain/metrics.toml: missing (topic 'metrics' has no explain prompts)" in errors
    assert any(e.startswith(f"{root}/explain/extra.toml: not a topic") for e in errors)
    assert (
        f"{root}/explain/validation.toml: prompts[1].id: 'validation-purpose' is already used by"
        f" {root}/explain/sigmoid.toml prompts[0] (id 'validation-purpose')"
    ) in errors


def test_a_workbook_prompt_after_an_interview_prompt_is_reported(tmp_path: Path) -> None:
    root = content_copy(tmp_path)
    good = GOOD.replace("{answer}", ANSWER)
    second = good.split("[[prompts]]")[1].replace("p-one", "p-two")
    _write(root, good.replace('"workbook"', '"interview"') + "[[prompts]]" + second)
    _, errors = load_prompts(root)
    assert errors == [
        f"{root}/explain/sigmoid.toml: prompts[1].source: a workbook prompt comes before every interview prompt"
        " (id 'p-two')"
    ]


def test_no_explain_folder(tmp_path: Path) -> None:
    root = content_copy(tmp_path)
    shutil.rmtree(root / "explain")
    prompts, errors = load_prompts(root)
    assert prompts == [] and len(errors) == 1 and errors[0].startswith(f"{root}/explain: unreadable")
