"""The command palette: its provider (every action of the screen with its key, each topic, help, quit and the
theme) and the palette itself, whose page keys wait for the list's first layout."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from rich.align import Align
from rich.text import Text
from textual.actions import parse
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.theme import ThemeProvider
from textual.types import IgnoreReturnCallbackType
from textual.widgets.option_list import Option

from tutor.engine.experiments import all_experiments

Command = tuple[str, str, IgnoreReturnCallbackType]  # (title, help line, what it runs)
# App-wide commands with no binding of their own (the theme), as (title, help line, app action).
APP_EXTRAS = (("Switch between the light and dark theme", "no key: from this palette", "toggle_theme"),)


# Actions listed only while they can act. Other keys are listed even while a text field has the focus:
# the screen's check_action refuses letter keys then, but a command picked here is no typed letter.
WHEN_AVAILABLE = {"own_values"}


def _bindings(listed: list[BindingType]) -> list[Binding]:
    return [item if isinstance(item, Binding) else Binding(*item) for item in listed]


class TopicCommands(Provider):
    """Every action of the screen underneath, by its plain description and key, then each topic and the
    app's own (help, quit, theme); fuzzy-matched. Generated from the bindings, never written twice."""

    def _commands(self) -> list[Command]:
        screen, app = self.screen, self.app
        commands: list[Command] = []
        seen: set[str] = set()
        for owner, binding in [(screen, b) for b in _bindings(screen.BINDINGS)] + [
            (app, b) for b in _bindings(app.BINDINGS)
        ]:
            _, name, parameters = parse(binding.action)
            if not binding.description or binding.action in seen or name == "topic" or binding.key == "escape":
                continue  # topics are listed one by one below; escape only leaves what is open
            if name in WHEN_AVAILABLE and owner.check_action(name, parameters) is False:
                continue  # nothing to act on now (m with no values to bring back)
            seen.add(binding.action)
            title = binding.tooltip or binding.description
            key = app.get_key_display(binding)
            commands.append((title, f"key {key} · {binding.description}", partial(owner.run_action, binding.action)))
        if hasattr(screen, "action_topic"):
            for experiment in all_experiments():
                commands.append(
                    (
                        f"Topic {experiment.number}: {experiment.title}",
                        f"key {experiment.number} · open topic {experiment.number}",
                        partial(screen.run_action, f"topic({experiment.number})"),
                    )
                )
        for title, help_text, action in APP_EXTRAS:
            commands.append((title, help_text, partial(app.run_action, action)))
        return commands

    async def discover(self) -> Hits:
        """Everything, before anything is typed."""
        for title, help_text, command in self._commands():
            yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        """Fuzzy matches of the query against titles and their keys' words."""
        matcher = self.matcher(query)
        for title, help_text, command in self._commands():
            score = max(matcher.match(title), matcher.match(help_text) * 0.9)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, help=help_text)


class TopicPalette(CommandPalette):
    """Textual's palette; PageUp/PageDown do nothing until the command list has a height.

    Textual's OptionList pages by its laid-out height and line cache, both empty before the first
    layout: `ctrl+p` and a page key read together raised KeyError in `_move_page` (Textual 8.2.8).
    """

    BINDINGS: ClassVar[list[BindingType]] = [  # these replace the palette's own page bindings
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("pageup", "page(-1)", "Previous page", show=False),
    ]

    def dismiss(self, result: None = None) -> AwaitComplete:
        """Close the palette, once. Keys read together can close it twice (a command chosen with enter
        and the list's own selection, or escape, right after): the second close popped the screen
        beneath, the topic screen itself (ScreenStackError, found by the key storm)."""
        if self.app.screen is not self:
            return AwaitComplete()  # already complete: nothing to wait for
        return super().dismiss(result)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's "No matches found" countdown (command.py, 8.2.8), whose timer can fire after the
        palette's CommandList is gone (a key of the same read closed it: NoMatches, found by the key
        storm): the same countdown, that does nothing once the list has been removed."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            commands = self.query(CommandList)
            if not commands:
                return  # closing: nothing to show it in
            if search_value:
                commands.first().add_option(
                    Option(Align.center(Text("No matches found", style="not bold")), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False  # discover mode with nothing to discover: nothing to say

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

    def _watch__list_visible(self) -> None:
        # Textual's gathering worker can still show the list while the palette closes (escape
        # during a search, found by the key storm): its CommandList is gone, and the query raised.
        if self.query(CommandList):
            super()._watch__list_visible()

    def action_page(self, direction: int) -> None:
        """Move the highlight a page down (1) or up (-1), once the list has been laid out."""
        commands = self.query_one(CommandList)
        if commands.scrollable_content_region.height <= 0:
            return  # not laid out yet (or hidden): there is no page to move by
        # As the palette's own `command_list` action does (action_page_up is untyped in Textual).
        page: Callable[[], None] = getattr(commands, "action_page_down" if direction > 0 else "action_page_up")
        page()


def open_palette(app: App[Any]) -> None:
    """ctrl+p: open our palette (unless one is open already), as Textual's `command_palette` action does."""
    if app.use_command_palette and not CommandPalette.is_open(app):
        # No id (Textual gives its own palette one): a palette still being removed, closed by a key
        # of the same read, would clash with the new one (DuplicateIds '--command-palette').
        app.push_screen(TopicPalette())


def open_theme_palette(app: App[Any]) -> None:
    """The palette's Theme command: the theme list in our palette. Textual's `search_themes` pushes its
    own CommandPalette, without the guards above: enter read thrice closed it twice (ScreenStackError)
    and a page key right after it opened raised KeyError."""
    app.push_screen(TopicPalette(providers=[ThemeProvider], placeholder="Search for themes…"))
