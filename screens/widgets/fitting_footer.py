"""A footer that is never cut off: the keys that do not fit the width are left out, help and quit stay."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Always shown, last: every key left out is listed in the help (`?`) and the palette (ctrl+p).
PINNED_ACTIONS = ("help", "quit")


def fit_keys(widths: list[int], pinned: list[int], room: int) -> list[int]:
    """Indexes of the keys to show, in order: every pinned key, then as many of the others, in
    order of priority (their order), as fit in `room` cells."""
    used = sum(widths[index] for index in pinned)
    shown = set(pinned)
    for index, width in enumerate(widths):
        if index in shown:
            continue
        if used + width > room:
            break  # stop at the first that does not fit: a later, shorter one would jump the queue
        shown.add(index)
        used += width
    others = [index for index in range(len(widths)) if index in shown and index not in pinned]
    return others + list(pinned)


class FittingFooter(Footer):
    """Textual's footer, compact, showing the focused context's keys first and only as many as fit."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(compact=True, show_command_palette=False, id=id)
        self._width = 0
        self._composed_for: tuple[Any, ...] | None = None

    def _signature(self) -> tuple[Any, ...]:
        """What the footer shows depends on: the width and each shown binding's key, text and state."""
        return (
            self.app.size.width,
            tuple(
                (binding.key, binding.action, binding.description, enabled, tooltip)
                for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
                if binding.show
            ),
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """Rebuild only when what the footer shows would change: Textual signals every focus move, and
        rebuilding the keys each time cost a quarter of the CPU of a burst of keys."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self._signature() != self._composed_for:
            await self.recompose()

    def compose(self) -> ComposeResult:
        """One FooterKey per action (the first binding of each), trimmed to the width."""
        if not self._bindings_ready:
            return
        self._composed_for = self._signature()
        keys: list[FooterKey] = []
        actions: list[str] = []
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.append(binding.action)
            keys.append(
                FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    disabled=not enabled,
                    tooltip=tooltip or binding.tooltip,
                ).data_bind(compact=Footer.compact)
            )
        # Compact FooterKey: key, a space, the description, then a one-cell margin.
        widths = [len(key.key_display) + 1 + len(key.description) + 1 for key in keys]
        pinned = [actions.index(action) for action in PINNED_ACTIONS if action in actions]
        self._width = self.app.size.width
        for index in fit_keys(widths, pinned, self._width):
            yield keys[index]

    def on_resize(self, _event: events.Resize) -> None:
        """Fit the keys again when the terminal width changes."""
        if self.app.size.width != self._width and self._bindings_ready:
            self.call_after_refresh(self.recompose)
