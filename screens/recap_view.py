"""The study pane: the topic's recap, the code behind the screen (`c`), its quiz (`q`) or notes (`w`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import ContentSwitcher, Static


class RecapView(ContentSwitcher):
    """Switches between recap, code, quiz and notes; quiz and notes are mounted by the screen."""

    def __init__(self, **kwargs) -> None:
        super().__init__(initial="recap-scroll", **kwargs)
        self.code = ""  # the snippet behind the current result, exactly as shown
        self.markdown_source = ""  # the recap text, whether or not it is drawn yet
        self._markdown = None

    def compose(self) -> ComposeResult:
        """The two scrollable views (the Markdown widget arrives after the first paint)."""
        with VerticalScroll(id="recap-scroll"):
            yield Static("Loading the recap…", id="recap-placeholder")
        with VerticalScroll(id="code-scroll"):
            yield Static("", id="code-body")

    def on_mount(self) -> None:
        """Mount the Markdown widget once the first frame is out."""
        # markdown-it costs ~100 ms to import: paid after the first paint, not before it.
        self.call_after_refresh(self._mount_markdown)

    async def _mount_markdown(self) -> None:
        from textual.widgets import Markdown

        scroll = self.query_one("#recap-scroll", VerticalScroll)
        if not scroll.is_attached:
            return  # the app is closing before the recap was ever drawn
        self._markdown = Markdown(self.markdown_source, id="recap-markdown", open_links=False)
        await scroll.mount(self._markdown)
        await self.query_one("#recap-placeholder").remove()

    def show_recap(self, markdown: str) -> None:
        """Replace the recap text."""
        self.markdown_source = markdown
        if self._markdown is not None:
            self._markdown.update(markdown)
        self.query_one("#recap-scroll", VerticalScroll).scroll_home(animate=False)

    def show_code(self, code: str) -> None:
        """Replace the snippet shown in the code view."""
        self.code = code
        if self.code_shown:
            self._draw_code()

    def _draw_code(self) -> None:
        # Highlighting (pygments) is paid only when the learner looks at the code.
        from rich.syntax import Syntax

        syntax = Syntax(self.code, "python", theme="ansi_dark", line_numbers=True, background_color="default")
        self.query_one("#code-body", Static).update(syntax)

    @property
    def code_shown(self) -> bool:
        """True while the code view is showing."""
        return self.current == "code-scroll"

    @property
    def mode(self) -> str:
        """Which view is showing: recap, code, quiz or notes."""
        return {"recap-scroll": "recap", "code-scroll": "code"}.get(self.current or "", self.current or "recap")

    def show_mode(self, mode: str) -> None:
        """Show one view by name (its widget must be mounted, with id `quiz` or `notes`)."""
        self.current = {"recap": "recap-scroll", "code": "code-scroll"}.get(mode, mode)
        if mode == "code":
            self._draw_code()
        self.border_title = TITLES[mode]
        self.screen.set_class(mode == "quiz", "-quiz")

    def toggle(self, mode: str) -> str:
        """Show `mode`, or the recap if it is already showing; return what now shows."""
        self.show_mode("recap" if self.mode == mode else mode)
        return self.mode

    def toggle_code(self) -> bool:
        """Flip between recap and code; return True if the code is now shown."""
        return self.toggle("code") == "code"


TITLES = {
    "recap": "Recap (c: code · q: quiz · w: notes)",
    "code": "Code (c: back to recap)",
    "quiz": "Quiz (q: back to recap)",
    "notes": "Notes, saved as you type (esc: leave · w: recap)",
}
