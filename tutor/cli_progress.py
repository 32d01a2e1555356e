"""The `check`, `stats` and `reset` commands: content validation and the learner's progress."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tutor.cli import _fail

EXIT_PROBLEM = 1


def _table(header: tuple[str, ...], rows: list[tuple[object, ...]], footer: tuple[object, ...] | None = None) -> str:
    """A plain aligned text table: the first column left-aligned, numbers right-aligned."""
    body = [tuple(str(c) for c in row) for row in rows]
    tail = [tuple(str(c) for c in footer)] if footer else []
    cells = [tuple(header)] + body + tail
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    rule = "  ".join("-" * w for w in widths)

    def line(row: tuple[str, ...]) -> str:
        return "  ".join([row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]).rstrip()

    lines = [line(cells[0]), rule, *(line(row) for row in body)]
    if tail:
        lines += [rule, line(tail[0])]
    return "\n".join(lines)


def cmd_check(as_json: bool, content_dir: str | None) -> int:
    """`mlprep-tui check`: validate every content file; exit 1 if anything is wrong."""
    from tutor.content import validate_content

    if content_dir is not None and not Path(content_dir).is_dir():
        return _fail([f"--content-dir {content_dir}: not a directory"])
    topics, errors = validate_content(content_dir)
    if as_json:
        print(json.dumps({"topics": topics, "errors": errors}, indent=2, ensure_ascii=False))
        return EXIT_PROBLEM if errors else 0
    rows = [(slug, info["questions"], info["predict"], "yes" if info["recap"] else "NO")
            for slug, info in topics.items()]
    print(_table(("topic", "questions", "predict", "recap"), rows))
    total = sum(info["questions"] for info in topics.values())
    if errors:
        print(f"\n{len(errors)} problem{'s' if len(errors) != 1 else ''}:")
        for error in errors:
            print(f"  {error}")
        return EXIT_PROBLEM
    print(f"\nAll content is valid: {total} questions in {len(topics)} topics.")
    return 0


def _open_store():
    """Open the store and pass on anything it has to say about the file, on stderr."""
    from tutor.store import open_store

    store = open_store()
    for message in (store.notice, store.warning):
        if message:
            print(f"mlprep-tui: {message}", file=sys.stderr)
    return store


def cmd_stats(as_json: bool) -> int:
    """`mlprep-tui stats`: per topic attempts, correct answers and questions due now."""
    from tutor.experiments import all_experiments
    from tutor.store import StoreError

    try:
        with _open_store() as store:
            summary = store.topic_summary()
    except StoreError as error:
        print(f"mlprep-tui: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    slugs = [experiment.slug for experiment in all_experiments()]
    # Keep topics the store knows but the curriculum no longer has: the numbers are still real.
    slugs += sorted(set(summary) - set(slugs))
    empty = {"attempts": 0, "correct": 0, "due": 0, "answered": 0, "right_latest": 0}
    topics = {slug: {key: summary.get(slug, empty).get(key, 0) for key in empty} for slug in slugs}
    if as_json:
        print(json.dumps({"topics": topics}, indent=2))
        return 0
    rows: list[tuple[object, ...]] = [(slug, t["attempts"], t["correct"], t["due"]) for slug, t in topics.items()]
    total = ("total", *(sum(t[key] for t in topics.values()) for key in ("attempts", "correct", "due")))
    print(_table(("topic", "attempts", "correct", "due"), rows, footer=total))
    return 0


def cmd_reset(topic: str | None, yes: bool) -> int:
    """`mlprep-tui reset`: delete answers and review cards (all, or one topic's) after asking."""
    from tutor.store import StoreError

    slug = None
    if topic is not None:
        from tutor.experiments import UnknownTopic, get

        try:
            slug = get(topic).slug
        except UnknownTopic as error:
            return _fail([str(error)])
    what = "all progress" if slug is None else f"progress on {slug}"
    try:
        with _open_store() as store:
            if store.in_memory:
                print(f"mlprep-tui: nothing deleted: the progress file at {store.path} cannot be written.",
                      file=sys.stderr)
                return EXIT_PROBLEM
            count = len(store.attempts(slug))
            if not yes and not _confirm(f"This deletes {count} answer{'s' if count != 1 else ''} and their "
                                        f"review schedule; notes are kept.", f"Delete {what}? [y/N] "):
                return EXIT_PROBLEM
            deleted = store.reset(slug)
    except StoreError as error:
        print(f"mlprep-tui: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"Deleted {what}: {deleted} answer{'s' if deleted != 1 else ''}.")
    return 0


def _confirm(explanation: str, question: str) -> bool:
    """Ask on the terminal; no terminal, end of input or anything but y/yes means no."""
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        # Piped input could be anything (a stray `yes |`); deleting needs a person or --yes.
        print("mlprep-tui: nothing deleted: no terminal to ask on; pass --yes to delete without asking.",
              file=sys.stderr)
        return False
    print(explanation)
    try:
        answer = input(question)
    except EOFError:
        answer = ""
    if answer.strip().lower() in ("y", "yes"):
        return True
    print("Nothing deleted.")
    return False
