"""The command palette (ctrl+p) takes any key at once, before its list has been laid out."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette

from screens.app import make_app
from tests.app_tests.key_bursts import burst
from tests.conftest import settle


@pytest.mark.parametrize("keys", [["pagedown"], ["pageup"], ["pagedown", "pageup", "down", "pagedown"]])
async def test_page_keys_right_after_opening_the_palette(keys: list[str]) -> None:
    """Issue 9, item 4: PageUp/PageDown before the first layout hit OptionList._move_page at height 0."""
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, ["ctrl+p", *keys])
        await pilot.pause()
        await pilot.pause(0.1)
        assert isinstance(app.screen, CommandPalette)
        # Still a working palette: paging now moves the highlight.
        await pilot.press("pagedown")
        await pilot.press("escape")
        assert not isinstance(app.screen, CommandPalette)


async def test_the_list_shown_while_the_palette_closes() -> None:
    """Key storm: escape during a search let the gathering worker show a list the closing palette no
    longer had (NoMatches 'CommandList' in `_watch__list_visible`)."""
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await palette.query_one(CommandList).remove()  # as when the palette's children go first
        palette._list_visible = not palette._list_visible  # what the worker does next
        await pilot.pause()


async def test_a_second_close_of_the_palette_leaves_the_topic_screen() -> None:
    """Key storm: a command chosen and the list's selection (or escape) read together closed the
    palette twice, and the second close popped the last screen (ScreenStackError)."""
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        palette.dismiss()
        palette.dismiss()
        await pilot.pause()
        assert len(app.screen_stack) == 1
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"


async def test_the_palette_reopened_while_the_last_one_is_still_closing() -> None:
    """Keys read together (escape, escape, v, ctrl+p): a new palette arrives while the old one is still
    being removed; with a fixed id the two clashed (DuplicateIds '--command-palette')."""
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_review()
        await pilot.pause()
        app.action_command_palette()
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        palette.dismiss()
        app.screen.dismiss()  # the review, in the same tick
        app.open_review()
        app.action_command_palette()
        await pilot.pause(0.2)
        assert isinstance(app.screen, CommandPalette) and app.screen is not palette
        await pilot.press("escape", "escape")
        await pilot.press("question_mark")
        assert type(app.screen).__name__ == "HelpScreen"


async def test_the_no_matches_countdown_after_the_list_is_gone() -> None:
    """Key storm (quiz-120x40, seed 1): a search with no match starts Textual's half-second "No matches
    found" countdown; a key of the same read closed the palette, and the countdown then queried the
    removed CommandList (NoMatches). The countdown now does nothing once the list is gone."""
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"qqzzxxqq")  # matches no command
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.pause(0.1)  # the search has run and the countdown started
        await palette.query_one(CommandList).remove()  # as when the palette's children go first
        await pilot.pause(0.8)  # past the countdown
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, CommandPalette)
