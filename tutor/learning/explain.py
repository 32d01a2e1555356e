"""Explain-it prompts: `content/explain/<slug>.toml`, one `[[prompts]]` table per "why" question.

Each prompt has an id, the prompt, its source ("workbook": the workbook's own QUESTION/TODO, listed
first; "interview": a favourite of interviewers), a model answer an interviewer would accept and 3–5
key points the learner ticks off against their own answer. An optional `runs` array names the states
(the defaults plus these parameter texts) whose numbers the model answer quotes besides the defaults',
e.g. `runs = [{ lr = "1.1" }]`, so `check` can hold every number to a real run (see explain_check).

A damaged file never crashes anything: loading keeps every valid prompt and returns one line per
problem naming the file and the key, e.g. `content/explain/sigmoid.toml: prompts[1].key_points: has 2
points; expected 3–5 (id 'sigmoid-threshold')`.
"""

from __future__ import annotations

import re
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from tutor.learning.content import ContentError, _read_text, _root, _text, _toml_type, _topic_slugs, _unknown_keys

SOURCES = ("workbook", "interview")
MIN_POINTS, MAX_POINTS = 3, 5
# "About 60–120 words" is the target (a test holds the real content to it); the loader only rejects
# an answer too short to teach or too long to read back in an interview.
MIN_WORDS, MAX_WORDS = 40, 160
MAX_POINT_CHARS = 90  # a key point is one checkbox line
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TOP_KEYS = ("topic", "prompts")
_PROMPT_KEYS = ("id", "source", "prompt", "model_answer", "key_points", "runs")


@dataclass(frozen=True)
class ExplainPrompt:
    """One "explain why" prompt with the answer an interviewer would accept and its key points."""

    id: str
    topic: str
    prompt: str
    source: str
    model_answer: str
    key_points: tuple[str, ...]
    runs: tuple[dict[str, str], ...] = ()  # states the model answer quotes, besides the defaults

    @property
    def card_id(self) -> str:
        """The id of its review card in the progress store."""
        return f"explain:{self.id}"


def load_prompts(content_dir: Path | str | None = None) -> tuple[list[ExplainPrompt], list[str]]:
    """Every valid prompt of the eight topics in curriculum order, plus one line per problem."""
    root, label = _root(content_dir)
    folder, where = root.joinpath("explain"), f"{label}/explain"
    slugs = _topic_slugs()
    try:
        present = {entry.name: entry for entry in folder.iterdir() if entry.name.endswith(".toml")}
    except OSError as error:
        return [], [f"{where}: unreadable ({error.strerror or error})"]
    prompts: list[ExplainPrompt] = []
    errors: list[str] = []
    seen: dict[str, str] = {}  # prompt id -> where it was first defined
    for slug in slugs:
        name = f"{slug}.toml"
        if name not in present:
            errors.append(f"{where}/{name}: missing (topic {slug!r} has no explain prompts)")
            continue
        found, problems = _load_file(present[name], f"{where}/{name}", slug, seen)
        prompts.extend(found)
        errors.extend(problems)
    for name in sorted(set(present) - {f"{slug}.toml" for slug in slugs}):
        errors.append(f"{where}/{name}: not a topic; expected one of {', '.join(slugs)}")
    return prompts, errors


_cache: tuple[list[ExplainPrompt], list[str]] | None = None
_cache_lock = threading.Lock()


def shipped_prompts() -> tuple[list[ExplainPrompt], list[str]]:
    """The installed content's prompts and problems, loaded once per process."""
    global _cache
    with _cache_lock:
        if _cache is None:
            _cache = load_prompts()
        return _cache


def prompts_for(topic: str) -> list[ExplainPrompt]:
    """A topic's valid prompts in file order (the workbook's own first)."""
    return [prompt for prompt in shipped_prompts()[0] if prompt.topic == topic]


def find_prompt(prompt_id: str) -> ExplainPrompt | None:
    """The prompt with this id, or None if the content does not (or no longer) have it."""
    return next((prompt for prompt in shipped_prompts()[0] if prompt.id == prompt_id), None)


def _load_file(
    entry: Traversable, where: str, slug: str, seen: dict[str, str]
) -> tuple[list[ExplainPrompt], list[str]]:
    """Parse one topic file; return its valid prompts and its problems."""
    try:
        data = tomllib.loads(_read_text(entry, where))
    except ContentError as error:
        return [], [str(error)]
    except tomllib.TOMLDecodeError as error:
        return [], [f"{where}: TOML syntax: {error}"]
    errors = [f"{where}: {key}: unknown field; expected {', '.join(_TOP_KEYS)}" for key in data if key not in _TOP_KEYS]
    topic = data.get("topic")
    if topic is None:
        errors.append(f"{where}: topic: missing")
    elif topic != slug:
        errors.append(f"{where}: topic: {topic!r} does not match the file name; expected {slug!r}")
    raw = data.get("prompts")
    if raw is None:
        return [], [*errors, f"{where}: prompts: missing"]
    if not isinstance(raw, list) or not all(isinstance(table, dict) for table in raw):
        return [], [*errors, f"{where}: prompts: expected an array of tables ([[prompts]])"]
    if not raw:
        return [], [*errors, f"{where}: prompts: empty"]
    prompts: list[ExplainPrompt] = []
    interview_seen = False
    for index, table in enumerate(raw):
        path = f"prompts[{index}]"
        prompt, problems = _parse_prompt(table, path, slug)
        pid = table.get("id") if isinstance(table.get("id"), str) else None
        if pid is not None and _ID.fullmatch(pid):
            if pid in seen:
                problems.append(f"{path}.id: {pid!r} is already used by {seen[pid]}")
            else:
                seen[pid] = f"{where} {path}"
        source = table.get("source")
        if source == "workbook" and interview_seen:
            problems.append(f"{path}.source: a workbook prompt comes before every interview prompt")
        interview_seen = interview_seen or source == "interview"
        suffix = f" (id {pid!r})" if pid else ""
        errors.extend(f"{where}: {problem}{suffix}" for problem in problems)
        if prompt is not None and not problems:
            prompts.append(prompt)
    return prompts, errors


def _parse_prompt(raw: Mapping[str, Any], path: str, slug: str) -> tuple[ExplainPrompt | None, list[str]]:
    """Check one [[prompts]] table; return the prompt (None if unusable) and its problems."""
    errors: list[str] = []
    _unknown_keys(raw, _PROMPT_KEYS, path, errors)
    pid = _text(raw, "id", path, errors)
    if pid is not None and not _ID.fullmatch(pid):
        errors.append(f"{path}.id: {pid!r} must be lowercase letters, digits and single hyphens")
    source = _text(raw, "source", path, errors)
    if source is not None and source not in SOURCES:
        errors.append(f"{path}.source: {source!r}; expected one of {', '.join(SOURCES)}")
    prompt = _text(raw, "prompt", path, errors)
    answer = _text(raw, "model_answer", path, errors)
    if answer is not None and not MIN_WORDS <= len(answer.split()) <= MAX_WORDS:
        errors.append(f"{path}.model_answer: has {len(answer.split())} words; expected {MIN_WORDS}–{MAX_WORDS}")
    points = _parse_points(raw.get("key_points"), f"{path}.key_points", errors)
    runs = _parse_runs(raw.get("runs"), f"{path}.runs", slug, errors)
    if errors or None in (pid, source, prompt, answer, points):
        return None, errors
    assert pid and source and prompt and answer and points  # narrowed for the type checker
    return ExplainPrompt(pid, slug, prompt, source, " ".join(answer.split()), points, runs), errors


def _parse_points(raw: Any, path: str, errors: list[str]) -> tuple[str, ...] | None:
    """key_points: 3–5 distinct one-line strings."""
    if raw is None:
        errors.append(f"{path}: missing")
        return None
    if not isinstance(raw, list):
        errors.append(f"{path}: expected an array of strings, got {_toml_type(raw)}")
        return None
    before = len(errors)
    if not MIN_POINTS <= len(raw) <= MAX_POINTS:
        errors.append(f"{path}: has {len(raw)} points; expected {MIN_POINTS}–{MAX_POINTS}")
    points: list[str] = []
    for index, point in enumerate(raw):
        where = f"{path}[{index}]"
        if not isinstance(point, str):
            errors.append(f"{where}: expected a string, got {_toml_type(point)}")
        elif not point.strip():
            errors.append(f"{where}: empty")
        elif "\n" in point.strip() or len(point.strip()) > MAX_POINT_CHARS:
            errors.append(f"{where}: must be one line of at most {MAX_POINT_CHARS} characters (is {len(point)})")
        elif point.strip() in points:
            errors.append(f"{where}: same text as {path}[{points.index(point.strip())}]")
        else:
            points.append(point.strip())
    return tuple(points) if len(errors) == before else None


def _parse_runs(raw: Any, path: str, slug: str, errors: list[str]) -> tuple[dict[str, str], ...]:
    """runs: states (parameter texts over the defaults) whose numbers the model answer quotes."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw or not all(isinstance(state, dict) and state for state in raw):
        errors.append(f'{path}: expected an array of non-empty tables, e.g. [{{ lr = "1.1" }}]')
        return ()
    from tutor.engine.experiments import get

    params = get(slug).params
    for index, state in enumerate(raw):
        for name, value in state.items():
            if not isinstance(value, str):
                errors.append(f"{path}[{index}].{name}: expected a quoted string (the text a learner would type)")
        _, problems = params.parse({name: value for name, value in state.items() if isinstance(value, str)})
        errors.extend(f"{path}[{index}].{problem.name}: {problem.message}" for problem in problems)
    return tuple({str(name): str(value) for name, value in state.items()} for state in raw)
