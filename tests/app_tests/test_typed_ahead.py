"""Keys that arrive in one read (typed ahead over SSH, pasted, a macro): nothing crashes, nothing is
reordered. Every test queues its keys without waiting in between (see key_bursts.burst)."""

from __future__ import annotations

from rich.syntax import Syntax
from textual.widgets import Static

from screens.app import make_app
from screens.widgets.recap_view import RecapView
from tests.app_tests.key_bursts import burst
from tests.conftest import screen_of, settle


async def test_code_key_and_a_digit_in_one_read_after_two_topics() -> None:
    """Issue 9, item 3: `c2` in one read after visiting two topics mounted a second #code-scroll."""
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        for keys in (["c", "1"], ["c", "2"], ["c", "3", "c", "4", "c"]):
            burst(app, keys)
            await settle(pilot)
        recap = screen_of(app).query_one(RecapView)
        assert len(recap.query("#code-scroll")) == 1
        assert recap.mode == "code"
        assert screen_of(app).current == "metrics"
        body = recap.query_one("#code-body", Static).content
        assert isinstance(body, Syntax) and body.code == recap.code  # the newest topic's code
