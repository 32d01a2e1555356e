"""The recap pane: the topic's Markdown recap, or the code that produced the screen (`c`)."""

from __future__ import annotations

from rich.syntax import Syntax
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import ContentSwitcher, Markdown, Static


class RecapView(ContentSwitcher):
    """Switches between the Markdown recap and the syntax-highlighted snippet."""

    def __init__(self, **kwargs) -> None:
        super().__init__(initial="recap-scroll", **kwargs)
        self.code = ""  # the snippet behind the current result, exactly as shown

    def compose(self) -> ComposeResult:
        """The two scrollable views."""
        with VerticalScroll(id="recap-scroll"):
            yield Markdown("", id="recap-markdown", open_links=False)
        with VerticalScroll(id="code-scroll"):
            yield Static("", id="code-body")

    def show_recap(self, markdown: str) -> None:
        """Replace the recap text."""
        self.query_one("#recap-markdown", Markdown).update(markdown)
        self.query_one("#recap-scroll", VerticalScroll).scroll_home(animate=False)

    def show_code(self, code: str) -> None:
        """Replace the snippet shown in the code view."""
        self.code = code
        syntax = Syntax(code, "python", theme="ansi_dark", line_numbers=True, word_wrap=False, background_color="default")
        self.query_one("#code-body", Static).update(syntax)

    @property
    def code_shown(self) -> bool:
        """True while the code view is showing."""
        return self.current == "code-scroll"

    def toggle_code(self) -> bool:
        """Flip between recap and code; return True if the code is now shown."""
        self.current = "recap-scroll" if self.code_shown else "code-scroll"
        return self.code_shown
