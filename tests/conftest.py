"""Shared fixtures and helpers: every test gets its own data directory and a colour-capable environment.

The Pilot helpers (`settle`, `screen_of`, `shown`) live here so test modules never import one another;
they import Textual and the screens only when called, so the unit tests (which must not need the UI)
do not load them through this file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest

from tests.snippet_check import snippet_lines

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from screens.app import MLPrepApp
    from screens.topic.topic_screen import TopicScreen
    from screens.widgets.quiz_panel import QuizPanel
    from tutor.engine.result import Result


@pytest.fixture(scope="session")
def _sandbox_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One sandbox-run cache per test process: `check` validates the real exercises in several tests, and
    each re-ran every reference, starter and mistake (about 25 s). Entries are keyed by a hash of everything
    a run depends on, so a test with changed content still runs its own."""
    return tmp_path_factory.mktemp("sandbox-cache")


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, _sandbox_cache: Path) -> None:
    """No test touches the real home or the checkout; NO_COLOR from the developer's shell never changes a snapshot."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("MLPREP_CACHE_DIR", str(_sandbox_cache))
    monkeypatch.setenv("MLPREP_HOME", str(tmp_path / "mlprep-home"))
    # `o` (a key storm presses it too) writes the workbook here, never into the checkout.
    monkeypatch.setenv("MLPREP_EXPORT_DIR", str(tmp_path))


# ----- code snippets: each distinct snippet runs once per session --------------------------------
@pytest.fixture(scope="session")
def snippet_output() -> Callable[[Result], dict[str, str]]:
    """Run a Result's snippet in a fresh interpreter once per session (keyed by its code); return its
    `key: value` lines. A second test asking for the same code reuses the first run's printout."""
    cache: dict[str, dict[str, str]] = {}

    def run(result: Result) -> dict[str, str]:
        if result.code not in cache:
            cache[result.code] = snippet_lines(result)
        return cache[result.code]

    return run


# ----- content ------------------------------------------------------------------------------------
def missing_content() -> list[str]:
    """The topics' content files (questions and recap) that are not in content/: a test of the real
    content asserts this is empty, so a missing file fails it instead of skipping it."""
    from tutor.engine.experiments import all_experiments

    root = Path(__file__).resolve().parents[1] / "content"
    names = [f"{e.slug}.{ext}" for e in all_experiments() for ext in ("toml", "md")]
    return [name for name in names if not (root / name).is_file()]


# ----- Pilot helpers ---------------------------------------------------------------------------
async def settle(pilot: Pilot[Any]) -> None:
    """Let pending runs finish and their results reach the screen."""
    await pilot.pause()
    # Superseded runs are cancelled workers, so poll rather than wait_for_complete (which raises).
    for _ in range(600):
        if not any(worker.is_running for worker in pilot.app.workers):
            break
        await pilot.pause(0.02)
    await pilot.pause()


async def open_quiz(pilot: Pilot[Any]) -> QuizPanel:
    """Settle, press q on the topic screen and return its quiz panel once it shows."""
    from screens.widgets.quiz_panel import QuizPanel

    await settle(pilot)
    await pilot.press("q")
    await settle(pilot)
    return screen_of(cast("MLPrepApp", pilot.app)).query_one("#quiz", QuizPanel)


def screen_of(app: MLPrepApp) -> TopicScreen:
    """The topic screen (whatever modal may be on top)."""
    from screens.topic.topic_screen import TopicScreen

    screen = app.screen_stack[0] if not isinstance(app.screen, TopicScreen) else app.screen
    assert isinstance(screen, TopicScreen)
    return screen


def shown(app: MLPrepApp, slug: str) -> Result | None:
    """The result the screen shows for a topic."""
    return screen_of(app).states[slug].result
