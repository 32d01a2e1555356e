"""Pilot tests of the explain screen: write, reveal, tick, grade; saved as typed and never lost at quit;
Review lists due explain prompts and exercises after the questions and opens the one chosen."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import signal
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from screens.app import MLPrepApp, make_app
from screens.explain.explain_screen import ExplainScreen, come_back
from screens.explain.key_points import KeyPoints
from screens.review.review_screen import ReviewScreen
from tests.conftest import settle
from tutor.learning.explain import prompts_for
from tutor.learning.store.explain_progress import explain_summary, load_answer, record_grade
from tutor.learning.store.progress import open_store

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)
HOSTILE = "σ → λ ŷ [b]not bold[/b] [red]x"


def home() -> Path:
    return Path(os.environ["MLPREP_HOME"])


def app_for_test(**options: Any) -> MLPrepApp:
    return make_app(warm_sklearn=False, cursor_blink=False, **options)


async def open_explain(pilot: Pilot[None]) -> ExplainScreen:
    """Press x on the topic screen and wait for the explain screen."""
    await settle(pilot)
    await pilot.press("x")
    for _ in range(300):
        if isinstance(pilot.app.screen, ExplainScreen):
            break
        await pilot.pause(0.02)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExplainScreen)
    return screen


def status(screen: ExplainScreen) -> str:
    return str(screen.query_one("#explain-status", Static).render())


# ----- writing, saved as typed and at quit -------------------------------------------------------
async def test_x_opens_the_topics_first_prompt_with_the_cursor_in_the_answer() -> None:
    app = app_for_test(topic="validation")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        first = prompts_for("validation")[0]
        assert screen.prompt == first and first.source == "workbook"
        assert str(screen.query_one("#explain-prompt", Static).render()) == first.prompt
        assert screen.focused is screen.answer_area
        assert not screen.revealed and not screen.query_one("#explain-model").display


async def test_letters_are_text_while_typing_and_saved_as_typed() -> None:
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        await pilot.press(*"r g n p w", "space")
        assert screen.answer_area.text == "r g n p w " and not screen.revealed and screen.index == 0
        await pilot.pause(0.6)  # the 0.4 s autosave
        assert load_answer(app.learning.store, screen.prompt.id) == "r g n p w "


async def test_text_typed_right_before_ctrl_q_is_there_when_reopened() -> None:
    app = app_for_test(topic="metrics")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        prompt_id = screen.prompt.id
        screen.answer_area.insert(HOSTILE + "\n")  # the learner's text, as pasted
        await pilot.press(*"typed at the last moment", "ctrl+q")
        await pilot.pause()
    assert load_answer(open_store(home()), prompt_id) == HOSTILE + "\ntyped at the last moment"
    again = app_for_test(topic="metrics")
    async with again.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        assert screen.answer_area.text == HOSTILE + "\ntyped at the last moment"  # literally, no markup read


async def test_the_signal_path_saves_what_the_screen_shows() -> None:
    """A quit signal calls app.save_now before exiting: the answer of the last 0.4 s is written then."""
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        await pilot.press(*"just typed")
        app.save_now()
        assert load_answer(app.learning.store, screen.prompt.id) == "just typed"


async def test_escape_saves_and_leaves_the_answer_then_goes_back() -> None:
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        await pilot.press(*"draft", "escape")
        assert load_answer(app.learning.store, screen.prompt.id) == "draft"
        assert screen.focused is None and app.screen is screen
        await pilot.press("w", "!", "escape", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExplainScreen)
        assert load_answer(app.learning.store, screen.prompt.id) == "draft!"


async def test_next_and_previous_keep_each_prompts_own_answer() -> None:
    app = app_for_test(topic="gradient-descent")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        prompts = prompts_for("gradient-descent")
        await pilot.press(*"one", "escape", "n")
        assert screen.index == 1 and screen.answer_area.text == ""
        assert screen.focused is screen.answer_area  # a new prompt: the cursor is in its answer
        await pilot.press(*"two", "escape", "p")
        assert screen.index == 0 and screen.answer_area.text == "one"
        await pilot.press("p")
        assert screen.index == 0
        store = app.learning.store
        assert (load_answer(store, prompts[0].id), load_answer(store, prompts[1].id)) == ("one", "two")


# ----- reveal, tick, grade -----------------------------------------------------------------------
async def test_reveal_tick_and_grade_stores_the_grade_and_schedules_a_review() -> None:
    app = app_for_test(topic="decision-tree")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        prompt = screen.prompt
        await pilot.press(*"A leaf holds the final prediction.", "escape")
        await pilot.press("g")  # nothing to grade before the key points show
        assert explain_summary(app.learning.store)[prompt.id].grades == 0 and not screen.revealed
        await pilot.press("r")
        assert screen.revealed and screen.query_one("#explain-model").display
        assert str(screen.query_one("#explain-model-text", Static).render()) == prompt.model_answer
        points = screen.query_one("#explain-points", KeyPoints)
        assert [str(points.get_option_at_index(i).prompt) for i in range(points.option_count)] == [
            f"[ ] {point}" for point in prompt.key_points
        ]
        assert screen.focused is points
        await pilot.press("down", "space", "down", "enter")  # ticks points 1 and 2 (the list starts at 0)
        assert points.ticked == {1, 2}
        marks = [str(points.get_option_at_index(i).prompt)[:4] for i in range(points.option_count)]
        assert marks[:3] == ["[ ] ", "[✓] ", "[✓] "]  # the tick is text: it reads the same without colour
        await pilot.press("g")
        progress = explain_summary(app.learning.store)[prompt.id]
        assert (progress.covered, progress.total, progress.grades) == ((1, 2), len(prompt.key_points), 1)
        assert progress.answer == "A leaf holds the final prediction."
        assert status(screen).startswith(f"Saved: 2 of {len(prompt.key_points)} key points (Hard); back in Review")
        card = app.learning.store._read("SELECT due FROM cards WHERE question_id = ?", (prompt.card_id,))
        assert len(card) == 1


async def test_all_points_rate_good_and_the_last_grade_shows_when_reopened() -> None:
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        total = len(screen.prompt.key_points)
        await pilot.press("escape", "r", *(["space", "down"] * total), "g")
        assert f"Saved: {total} of {total} key points (Good)" in status(screen)
        await pilot.press("n", "escape", "p")  # back to the graded prompt: its last grade is said
        assert status(screen) == f"Last self-grade: {total} of {total} key points (graded once)."
        assert not screen.revealed


async def test_space_ticks_from_anywhere_once_revealed() -> None:
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_explain(pilot)
        await pilot.press("escape", "r")
        screen.set_focus(None)
        await pilot.press("space")
        assert screen.query_one("#explain-points", KeyPoints).ticked == {0}


async def test_an_answer_scheduled_long_ago_is_due_and_review_opens_it() -> None:
    prompt = prompts_for("parametric")[2]
    with open_store(home()) as store:
        record_grade(store, prompt.id, prompt.topic, [], len(prompt.key_points), "old answer", when=LONG_AGO)
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "1 due for review" in app.title
        await pilot.press("v")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        extras = review.query_one("#review-extras", OptionList)
        assert extras.has_focus  # no question is due: the list has the keys
        assert str(extras.get_option_at_index(0).prompt) == f"Explain: {prompt.prompt} (5. Parametric)"
        await pilot.press("enter")
        for _ in range(300):
            if isinstance(app.screen, ExplainScreen):
                break
            await pilot.pause(0.02)
        screen = app.screen
        assert isinstance(screen, ExplainScreen) and screen.prompt == prompt


async def test_review_lists_exercises_and_prompts_after_the_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[tuple[str, str | None]] = []

    def fake_open(app: Any, learning: Any, topic: str, exercise_id: str | None = None) -> None:
        opened.append((topic, exercise_id))

    monkeypatch.setattr("screens.exercise.exercise_screen.open_exercises", fake_open)
    prompt = prompts_for("metrics")[0]
    with open_store(home()) as store:
        store.record_attempt("sigmoid-range", "sigmoid", 0, False, 3_000, when=LONG_AGO)
        record_grade(store, prompt.id, prompt.topic, [0], len(prompt.key_points), "", when=LONG_AGO)
        # An exercise's card, as the exercises write it.
        with store._write() as db:
            db.execute(
                "INSERT INTO cards (question_id, topic, card, due) VALUES (?, ?, ?, ?)",
                ("exercise:no-such-exercise", "validation", "{}", "2019-01-01T00:00:00.000000+00:00"),
            )
    app = app_for_test(topic="sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "3 due for review" in app.title
        await pilot.press("v")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.panel is not None and review.panel.has_focus  # questions first
        extras = review.query_one("#review-extras", OptionList)
        labels = [str(extras.get_option_at_index(i).prompt) for i in range(extras.option_count)]
        assert labels == [
            "Exercise: no-such-exercise (7. Validation)",  # the most overdue first; an unknown id names itself
            f"Explain: {prompt.prompt} (4. Metrics)",
        ]
        assert review.sub_title == "Review: 3 due"
        await pilot.press("tab")
        assert extras.has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ReviewScreen)
        assert opened == [("validation", "no-such-exercise")]


@pytest.mark.parametrize(
    ("minutes", "said"),
    [(0.2, "in 1 minute"), (10, "in 10 minutes"), (89, "in 89 minutes"), (180, "in 3 hours"), (4 * 1440, "in 4 days")],
)
def test_come_back_says_when_in_words(minutes: float, said: str) -> None:
    from datetime import timedelta

    assert come_back(LONG_AGO + timedelta(minutes=minutes), LONG_AGO) == said


# ----- a real SIGTERM in a pseudo-terminal ------------------------------------------------------
LAUNCHER = """
import sys
import screens.app as app
app.MLPrepApp.show_welcome = False
real = app.make_app
app.make_app = lambda **options: real(warm_sklearn=False, **options)
sys.exit(app.run_app(topic="metrics"))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and pseudo-terminals")
def test_an_answer_typed_right_before_sigterm_is_saved(tmp_path: Path) -> None:
    """The real app (run_app) in a pty: x, type, and SIGTERM as soon as the text is drawn (its 0.4 s
    autosave most likely still pending): the app's save_now writes it, the exit status is 128 + 15."""
    root = Path(__file__).resolve().parents[2]
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app
        os.chdir(root)
        os.environ.update(MLPREP_HOME=str(tmp_path / "home"), TERM="xterm-256color")
        os.execv(sys.executable, [sys.executable, "-c", LAUNCHER])
    output = b""

    def wait_for(text: bytes, timeout: float = 60) -> None:
        nonlocal output
        end = time.monotonic() + timeout
        while text not in output:
            assert time.monotonic() < end, f"{text!r} never appeared"
            if select.select([fd], [], [], 0.1)[0]:
                with contextlib.suppress(OSError):
                    output += os.read(fd, 65536)

    try:
        wait_for(b"Recap")
        os.write(fd, b"x")
        wait_for(b"Your answer")
        os.write(fd, b"just before the signal")
        wait_for(b"just before the signal")
        os.kill(pid, signal.SIGTERM)
        end, status = time.monotonic() + 20, None
        while status is None and time.monotonic() < end:
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status, pid = os.waitstatus_to_exitcode(raw), 0
            elif select.select([fd], [], [], 0.05)[0]:
                with contextlib.suppress(OSError):
                    os.read(fd, 65536)
    finally:
        if pid:
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        os.close(fd)
    assert status == 128 + signal.SIGTERM
    db = sqlite3.connect(tmp_path / "home" / "progress.sqlite3")
    try:
        rows = db.execute("SELECT prompt_id, topic, text FROM explain_answers").fetchall()
    finally:
        db.close()
    assert rows == [(prompts_for("metrics")[0].id, "metrics", "just before the signal")]
