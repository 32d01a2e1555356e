"""Content loading and validation: every broken file gives an error naming file and field, never a crash."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import missing_content
from tutor.engine.experiments import all_experiments
from tutor.learning.content import ContentError, load_questions, load_recap, validate_content
from tutor.learning.question_stats import LONGEST_SHARE_LIMIT, correct_is_longest, longest_option_share
from tutor.learning.questions import Option, Question

ROOT = Path(__file__).resolve().parents[2]
SLUGS = [e.slug for e in all_experiments()]

GOOD = """
[[questions]]
id = "{qid}"
idea = "A short idea"
prompt = "Which one?"
[[questions.options]]
text = "Alpha"
correct = true
explanation = "Alpha is right because."
[[questions.options]]
text = "Beta"
correct = false
explanation = "Beta is wrong because."
[[questions.options]]
text = "Gamma"
correct = false
explanation = "Gamma is wrong because."
"""

EXTRA_OPTION = """[[questions.options]]
text = "{text}"
correct = false
explanation = "Also wrong."
"""


def good(qid: str, predict: str = "") -> str:
    """A valid question, optionally with a [questions.predict] table appended."""
    return GOOD.format(qid=qid) + (f"[questions.predict]\n{predict}\n" if predict else "")


def write(directory: Path, slug: str, *questions: str, topic: str | None = None) -> Path:
    """Write content/<slug>.toml holding these questions."""
    path = directory / f"{slug}.toml"
    path.write_text(f'topic = "{topic or slug}"\n' + "\n".join(questions), encoding="utf-8")
    return path


def errors_for(directory: Path, name: str) -> list[str]:
    """The load errors about one file (other topics' files are simply missing in these tests)."""
    return [e for e in load_questions(directory).errors if e.startswith(f"{directory}/{name}:")]


def test_a_valid_file_loads_with_no_errors(tmp_path: Path) -> None:
    write(tmp_path, "sigmoid", good("sigmoid-a"), good("sigmoid-b", 'threshold = "0.9"'))
    bank = load_questions(tmp_path)
    assert errors_for(tmp_path, "sigmoid.toml") == []
    assert [q.id for q in bank] == ["sigmoid-a", "sigmoid-b"]
    question = bank.get("sigmoid-b")
    assert question.topic == "sigmoid" and question.idea == "A short idea"
    assert question.correct_index == 0 and question.is_correct(0) and not question.is_correct(2)
    assert [o.text for o in question.options] == ["Alpha", "Beta", "Gamma"]
    assert question.predict == {"threshold": "0.9"}
    assert len(bank.for_topic("sigmoid")) == len(bank) == 2 and bank.for_topic("metrics") == []
    # Files of the other topics are missing here, and reported as such.
    assert f"{tmp_path}/metrics.toml: missing (topic 'metrics' has no questions)" in bank.errors


def test_bad_toml_syntax_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "sigmoid.toml").write_text('topic = "sigmoid"\n[[questions]]\nid = "x\n', encoding="utf-8")
    [error] = errors_for(tmp_path, "sigmoid.toml")
    assert error.startswith(f"{tmp_path}/sigmoid.toml: TOML syntax:") and "line 3" in error


def test_a_broken_question_does_not_hide_the_valid_ones(tmp_path: Path) -> None:
    broken = good("sigmoid-broken").replace('explanation = "Beta is wrong because."\n', "")
    write(tmp_path, "sigmoid", good("sigmoid-ok"), broken, good("sigmoid-also-ok"))
    assert errors_for(tmp_path, "sigmoid.toml") == [
        f"{tmp_path}/sigmoid.toml: questions[1].options[1].explanation: missing (id 'sigmoid-broken')"
    ]
    assert [q.id for q in load_questions(tmp_path)] == ["sigmoid-ok", "sigmoid-also-ok"]


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (
            lambda q: q.replace("correct = false", "correct = true", 1),
            "questions[0].options: 2 options are (questions[0].options[0], questions[0].options[1]) "
            "marked correct; expected exactly one",
        ),
        (
            lambda q: q.replace("correct = true", "correct = false"),
            "questions[0].options: no option is marked correct; expected exactly one",
        ),
        (
            lambda q: q.replace('explanation = "Gamma is wrong because."', 'explanation = "  "'),
            "questions[0].options[2].explanation: empty",
        ),
        (lambda q: q[: q.rindex("[[questions.options]]")], "questions[0].options: has 2 options; expected 3–5"),
        (
            lambda q: q + "".join(EXTRA_OPTION.format(text=f"Extra {n}") for n in range(3)),
            "questions[0].options: has 6 options; expected 3–5",
        ),
        (
            lambda q: q + EXTRA_OPTION.format(text="Beta"),
            "questions[0].options[3].text: same text as questions[0].options[1]",
        ),
        (
            lambda q: q.replace("correct = true", 'correct = "yes"'),
            "questions[0].options[0].correct: expected true or false, got string",
        ),
        (
            lambda q: q.replace('explanation = "Alpha', 'explaination = "Alpha'),
            "questions[0].options[0].explaination: unknown field; expected text, correct, explanation",
        ),
        (lambda q: q.replace('idea = "A short idea"', "idea = 3"), "questions[0].idea: expected a string, got integer"),
        (
            lambda q: q.replace('idea = "A short idea"', f'idea = "{"x" * 81}"'),
            "questions[0].idea: must be one line of at most 80 characters (is 81)",
        ),
        (lambda q: q.replace('prompt = "Which one?"\n', ""), "questions[0].prompt: missing"),
        (
            lambda q: q.replace('id = "sigmoid-q"', 'id = "Sigmoid Q"'),
            "questions[0].id: 'Sigmoid Q' must be lowercase letters, digits and single hyphens",
        ),
    ],
    ids=[
        "two-correct",
        "none-correct",
        "empty-explanation",
        "two-options",
        "six-options",
        "same-text",
        "correct-not-bool",
        "misspelt-field",
        "idea-not-string",
        "idea-too-long",
        "missing-prompt",
        "bad-id",
    ],
)
def test_each_broken_question_names_file_and_field(tmp_path: Path, mutate, expected: str) -> None:
    write(tmp_path, "sigmoid", mutate(good("sigmoid-q")))
    found = errors_for(tmp_path, "sigmoid.toml")
    assert any(e.startswith(f"{tmp_path}/sigmoid.toml: {expected}") for e in found), found
    assert load_questions(tmp_path).for_topic("sigmoid") == []


def test_duplicate_ids_across_files_name_both_places(tmp_path: Path) -> None:
    write(tmp_path, "sigmoid", good("shared-id"))
    write(tmp_path, "metrics", good("metrics-own"), good("shared-id"))
    assert errors_for(tmp_path, "sigmoid.toml") == []
    assert errors_for(tmp_path, "metrics.toml") == [
        f"{tmp_path}/metrics.toml: questions[1].id: 'shared-id' is already used by "
        f"{tmp_path}/sigmoid.toml questions[0] (id 'shared-id')"
    ]
    bank = load_questions(tmp_path)
    assert bank.get("shared-id").topic == "sigmoid"  # the first one, in curriculum order, wins
    assert [q.id for q in bank.for_topic("metrics")] == ["metrics-own"]


@pytest.mark.parametrize(
    "slug, predict, expected",
    [
        ("sigmoid", 'bogus = "1"', "questions[0].predict.bogus: unknown parameter; this topic has z_values, threshold"),
        ("sigmoid", 'threshold = "1.5"', "questions[0].predict.threshold: 1.5 is outside [0, 1]"),
        ("sigmoid", 'threshold = "high"', "questions[0].predict.threshold: 'high' is not a number"),
        ("sigmoid", "threshold = 0.9", "questions[0].predict.threshold: expected a quoted string"),
        # A cross-parameter rule: y_hat must be as long as the default y_true (5 values).
        ("cross-entropy", 'y_hat = "0.1, 0.2, 0.3, 0.4"', "questions[0].predict.y_hat: has 4 values but y_true has 5"),
    ],
    ids=["unknown-parameter", "out-of-range", "not-a-number", "not-a-string", "cross-parameter-rule"],
)
def test_predict_values_are_parsed_with_the_topics_params(
    tmp_path: Path, slug: str, predict: str, expected: str
) -> None:
    write(tmp_path, slug, good(f"{slug}-q", predict))
    found = errors_for(tmp_path, f"{slug}.toml")
    assert any(e.startswith(f"{tmp_path}/{slug}.toml: {expected}") for e in found), found


def test_file_level_problems(tmp_path: Path) -> None:
    write(tmp_path, "sigmoid", good("sigmoid-q"), topic="metrics")
    (tmp_path / "metrics.toml").write_bytes(b'topic = "metrics"\n# caf\xe9\n')
    (tmp_path / "decision-tree.toml").write_text('topic = "decision-tree"\n', encoding="utf-8")
    (tmp_path / "extra.toml").write_text('topic = "extra"\n', encoding="utf-8")
    errors = load_questions(tmp_path).errors
    assert f"{tmp_path}/sigmoid.toml: topic: 'metrics' does not match the file name; expected 'sigmoid'" in errors
    assert f"{tmp_path}/metrics.toml: not UTF-8 text (byte 0xe9 at offset 23)" in errors
    assert f"{tmp_path}/decision-tree.toml: questions: missing" in errors
    assert any(e.startswith(f"{tmp_path}/extra.toml: not a topic; expected one of sigmoid") for e in errors)


def test_a_missing_directory_is_an_error_not_a_crash(tmp_path: Path) -> None:
    bank = load_questions(tmp_path / "nowhere")
    assert len(bank) == 0 and bank.errors[0].startswith(f"{tmp_path}/nowhere: unreadable")


SIGMOID_TOML = ROOT / "content" / "sigmoid.toml"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_deleting_any_lines_never_crashes_the_loader(tmp_path: Path, data: st.DataObject) -> None:
    lines = SIGMOID_TOML.read_text(encoding="utf-8").splitlines(keepends=True)
    keep = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    kept_lines = [line for line, kept in zip(lines, keep, strict=True) if kept]
    (tmp_path / "sigmoid.toml").write_text("".join(kept_lines), encoding="utf-8")
    bank = load_questions(tmp_path)
    assert all(e.startswith(f"{tmp_path}/") for e in bank.errors)
    for question in bank:
        assert sum(o.correct for o in question.options) == 1 and question.options[question.correct_index].correct


# ----- recaps and the real content ---------------------------------------------------------
def test_load_recap_reads_the_packaged_markdown() -> None:
    text = load_recap("sigmoid")
    assert text.strip() and text == resources.files("content").joinpath("sigmoid.md").read_text(encoding="utf-8")


def test_recap_problems_are_content_errors_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"/sigmoid\.md: missing$"):
        load_recap("sigmoid", tmp_path)
    (tmp_path / "sigmoid.md").write_bytes(b"# Sigmoid\n\xff\xfe")
    with pytest.raises(ContentError, match=r"sigmoid\.md: not UTF-8 text \(byte 0xff at offset 10\)"):
        load_recap("sigmoid", tmp_path)
    (tmp_path / "sigmoid.md").write_text("  \n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"sigmoid\.md: empty"):
        load_recap("sigmoid", tmp_path)
    with pytest.raises(ContentError, match="not a topic slug"):
        load_recap("../../etc/passwd", tmp_path)


def test_the_real_content_is_valid() -> None:
    assert missing_content() == []
    topics, errors = validate_content()
    assert errors == []
    assert list(topics) == SLUGS
    assert all(info["questions"] >= 3 and info["recap"] for info in topics.values())
    ids = [q.id for q in load_questions()]
    assert len(ids) == len(set(ids))


def test_a_copy_of_the_real_content_validates_the_same_and_breaks_visibly(tmp_path: Path) -> None:
    assert missing_content() == []
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content", copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    topics, errors = validate_content(copy)
    assert (topics, errors) == validate_content()
    (copy / "metrics.md").unlink()
    text = (copy / "sigmoid.toml").read_text(encoding="utf-8")
    (copy / "sigmoid.toml").write_text(text.replace("correct = false", "correct = true", 1), encoding="utf-8")
    topics, errors = validate_content(copy)
    assert topics["metrics"]["recap"] is False
    assert f"{copy}/metrics.md: missing" in errors
    assert any(e.startswith(f"{copy}/sigmoid.toml: questions[0].options: 2 options are") for e in errors)
    assert topics["sigmoid"]["questions"] == validate_content()[0]["sigmoid"]["questions"] - 1


# ----- balance: what `check` reports per topic beyond validity (issue 11, section 2) ----------
def lengths_question(right: int, *lengths: int) -> Question:
    """A question whose options have these lengths (in characters as shown), the `right`th correct."""
    texts = ["x" * n for n in lengths]
    return Question("q", "sigmoid", "idea", "p?", tuple(Option(t, i == right, "why") for i, t in enumerate(texts)))


def test_the_longest_option_share_counts_only_a_strictly_longest_right_option() -> None:
    longest, tied, shorter = lengths_question(0, 9, 5, 5), lengths_question(0, 9, 9, 5), lengths_question(1, 9, 5, 5)
    assert [correct_is_longest(q) for q in (longest, tied, shorter)] == [True, False, False]
    assert longest_option_share([longest, tied, shorter, shorter]) == 0.25
    assert longest_option_share([]) == 0.0
    code = Question(
        "c", "sigmoid", "i", "p?", (Option("`abc`", True, "w"), Option("abcd", False, "w"), Option("a", False, "w"))
    )
    assert not correct_is_longest(code)  # backticks are not shown, so they do not count


def test_check_json_reports_each_topics_counts_longest_share_and_own_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tutor.cli.entry import main

    shorter_gamma = good("sigmoid-a").replace('text = "Gamma"', 'text = "Gam"')  # "Alpha", right, is longest
    write(tmp_path, "sigmoid", shorter_gamma, good("sigmoid-b").replace('text = "Beta"', 'text = "Beta, longer"'))
    (tmp_path / "metrics.toml").write_text("topic = \n", encoding="utf-8")
    assert main(["check", "--json", "--content-dir", str(tmp_path)]) == 1
    topics = json.loads(capsys.readouterr().out)["topics"]
    sigmoid, metrics = topics["sigmoid"], topics["metrics"]
    assert (sigmoid["questions"], sigmoid["predict"], sigmoid["longest_share"]) == (2, 0, 0.5)
    assert sigmoid["errors"] == [f"{tmp_path}/sigmoid.md: missing"]
    assert any(error.startswith(f"{tmp_path}/metrics.toml: TOML syntax") for error in metrics["errors"])
    assert all(error.startswith(f"{tmp_path}/metrics.") for error in metrics["errors"])


def test_the_right_option_is_strictly_longest_in_at_most_30_percent_of_each_topics_questions() -> None:
    bank = load_questions()
    shares = {slug: longest_option_share(bank.for_topic(slug)) for slug in SLUGS}
    assert {slug: share for slug, share in shares.items() if share > LONGEST_SHARE_LIMIT} == {}


def test_each_topic_has_at_least_12_questions() -> None:
    bank = load_questions()
    assert {slug: n for slug in SLUGS if (n := len(bank.for_topic(slug))) < 12} == {}


def test_each_topic_has_at_least_3_predict_questions() -> None:
    bank = load_questions()
    assert {slug: n for slug in SLUGS if (n := sum(1 for q in bank.for_topic(slug) if q.predict)) < 3} == {}


def test_explanations_say_what_the_confusion_is_not_the_workbooks_jargon() -> None:
    jargon = [
        f"{q.id}[{i}]"
        for q in load_questions()
        for i, option in enumerate(q.options)
        if "quiz mistake" in option.explanation.lower()
    ]
    assert jargon == []
