"""SVG snapshots of the exercise screen: a run that passes (with the learner's curve beside the reference)
and one that fails (expected vs got and the named mistake), at 80x24 and 120x40.

The editor is plain text here whatever is installed: CI has no tree-sitter, so highlighting would make
the pictures depend on the machine. Review a changed SVG as a picture before accepting it.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

import screens.exercise.code_editor as code_editor
from screens.app import make_app
from screens.exercise.exercise_screen import ExerciseScreen
from tests.conftest import settle

PICTURED = "sigmoid-threshold"


@pytest.fixture(autouse=True)
def _plain_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(code_editor, "python_language", lambda: None)


def app_at(topic: str = "sigmoid"):
    return make_app(topic=topic, warm_sklearn=False, cursor_blink=False)


def run_code(which: str, maximize: bool = False):
    """Open the topic's first exercise, put the reference solution (or its first classic mistake) in the
    editor, run the checks and wait for the results (and the drawing); then, if asked, leave the editor
    and give the results the whole screen (z), as a learner does at 80x24 to see the drawing."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ExerciseScreen)
        ids = [e.id for e in screen.exercises]
        if screen.exercise.id != PICTURED:  # the same exercise whatever order the content lists them in
            screen.show_exercise(ids.index(PICTURED))
            screen.editor.focus()
        exercise = screen.exercise
        code = exercise.solution if which == "pass" else exercise.mistakes[0].code
        screen.editor.load_text(code.lstrip("\n"))
        await pilot.press("ctrl+r")
        for _ in range(600):
            await pilot.pause(0.05)
            if not screen.checks_running:
                break
        await settle(pilot)
        assert screen.last_report is not None and screen.last_report.passed == (which == "pass")
        if maximize:
            await pilot.press("escape", "z")
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_exercise_passing(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(app_at(), terminal_size=size, run_before=run_code("pass"))


def test_exercise_passing_maximized_80x24(snap_compare) -> None:
    assert snap_compare(app_at(), terminal_size=(80, 24), run_before=run_code("pass", maximize=True))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_exercise_failing(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(app_at(), terminal_size=size, run_before=run_code("fail"))
