"""SVG snapshots of what a learner sees (review changed ones as pictures before accepting them)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from screens.app import make_app
from screens.param_panel import field_id
from tests.app_tests.test_pilot import settle
from tutor.experiments import all_experiments


def app_at(topic: int | str = 1, sets: tuple[str, ...] = ()):
    """The app as the tests see it: no background warm-up timing, no cursor blink."""
    return make_app(topic=topic, sets=sets, warm_sklearn=False, cursor_blink=False)


@pytest.mark.parametrize("number", [e.number for e in all_experiments()])
def test_topic_at_defaults_120x40(snap_compare, number: int) -> None:
    assert snap_compare(app_at(number), terminal_size=(120, 40), run_before=settle)


def test_first_topic_at_80x24(snap_compare) -> None:
    assert snap_compare(app_at(1), terminal_size=(80, 24), run_before=settle)


def test_invalid_input_keeps_last_result(snap_compare) -> None:
    async def type_bad_threshold(pilot: Pilot) -> None:
        await settle(pilot)
        field = pilot.app.screen.query_one(f"#{field_id('sigmoid', 'threshold')}")
        field.focus()
        field.value = "1.5"
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app_at(1), terminal_size=(120, 40), run_before=type_bad_threshold)


def test_help_screen(snap_compare) -> None:
    async def open_help(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app_at(1), terminal_size=(120, 40), run_before=open_help)


def test_code_view(snap_compare) -> None:
    async def open_code(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(app_at(2), terminal_size=(120, 40), run_before=open_code)
