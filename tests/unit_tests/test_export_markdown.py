"""The workbook as Markdown: a snapshot of the layout, learner text kept literal on GitHub, the real store's content."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from syrupy.assertion import SnapshotAssertion

from tests.unit_tests.workbook_store import EXERCISE_CODE, EXPLAIN_ANSWER, HOSTILE, NOTE, NOW, learner_store
from tutor.engine.result import Metric, PlotSpec, Result, Series, Table
from tutor.learning.content import load_questions
from tutor.render import plots
from tutor.render.export import render_workbook
from tutor.render.export.markdown import fenced, inline, render_markdown
from tutor.render.export.model import (
    ExerciseEntry,
    ExperimentRun,
    ExplainEntry,
    MissedEntry,
    Readiness,
    TopicPart,
    Workbook,
)


def _book(notes: str, name: str | None = "Ada") -> Workbook:
    """A small workbook made by hand, so the snapshot follows the Markdown writer, not the curriculum."""
    result = Result(
        topic="sigmoid",
        params={"threshold": 0.5},
        metrics=[Metric("p", "σ(0)", 0.5), Metric("n", "predicted 1s", 3)],
        tables=[Table("Each z", ("z", "σ(z)"), (("-1.0", "0.2689"), ("1.0", "0.7311")))],
        plots=[PlotSpec("σ(z)", series=(Series("σ(z)", (-2.0, 0.0, 2.0), (0.12, 0.5, 0.88)),), xlabel="z")],
        takeaway="σ turns log-odds into P(y=1|x).",
    )
    readiness = Readiness("sigmoid", "Sigmoid", 1, 8, 0, 1, 1, 4, 2, answered=3, exercises_tried=1, prompts_answered=1)
    topic = TopicPart(
        slug="sigmoid",
        number=1,
        title="Logistic regression: sigmoid → probability",
        recap="## Key point\n\nThe sigmoid **squashes** z.\n\n```\n# not a heading\nσ(z) = 1 / (1 + e^(−z))\n```",
        notes=notes,
        explains=(
            ExplainEntry(
                "Why a sigmoid?", "Because it maps log-odds to (0, 1).", ("maps", "monotone"), "It squashes.", (0,)
            ),
        ),
        explain_note=None,
        exercises=(
            ExerciseEntry(
                "Sigmoid", "Write `sigmoid(z)`.", "def sigmoid(z):\n    ...\n", "failed: 1 of 2 checks passed", False
            ),
        ),
        exercise_note=None,
        experiment=ExperimentRun((("threshold", "0.5"),), "your last parameters", result),
        missed=(
            MissedEntry("σ is a probability", "What does σ return?", "P(y=1|x)", "It is a probability.", 2, 3, True),
        ),
        reviews=("Question: σ is a probability (due 2026-11-28)",),
        readiness=readiness,
    )
    empty = Readiness("metrics", "Metrics", 0, 9, 0, 1, 0, 4, 0)
    other = TopicPart(
        "metrics",
        4,
        "Metrics",
        "Recap.",
        "",
        (),
        "No explain prompts for this topic yet.",
        (),
        "No code exercises for this topic yet.",
        ExperimentRun((("y_true", "1, 0"),), "the defaults", None, "the run failed (ValueError: bad)"),
        (),
        (),
        empty,
    )
    return Workbook(name=name, date="2026-11-29", topics=(topic, other))


def test_markdown_snapshot(snapshot: SnapshotAssertion, monkeypatch: pytest.MonkeyPatch) -> None:
    # The plot's text is tutor.render.plots' (tested there); here, where the Markdown puts it.
    monkeypatch.setattr(
        plots, "render", lambda spec, width, height, color: f"[{spec.title}: {width}x{height}, {color}]"
    )
    assert render_markdown(_book("My note: σ → λ ŷ")) == snapshot


def _html(markdown: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(markdown)


def test_hostile_learner_text_stays_literal_on_github() -> None:
    html = _html(render_markdown(_book(HOSTILE + "\n```\n````", name="**Bob** <img src=x onerror=alert(1)> [b]x[/b]")))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html
    assert "<strong>Bob</strong>" not in html and "<strong>not bold either</strong>" not in html
    assert "W" * 10_000 in html  # in a code block: kept whole, GitHub scrolls it
    assert "\x1b" not in html
    # The note's own fences do not close its block: everything after it is still the workbook's.
    assert html.count("<h2>") == 4  # two topics, the glance, the readiness table


def test_fence_outgrows_the_backticks_inside() -> None:
    text = "a ``` b ```` c"
    block = fenced(text)
    assert block.startswith("`````text\n") and block.endswith("\n`````")
    assert _html(block).count("<pre>") == 1


def test_inline_escapes_markup() -> None:
    assert inline("**x** <b> [y](z) # h | t") == r"\*\*x\*\* \<b\> \[y\]\(z\) \# h \| t"
    assert _html(inline("**x** <b>")) == "<p>**x** &lt;b&gt;</p>\n"


def test_real_store_markdown_holds_the_learners_work(tmp_path: Path) -> None:
    with learner_store(tmp_path) as store:
        text = render_workbook(store, "md", name="Ada Lovelace", now=NOW).decode("utf-8")
    assert "σ → λ ŷ" in text and NOTE.splitlines()[1] in text
    assert EXPLAIN_ANSWER in text
    assert EXERCISE_CODE.strip() in text
    assert "Run at your last parameters." in text and "| threshold | `0.7` |" in text
    assert "```text\n" in text  # plots as plotext text in fenced blocks
    assert text.count("\n## ") == 8 + 2  # eight topics, the glance, the readiness table
    questions = len(load_questions().for_topic("sigmoid"))
    assert f"| Sigmoid | 1/{questions} |" in text


def test_only_the_chosen_topics(tmp_path: Path) -> None:
    with learner_store(tmp_path) as store:
        data = render_workbook(store, "md", slugs=["metrics"], now=NOW).decode("utf-8")
    assert "## 4. Classification metrics" in data and "## 1. " not in data
    assert "precision = TP / (TP + FP)" in data


def test_last_parameters_that_no_longer_parse_fall_back_to_the_defaults(tmp_path: Path) -> None:
    with learner_store(tmp_path) as store:
        store.set_last("sigmoid", {"threshold": "2", "no_such_field": "1"})
        text = render_workbook(store, "md", slugs=["sigmoid"], now=NOW).decode("utf-8")
        again = render_workbook(store, "md", slugs=["sigmoid"], now=NOW).decode("utf-8")
    assert "Run at the defaults (your last parameters did not parse: threshold: " in text
    assert "| threshold | `0.5` |" in text
    assert text == again  # the same store gives the same Markdown
