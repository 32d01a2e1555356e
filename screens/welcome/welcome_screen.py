"""The welcome shown once, on a learner's first launch: what this is, three keys, where progress lives."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "Eight ideas interviewers ask about, each with a short recap, a live scikit-learn experiment you "
    "can change, a plot that redraws, and questions whose every option is explained. The ones you "
    "miss come back for review."
)
START_KEYS = (
    ("↑ ↓ or 1–8", "pick a topic and read its recap"),
    ("q", "check yourself with the topic's questions"),
    ("p", "change the experiment's values; Enter runs it"),
)


def start_table() -> Table:
    """The three keys to start with, one row each."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, what in START_KEYS:
        table.add_row(key, what)
    return table


class WelcomeScreen(ModalScreen[None]):
    """A short modal over the topic screen; Enter, Esc or space starts, `?` starts with the help."""

    CSS_PATH = "welcome_screen.tcss"  # loaded when the welcome opens, after the first frame

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start"),
        Binding("escape,space", "start", "Start", show=False),
        Binding("question_mark", "start_with_help", "Every key", key_display="?"),
    ]

    def __init__(self, progress_file: Path) -> None:
        super().__init__()
        self._progress_file = progress_file

    def compose(self) -> ComposeResult:
        """What this is, the three keys, where progress lives, how to find the rest."""
        with VerticalScroll(id="welcome-body") as body:
            body.border_title = "Welcome to mlprep-tui"
            yield Static("Interview prep for machine learning, in your terminal.", id="welcome-lead")
            yield Static(INTRO, classes="welcome-text")
            yield Static("Three keys to start:", classes="welcome-heading")
            yield Static(start_table(), classes="welcome-keys")
            yield Static("Your progress is saved as you go, in:", classes="welcome-heading")
            # A path we did not write: shown literally, never read as markup.
            yield Static(Text(str(self._progress_file)), id="welcome-path", classes="welcome-text")
            yield Static(
                "Press ? any time for every key, ctrl+p for the command palette, ctrl+q to quit.",
                classes="welcome-text",
            )
            yield Static("Enter to start · ? to see every key first", id="welcome-start")

    def action_start(self) -> None:
        """Close the welcome: the topic screen is underneath."""
        self.dismiss(None)

    def action_start_with_help(self) -> None:
        """Close the welcome and open the key help."""
        self.dismiss(None)
        self.app.call_later(self.app.run_action, "help")
