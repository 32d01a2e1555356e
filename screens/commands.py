"""Command palette provider: jump to any topic, or run one of the screen's actions."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
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
