"""SVG snapshots of the explain screen (look at a changed one as a picture before accepting it)."""

from __future__ import annotations

import random

from textual.pilot import Pilot

from screens.app import make_app
from screens.explain.explain_screen import ExplainScreen
from tests.conftest import settle


def app_at(topic: str):
    """The app as the tests see it: no background warm-up, no cursor blink, the quiz's option shuffle seeded."""
    app = make_app(topic=topic, warm_sklearn=False, cursor_blink=False)
    app.learning.rng = random.Random(0)
    return app


async def _open(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("x")
    for _ in range(300):
        if isinstance(pilot.app.screen, ExplainScreen):
            break
        await pilot.pause(0.02)
    await pilot.pause()


def test_explain_writing_80x24(snap_compare) -> None:
    async def write(pilot: Pilot) -> None:
        await _open(pilot)
        await pilot.press(*"The validation folds choose k; the test set [b]stays[/b] untouched.")
        await pilot.pause()

    assert snap_compare(app_at("validation"), terminal_size=(80, 24), run_before=write)


def test_explain_revealed_and_ticked_120x40(snap_compare) -> None:
    async def reveal_and_tick(pilot: Pilot) -> None:
        await _open(pilot)
        await pilot.press(*"σ maps the log-odds z to P(y=1|x).", "escape", "r", "space", "down", "down", "space")
        await pilot.pause()

    assert snap_compare(app_at("sigmoid"), terminal_size=(120, 40), run_before=reveal_and_tick)


def test_explain_revealed_80x24(snap_compare) -> None:
    async def reveal(pilot: Pilot) -> None:
        await _open(pilot)
        await pilot.press(*"Leaves hold predictions.", "escape", "r", "space")
        await pilot.pause()

    assert snap_compare(app_at("decision-tree"), terminal_size=(80, 24), run_before=reveal)


def test_review_lists_a_due_explain_prompt_80x24(snap_compare) -> None:
    from datetime import UTC, datetime

    from tutor.learning.explain import prompts_for
    from tutor.learning.store.explain_progress import record_grade
    from tutor.learning.store.progress import open_store

    prompt = prompts_for("validation")[0]
    with open_store() as store:  # MLPREP_HOME: the test's own directory
        long_ago = datetime(2020, 1, 1, tzinfo=UTC)
        store.record_attempt("sigmoid-range", "sigmoid", 0, False, 3_000, when=long_ago)
        record_grade(store, prompt.id, prompt.topic, [0], len(prompt.key_points), "", when=long_ago)

    async def open_review(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)

    assert snap_compare(app_at("sigmoid"), terminal_size=(80, 24), run_before=open_review)
