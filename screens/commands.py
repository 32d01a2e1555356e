"""The command palette: its provider (jump to any topic, or run one of the screen's actions) and the
palette itself, whose page keys wait for the list's first layout."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.types import IgnoreReturnCallbackType

from tutor.engine.experiments import all_experiments

ACTIONS = (
    ("Show or hide the code behind the screen", "toggle_code"),
    ("Reset this topic's parameters to defaults", "reset_params"),
    ("Focus the parameter panel", "focus_params"),
    ("Show or hide the topics sidebar", "toggle_sidebar"),
    ("Next plot", "next_plot"),
    ("Toggle light / dark theme", "app.toggle_theme"),
    ("Help: all keys", "app.help"),
)


class TopicCommands(Provider):
    """Topics ('3. Decision trees…') and actions, fuzzy-matched."""

    def _commands(self) -> list[tuple[str, str, IgnoreReturnCallbackType]]:
        commands: list[tuple[str, str, IgnoreReturnCallbackType]] = []
        for experiment in all_experiments():
            commands.append(
                (
                    f"Topic {experiment.number}: {experiment.title}",
                    f"Open topic {experiment.number} ({experiment.slug})",
                    partial(self.screen.run_action, f"topic({experiment.number})"),
                )
            )
        for title, action in ACTIONS:
            target = self.app if action.startswith("app.") else self.screen
            commands.append((title, f"action {action}", partial(target.run_action, action.removeprefix("app."))))
        return commands

    async def discover(self) -> Hits:
        """Everything, before anything is typed."""
        for title, help_text, command in self._commands():
            yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        """Fuzzy matches of the query against titles."""
        matcher = self.matcher(query)
        for title, help_text, command in self._commands():
            score = matcher.match(title)
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
