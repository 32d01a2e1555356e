"""A first launch shows the way: a short welcome, once; the next step and overall progress on the main screen."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens.app import MLPrepApp, make_app
from screens.welcome.welcome_screen import WelcomeScreen
from screens.widgets.next_step import NextStep
from screens.widgets.sidebar import TopicSidebar
from tests.conftest import screen_of, settle
from tutor.learning.store.flags import WELCOME, seen
from tutor.learning.store.progress import open_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def first_launch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo the app tests' 'welcome already seen' (tests/app_tests/conftest.py): this is a first launch."""
    monkeypatch.setattr(MLPrepApp, "show_welcome", True)


def as_text(static: Static) -> str:
    """What a Static shows, as plain text (a rich Table too)."""
    console = Console(width=80, file=io.StringIO(), color_system=None)
    console.print(static.content)
    return console.file.getvalue()  # type: ignore[attr-defined]


def app_at(data: Path) -> MLPrepApp:
    return make_app(data, warm_sklearn=False, cursor_blink=False)


async def test_a_first_launch_shows_the_welcome_once(first_launch: None, tmp_path: Path) -> None:
    data = tmp_path / "home [bold]x[/bold]"  # a path with markup in it is shown as it is
    app = app_at(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WelcomeScreen)
        path = str(screen.query_one("#welcome-path", Static).render())
        assert path == str(data / "progress.sqlite3")
        words = " ".join(as_text(static) for static in screen.query(Static))
        for needed in ("q", "p", "1–8", "?", "Enter"):
            assert needed in words
        body = screen.query_one("#welcome-body", VerticalScroll)
        assert body.max_scroll_y == 0  # all of it fits at 80x24
        assert body.region.right <= 80 and body.region.bottom <= 24
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen_of(app)
    with open_store(data) as store:
        assert seen(store, WELCOME)
    again = app_at(data)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.screen is screen_of(again)  # no welcome the second time


async def test_question_mark_on_the_welcome_opens_the_help(first_launch: None, tmp_path: Path) -> None:
    app = app_at(tmp_path / "home")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("question_mark")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"


async def test_the_main_screen_shows_progress_and_a_next_step(tmp_path: Path) -> None:
    app = app_at(tmp_path / "home")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        sidebar = str(screen.query_one(TopicSidebar).render())
        assert "Progress" in sidebar and "0 right" in sidebar and "0 due" in sidebar
        total = sum(len(app.learning.questions(slug)) for slug in app.learning.slugs)
        assert f"0/{total} answered" in sidebar
        hint = screen.query_one(NextStep)
        assert hint.hint.startswith("Next: press q to answer the ") and hint.hint.endswith("on Sigmoid.")
        await pilot.press("4")
        await settle(pilot)
        assert hint.hint.endswith("on Metrics.")
        assert hint.region.width == 80 and hint.region.height == 1


async def test_the_next_step_follows_an_answer_and_review(tmp_path: Path) -> None:
    app = app_at(tmp_path / "home")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        await pilot.press("q")
        await settle(pilot)
        assert not screen.query_one(NextStep).region  # while a question is open, it gets the row
        quiz = screen.query_one("#quiz")
        question = quiz.current_question  # type: ignore[attr-defined]
        wrong = next(i for i, option in enumerate(question.options) if not option.correct)
        await pilot.press(quiz.letter_of(wrong))  # type: ignore[attr-defined]
        await settle(pilot)
        sidebar = str(screen.query_one(TopicSidebar).render())
        assert "1/" in sidebar and "0 right" in sidebar
        assert app.title.startswith("ML interview prep · ")


FIRST_FRAME_PROBE = """
import sys
import textual.app
loaded = []
display = textual.app.App._display
def first_frame(self, screen, renderable):
    if renderable is not None and not loaded:
        loaded.append(sorted(sys.modules))
        self.exit()
    return display(self, screen, renderable)
textual.app.App._display = first_frame
from screens.app import make_app
make_app().run(headless=True, size=(80, 24))
print(" ".join(loaded[0]))
"""


def test_a_first_launch_loads_the_welcome_after_the_first_frame(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"PATH": "", "MLPREP_HOME": str(tmp_path / "new"), "SYSTEMROOT": ""},  # nothing there: first launch
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "screens.topic.topic_screen" in loaded  # the probe really saw the app's frame
    late = {"screens.welcome.welcome_screen", "tutor.learning.next_step", "tutor.learning.store.flags"}
    assert not late & loaded


async def test_the_header_due_count_follows_each_answer_in_review(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from tutor.learning.content import load_questions

    data = tmp_path / "home"
    bank = load_questions()
    with open_store(data) as store:
        for slug, day in (("metrics", 1), ("sigmoid", 2)):  # two misses long ago: both due now
            question = bank.for_topic(slug)[0]
            wrong = (question.correct_index + 1) % len(question.options)
            store.record_attempt(question.id, slug, wrong, False, 4000, when=datetime(2020, 1, day, tzinfo=UTC))
    app = app_at(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.title.startswith("ML interview prep · 2 due")
        await pilot.press("v")
        await settle(pilot)
        quiz = app.screen.query_one("#review-quiz")
        question = quiz.current_question  # type: ignore[attr-defined]
        await pilot.press(quiz.letter_of(question.correct_index))  # type: ignore[attr-defined]
        await settle(pilot)
        assert app.screen is not screen_of(app)  # still in Review
        assert app.title.startswith("ML interview prep · 1 due")
