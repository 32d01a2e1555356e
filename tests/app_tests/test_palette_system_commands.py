"""Textual's system commands in our palette (Theme, Quit, Keys, Screenshot, Maximize): each one picked over
each screen leaves a working app, and the palette Theme opens closes once however fast keys come."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from screens.app import MLPrepApp, make_app
from screens.help.help_screen import HelpScreen
from tests.app_tests.key_bursts import burst
from tests.conftest import screen_of, settle
from tutor.learning.store.progress import open_store

# The screen each case opens first, by its key on the topic screen.
OPEN = {"topic": [], "review": ["v"], "stats": ["s"], "help": ["question_mark"]}


@pytest.fixture(autouse=True)
def _downloads_in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Screenshot saves to ~/Downloads: a test's home is its own temp directory."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    (tmp_path / "Downloads").mkdir()
    return tmp_path / "Downloads"


async def pick(pilot: Pilot[None], name: str) -> None:
    """Type `name` into the open palette and press enter once its list shows (twice when the first
    enter only highlights)."""
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    await pilot.press(*name)
    for _ in range(100):  # the providers search in a worker
        if palette.query_one(CommandList).option_count and palette._list_visible:
            break
        await pilot.pause(0.02)
    await pilot.press("enter")
    if pilot.app.screen is palette:
        await pilot.press("enter")
    await pilot.pause()


async def still_answers(pilot: Pilot[None]) -> None:
    """No exception, and `?` opens the help once every modal is closed."""
    app = pilot.app
    await settle(pilot)
    for _ in range(4):
        if len(app.screen_stack) == 1:
            break
        await pilot.press("escape")
    if app.screen.maximized is not None:
        await pilot.press("escape")  # Textual's escape-to-minimize
        assert app.screen.maximized is None
    app.screen.set_focus(None)  # `?` in the notes editor is a question mark
    await pilot.press("question_mark")
    assert isinstance(app.screen, HelpScreen), app.screen_stack


@pytest.mark.parametrize("command", ["theme", "keys", "screenshot"])
@pytest.mark.parametrize("under", list(OPEN))
async def test_each_system_command_over_each_screen_leaves_a_working_app(
    command: str, under: str, _downloads_in_tmp: Path
) -> None:
    app: MLPrepApp = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*OPEN[under], "ctrl+p")
        await pick(pilot, command)
        if command == "theme":  # the theme list: one of its dark themes
            await pick(pilot, "dark")
        await pilot.pause(0.2)  # Screenshot saves after 0.1 s
        await still_answers(pilot)
    if command == "screenshot":
        assert [p.suffix for p in _downloads_in_tmp.iterdir()] == [".svg"]


@pytest.mark.parametrize("under", ["notes", "params"])
async def test_maximize_from_the_palette_and_escape_back(under: str) -> None:
    """Maximize is offered for a focused widget (the notes editor, a parameter field); escape undoes it."""
    app: MLPrepApp = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w" if under == "notes" else "p", "ctrl+p")
        await pick(pilot, "maximize")
        assert app.screen.maximized is not None
        await still_answers(pilot)


async def test_the_theme_list_closes_once_when_enter_comes_twice() -> None:
    """Theme opens a second palette; enter pressed thrice in one read selected its highlighted theme
    twice, and the second close popped the topic screen (ScreenStackError): Textual's own palette,
    without the close-once guard of ours."""
    app: MLPrepApp = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pick(pilot, "theme")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette), "the theme list did not open"
        burst(app, ["enter", "enter", "enter"])
        await pilot.pause(0.3)
        assert app.screen_stack == [screen_of(app)]
        await still_answers(pilot)


async def test_page_keys_right_after_the_theme_list_opens() -> None:
    """Issue 9, item 4, in the theme list: PageDown before its first layout (KeyError in _move_page)."""
    app: MLPrepApp = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.search_themes()
        burst(app, ["pagedown", "pageup", "pagedown"])
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        await still_answers(pilot)


async def test_quit_from_the_palette_over_the_review_ends_the_app_cleanly() -> None:
    """What the key storm found at review-120x40 and palette-80x24 (seed 1): its typing matched Quit and
    enter picked it; the app quit as asked (exit status 0, nothing raised), the notes on screen saved."""
    app: MLPrepApp = make_app(topic="sigmoid", warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press(*"kept")
        app.set_focus(None)
        await pilot.press("v", "ctrl+p")
        await pick(pilot, "quit")
        await pilot.pause(0.2)
        assert app._exit and app.return_code == 0
    store = open_store()
    try:
        assert store.note("sigmoid") == "kept"
    finally:
        store.close()
