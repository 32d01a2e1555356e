"""The `?` help screen: every key, generated from the bindings (never written twice)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

# Keys that Textual itself provides, described here because they have no binding of ours.
BUILT_IN_KEYS = (
    ("tab / shift+tab", "Move to the next / previous pane or field"),
    ("↑ ↓ / j k", "Move in the topics list (the topic opens as you move)"),
    ("enter", "In a parameter field: run the experiment with these values"),
    ("ctrl+p", "Command palette: jump to a topic, run an action, change the theme"),
)


def binding_rows(groups: Iterable[tuple[str, Iterable[BindingType]]]) -> list[tuple[str, str, str]]:
    """(where, key, description) rows from binding lists; tuples and Binding objects both count.

    Where a binding has a tooltip, help shows it instead of the footer's short word: "My values"
    alone does not say what the key does."""
    rows: list[tuple[str, str, str]] = []
    for where, bindings in groups:
        for binding in bindings:
            if not isinstance(binding, Binding):
                binding = Binding(*binding)
            if not binding.description:
                continue
            keys = [binding.key_display] if binding.key_display else binding.key.split(",")
            for key in keys:
                rows.append((where, key.strip(), binding.tooltip or binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; Escape, q or ? closes it."""

    CSS_PATH = "help_screen.tcss"  # loaded when the screen first opens, not with the app

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close help"),
        Binding("q", "close", "Close help", show=False),
        Binding("question_mark", "close", "Close help", show=False),
    ]

    def __init__(self, groups: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self._groups = groups

    def compose(self) -> ComposeResult:
        """A table of every key."""
        table = Table(title="Keys", title_justify="left", expand=True, show_edge=False)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("what it does")
        table.add_column("where", style="dim")
        for where, key, description in binding_rows(self._groups):
            table.add_row(_display(key), description, where)
        for key, description in BUILT_IN_KEYS:
            table.add_row(key, description, "everywhere")
        with VerticalScroll(id="help-body"):
            yield Static(table)
            yield Static(
                "Digit and letter keys act when the cursor is not in a text field. Escape closes this help.",
                classes="help-hint",
            )

    def action_close(self) -> None:
        """Close the help screen."""
        self.dismiss(None)


def _display(key: str) -> str:
    """A key as a learner would read it."""
    return {"question_mark": "?", "escape": "esc"}.get(key, key)
