"""Issue 10, item 3: no line is cut off. The code view and the recap's formula blocks scroll sideways
with ←/→ when focused, and y copies the code (OSC 52) with a notice."""

from __future__ import annotations

from textual.widgets._markdown import MarkdownFence

from screens.app import MLPrepApp, make_app
from screens.widgets.recap_view import RecapView
from screens.widgets.sideways import STEP, CodeScroll, RecapScroll
from tests.conftest import screen_of, settle, shown


class QuietApp(MLPrepApp):
    """The app without its one-time welcome."""

    show_welcome = False


def app_at(topic: int) -> MLPrepApp:
    """The app at a topic, runs in threads, no cursor blink."""
    return make_app(topic=topic, warm_sklearn=False, cursor_blink=False, app_class=QuietApp)


async def test_code_view_scrolls_sideways_to_the_end_of_the_longest_line() -> None:
    # At 120x40 `X, y = make_classification(n_samples=40` ended at the pane's edge.
    app = app_at(7)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        scroll = screen_of(app).query_one("#code-scroll", CodeScroll)
        result = shown(app, "validation")
        assert result is not None
        longest = max(len(line) for line in result.code.splitlines())
        body = scroll.query_one("#code-body")
        assert body.size.width >= longest > scroll.content_size.width  # the line is longer than the pane…
        assert scroll.max_scroll_x > 0  # …and the pane can move to show the rest
        scroll.focus()
        await pilot.press("right", "right")
        await pilot.pause()
        assert scroll.scroll_x == 2 * STEP
        await pilot.press(*["right"] * 40)
        await pilot.pause()
        assert scroll.scroll_x == scroll.max_scroll_x  # the end of the longest line is in view
        await pilot.press("left")
        await pilot.pause()
        assert scroll.scroll_x == scroll.max_scroll_x - STEP


async def test_recap_formula_blocks_scroll_sideways_with_the_arrows() -> None:
    # At 120x40 `L_CE = … (1−yᵢ)·l` ended at the pane's edge.
    app = app_at(2)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        recap = screen_of(app).query_one("#recap-scroll", RecapScroll)
        wide = [f for f in recap.query(MarkdownFence) if "L_CE" in f.code]
        assert wide and wide[0].max_scroll_x > 0, "the formula fits: the test no longer shows the problem"
        recap.focus()
        await pilot.press("right")
        await pilot.pause()
        assert wide[0].scroll_x == min(STEP, wide[0].max_scroll_x)
        await pilot.press(*["right"] * 30)
        await pilot.pause()
        assert wide[0].scroll_x == wide[0].max_scroll_x
        await pilot.press(*["left"] * 31)
        await pilot.pause()
        assert recap.fences_scrolled() == [0] * len(recap.fences_scrolled())


async def test_y_copies_the_code_with_a_notice() -> None:
    app = app_at(2)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        result = shown(app, "cross-entropy")
        assert result is not None and app.clipboard == result.code
        assert screen_of(app).query_one(RecapView).mode == "recap"  # copying opens nothing
        notices = [n.message for n in app._notifications]
        assert any(m.startswith("Copied the code (") and "clipboard" in m for m in notices), notices
