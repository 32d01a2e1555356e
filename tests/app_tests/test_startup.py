"""Start-up: what the first frame waits for, and what it must not (the first-paint budget)."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from screens.app import make_app
from screens.topic.topic_screen import TopicScreen
from tests.conftest import settle

ROOT = Path(__file__).resolve().parents[2]

# Modules the app loads after its first frame: heavy to import, and nothing on that frame needs them.
AFTER_FIRST_FRAME = (
    "sklearn",
    "numpy",
    "plotext",
    "markdown_it",
    "pygments",
    "fsrs",
    "multiprocessing",
    "tomllib",
    "fpdf",  # the workbook export's PDF library: loaded only when exporting
    "textual.widgets._text_area",
    "screens.widgets.quiz_panel",
    "screens.review.review_screen",
    "screens.stats.stats_screen",
    "tutor.learning.content",
    "tutor.learning.mastery",
    "tutor.learning.schedule",
    "tutor.engine.result",
    "tutor.learning.store.records",
)

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
make_app().run(headless=True, size=(120, 40))
print(" ".join(loaded[0]))
"""


def test_the_first_frame_loads_none_of_the_heavy_modules(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"PATH": "", "MLPREP_HOME": str(tmp_path), "SYSTEMROOT": ""},
    )
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "screens.topic.topic_screen" in loaded  # the probe really saw the app's frame
    assert [name for name in AFTER_FIRST_FRAME if name in loaded] == []


async def test_collection_pauses_for_the_first_frame_only(monkeypatch: pytest.MonkeyPatch) -> None:
    seen_while_composing: list[bool] = []
    compose = TopicScreen.compose

    def recording_compose(self: TopicScreen):
        seen_while_composing.append(gc.isenabled())
        return compose(self)

    monkeypatch.setattr(TopicScreen, "compose", recording_compose)
    assert gc.isenabled()
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert seen_while_composing == [False]
        assert gc.isenabled()  # resumed once the frame was out
    assert gc.isenabled()


async def test_the_first_run_starts_after_the_first_frame_and_lands(monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    request_run = TopicScreen.request_run
    first_frame_out = TopicScreen._first_frame_out

    def recording_request(self: TopicScreen, slug: str) -> None:
        events.append(f"run {slug}")
        request_run(self, slug)

    def recording_frame(self: TopicScreen, first: str) -> None:
        events.append("first frame")
        first_frame_out(self, first)

    monkeypatch.setattr(TopicScreen, "request_run", recording_request)
    monkeypatch.setattr(TopicScreen, "_first_frame_out", recording_frame)
    app = make_app(topic="metrics", warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert events == ["first frame", "run metrics"]
        screen = app.screen
        assert isinstance(screen, TopicScreen)
        assert screen.states["metrics"].result is not None
        assert not screen.states["metrics"].running


async def test_a_bad_deep_link_value_is_marked_after_the_deferred_first_run() -> None:
    app = make_app(topic="sigmoid", sets=["threshold=7"], warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TopicScreen)
        state = screen.states["sigmoid"]
        assert not state.running and state.result is None
        assert [error.name for error in state.errors] == ["threshold"]
