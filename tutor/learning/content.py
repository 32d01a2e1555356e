"""Load and validate the curriculum: `content/<slug>.md` recaps and `content/<slug>.toml` questions.

A broken file never crashes the app: loading keeps every valid question and returns one error
line per problem, naming the file and the field, e.g.
`content/sigmoid.toml: questions[2].options[1].explanation: missing`. Indices count from 0,
in the order the tables appear in the file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.learning.questions import Option, Question, QuestionBank

if TYPE_CHECKING:  # the predict check loads with `check`
    from tutor.learning.predict_check import Runner

MIN_OPTIONS, MAX_OPTIONS = 3, 5
# Captions sit on one line of a narrow panel (the mastery list), so keep them short.
MAX_IDEA_CHARS = 80
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TOP_KEYS = ("topic", "questions")
_QUESTION_KEYS = ("id", "idea", "prompt", "options", "predict", "expect")
_OPTION_KEYS = ("text", "correct", "explanation")


class ContentError(Exception):
    """A content file that is missing or unreadable; the message names the file."""


def _root(content_dir: Path | str | None) -> tuple[Traversable, str]:
    """Where the files are and how error messages name that place."""
    if content_dir is None:
        # The package ships in the wheel, so this works installed as well as from a checkout.
        return resources.files("content"), "content"
    return Path(content_dir), str(content_dir)


def _topic_slugs() -> list[str]:
    from tutor.engine.experiments import all_experiments

    return [experiment.slug for experiment in all_experiments()]


def _toml_type(value: object) -> str:
    """The TOML name of a parsed value's type, for 'expected a string, got integer'."""
    names = {bool: "boolean", int: "integer", float: "float", str: "string", list: "array", dict: "table"}
    return names.get(type(value), "date/time")


def _read_text(entry: Traversable, where: str) -> str:
    """A file's text, or ContentError saying why it cannot be had."""
    try:
        if not entry.is_file():
            raise ContentError(f"{where}: missing")
        raw = entry.read_bytes()
    except OSError as error:
        raise ContentError(f"{where}: unreadable ({error.strerror or error})") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(f"{where}: not UTF-8 text (byte {raw[error.start]:#04x} at offset {error.start})") from None


def load_recap(slug: str, content_dir: Path | str | None = None) -> str:
    """The Markdown recap of a topic; raise ContentError (naming the file) if it cannot be read."""
    root, label = _root(content_dir)
    if not _SLUG.fullmatch(slug or ""):
        raise ContentError(f"{slug!r} is not a topic slug")
    text = _read_text(root.joinpath(f"{slug}.md"), f"{label}/{slug}.md")
    if not text.strip():
        raise ContentError(f"{label}/{slug}.md: empty")
    return text


def load_questions(content_dir: Path | str | None = None) -> QuestionBank:
    """Every valid question of the eight topics, plus one error line per problem found."""
    root, label = _root(content_dir)
    slugs = _topic_slugs()
    try:
        present = {entry.name: entry for entry in root.iterdir() if entry.name.endswith(".toml")}
    except OSError as error:
        return QuestionBank((), (f"{label}: unreadable ({error.strerror or error})",))
    questions: list[Question] = []
    errors: list[str] = []
    seen: dict[str, str] = {}  # question id -> where it was first defined
    for slug in slugs:
        name = f"{slug}.toml"
        if name not in present:
            errors.append(f"{label}/{name}: missing (topic {slug!r} has no questions)")
            continue
        found, problems = _load_file(present[name], f"{label}/{name}", slug, seen)
        questions.extend(found)
        errors.extend(problems)
    for name in sorted(set(present) - {f"{slug}.toml" for slug in slugs}):
        errors.append(f"{label}/{name}: not a topic; expected one of {', '.join(slugs)}")
    return QuestionBank(tuple(questions), tuple(errors))


def _load_file(entry: Traversable, where: str, slug: str, seen: dict[str, str]) -> tuple[list[Question], list[str]]:
    """Parse one topic file; return its valid questions and its problems."""
    try:
        data = tomllib.loads(_read_text(entry, where))
    except ContentError as error:
        return [], [str(error)]
    except tomllib.TOMLDecodeError as error:
        return [], [f"{where}: TOML syntax: {error}"]
    errors: list[str] = []
    for key in data:
        if key not in _TOP_KEYS:
            errors.append(f"{where}: {key}: unknown field; expected {', '.join(_TOP_KEYS)}")
    topic = data.get("topic")
    if topic is None:
        errors.append(f"{where}: topic: missing")
    elif topic != slug:
        errors.append(f"{where}: topic: {topic!r} does not match the file name; expected {slug!r}")
    raw_questions = data.get("questions")
    if raw_questions is None:
        return [], [*errors, f"{where}: questions: missing"]
    if not isinstance(raw_questions, list) or not all(isinstance(q, dict) for q in raw_questions):
        return [], [*errors, f"{where}: questions: expected an array of tables ([[questions]])"]
    if not raw_questions:
        return [], [*errors, f"{where}: questions: empty"]
    questions: list[Question] = []
    for index, raw in enumerate(raw_questions):
        path = f"questions[{index}]"
        question, problems = _parse_question(raw, path, slug)
        qid = raw.get("id") if isinstance(raw.get("id"), str) else None
        if qid is not None and _ID.fullmatch(qid):
            if qid in seen:
                problems.append(f"{path}.id: {qid!r} is already used by {seen[qid]}")
            else:
                seen[qid] = f"{where} {path}"
        suffix = f" (id {qid!r})" if qid else ""
        errors.extend(f"{where}: {problem}{suffix}" for problem in problems)
        if question is not None and not problems:
            questions.append(question)
    return questions, errors


def _text(table: Mapping[str, Any], key: str, path: str, errors: list[str]) -> str | None:
    """A required non-empty string field, or None after noting why not."""
    if key not in table:
        errors.append(f"{path}.{key}: missing")
        return None
    value = table[key]
    if not isinstance(value, str):
        errors.append(f"{path}.{key}: expected a string, got {_toml_type(value)}")
        return None
    if not value.strip():
        errors.append(f"{path}.{key}: empty")
        return None
    return value.strip()


def _unknown_keys(table: Mapping[str, Any], allowed: tuple[str, ...], path: str, errors: list[str]) -> None:
    # A misspelt key (`explaination`) would otherwise be silently ignored.
    for key in table:
        if key not in allowed:
            errors.append(f"{path}.{key}: unknown field; expected {', '.join(allowed)}")


def _parse_question(raw: Mapping[str, Any], path: str, slug: str) -> tuple[Question | None, list[str]]:
    """Check one [[questions]] table; return the Question (None if unusable) and its problems."""
    errors: list[str] = []
    _unknown_keys(raw, _QUESTION_KEYS, path, errors)
    qid = _text(raw, "id", path, errors)
    if qid is not None and not _ID.fullmatch(qid):
        errors.append(f"{path}.id: {qid!r} must be lowercase letters, digits and single hyphens")
    idea = _text(raw, "idea", path, errors)
    if idea is not None and ("\n" in idea or len(idea) > MAX_IDEA_CHARS):
        errors.append(f"{path}.idea: must be one line of at most {MAX_IDEA_CHARS} characters (is {len(idea)})")
    prompt = _text(raw, "prompt", path, errors)
    options = _parse_options(raw.get("options"), f"{path}.options", errors)
    predict = _parse_predict(raw.get("predict"), f"{path}.predict", slug, errors)
    expect = _parse_expect(raw.get("expect"), f"{path}.expect", errors)
    if expect and "predict" not in raw:
        errors.append(f"{path}.expect: only a predict question runs the experiment; add [questions.predict]")
    if errors or qid is None or idea is None or prompt is None or options is None:
        return None, errors
    return Question(qid, slug, idea, prompt, options, predict, expect), errors


def _parse_expect(raw: Any, path: str, errors: list[str]) -> dict[str, str]:
    """[questions.expect]: metric key = "value as the results pane shows it" (checked by a run in `check`)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        errors.append(f'{path}: expected a table of metric = "value as shown" lines')
        return {}
    for key, value in raw.items():
        if not isinstance(value, str):
            errors.append(f"{path}.{key}: expected a quoted string (the value as shown), got {_toml_type(value)}")
    return {key: value for key, value in raw.items() if isinstance(value, str)}


def _parse_options(raw: Any, path: str, errors: list[str]) -> tuple[Option, ...] | None:
    """Check the [[questions.options]] array: 3–5 options, exactly one correct, all explained."""
    if raw is None:
        errors.append(f"{path}: missing")
        return None
    if not isinstance(raw, list) or not all(isinstance(o, dict) for o in raw):
        errors.append(f"{path}: expected an array of tables ([[questions.options]])")
        return None
    if not MIN_OPTIONS <= len(raw) <= MAX_OPTIONS:
        errors.append(f"{path}: has {len(raw)} options; expected {MIN_OPTIONS}–{MAX_OPTIONS}")
    options: list[Option] = []
    texts: dict[str, int] = {}
    before = len(errors)
    for index, table in enumerate(raw):
        where = f"{path}[{index}]"
        _unknown_keys(table, _OPTION_KEYS, where, errors)
        text = _text(table, "text", where, errors)
        explanation = _text(table, "explanation", where, errors)
        correct = table.get("correct")
        if "correct" not in table:
            errors.append(f"{where}.correct: missing")
        elif not isinstance(correct, bool):
            errors.append(f"{where}.correct: expected true or false, got {_toml_type(correct)}")
        if text is not None:
            if text in texts:
                errors.append(f"{where}.text: same text as {path}[{texts[text]}]")
            texts.setdefault(text, index)
        options.append(Option(text or "", correct is True, explanation or ""))
    marked = [f"{path}[{i}]" for i, table in enumerate(raw) if table.get("correct") is True]
    if len(marked) != 1:
        which = "no option is" if not marked else f"{len(marked)} options are ({', '.join(marked)})"
        errors.append(f"{path}: {which} marked correct; expected exactly one")
    if len(errors) > before or not MIN_OPTIONS <= len(raw) <= MAX_OPTIONS:
        return None
    return tuple(options)


def _parse_predict(raw: Any, path: str, slug: str, errors: list[str]) -> dict[str, str]:
    """Check [questions.predict]: parameter texts the topic's ParamSet accepts, rules included."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        errors.append(f'{path}: expected a table of parameter = "value" lines')
        return {}
    if not raw:
        errors.append(f"{path}: empty; name at least one parameter or remove the table")
        return {}
    texts: dict[str, str] = {}
    for name, value in raw.items():
        if isinstance(value, str):
            texts[name] = value
        else:
            # Values are the text a learner would type, so the same parser checks them.
            errors.append(
                f"{path}.{name}: expected a quoted string (the text a learner would type), got {_toml_type(value)}"
            )
    if len(texts) < len(raw):
        return {}
    from tutor.engine.experiments import get

    _, problems = get(slug).params.parse(texts)
    errors.extend(f"{path}.{problem.name}: {problem.message}" for problem in problems)
    return texts


def validate_content(
    content_dir: Path | str | None = None, run: Runner | None = None
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Check every topic's questions and recap, running each predict question's state (with `run`, by
    default in this process: see predict_check); return per-topic counts and every error found."""
    from tutor.learning.predict_check import check_predict_questions, run_here
    from tutor.learning.question_stats import longest_option_share

    bank = load_questions(content_dir)
    errors = list(bank.errors)
    label = _root(content_dir)[1]
    for question, problem in check_predict_questions(list(bank), run or run_here):
        errors.append(f"{label}/{question.topic}.toml: {problem} (id {question.id!r})")
    topics: dict[str, dict[str, Any]] = {}
    for slug in _topic_slugs():
        questions = bank.for_topic(slug)
        try:
            load_recap(slug, content_dir)
            recap = True
        except ContentError as error:
            errors.append(str(error))
            recap = False
        topics[slug] = {
            "questions": len(questions),
            "predict": sum(1 for q in questions if q.predict),
            "longest_share": round(longest_option_share(questions), 3),  # the right option strictly longest
            "recap": recap,
        }
    return topics, errors
