"""The command palette (ctrl+p) takes any key at once, before its list has been laid out."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

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
