"""The study pane: the topic's recap, the code behind the screen (`c`), its quiz (`q`) or notes (`w`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Static

from screens.widgets.sideways import CodeScroll, RecapScroll
from tutor.learning.store.progress import StoreError

if TYPE_CHECKING:  # the Markdown view, quiz panel and notes editor load after the first frame
    from textual.widgets import Markdown, TextArea

    from tutor.learning.session import Learning

# The quiz panel and the notes editor (TextArea) are imported when first opened, not before the
# first frame: together they cost ~20 ms of start-up.
NOTES_ID = "notes"


class RecapView(ContentSwitcher):
    """Switches between recap, code, quiz and notes; quiz and notes are mounted when first shown.

    The screen hands it the Learning session (recaps, questions, answers, notes) and whether the
    notes cursor blinks.
    """

    def __init__(
        self,
        learning: Learning,
        *,
        cursor_blink: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(initial="recap-placeholder", name=name, id=id, classes=classes)
        self.learning = learning
        self.cursor_blink = cursor_blink  # the notes editor's (tests turn it off for steady snapshots)
        self.code = ""  # the snippet behind the current result, exactly as shown
        self._recap_slug: str | None = None  # whose recap shows (its text is read when drawn)
        self._markdown: Markdown | None = None
        self._quiz_topic: str | None = None
        self._notes_topic: str | None = None
        self._notes_timer: Timer | None = None
        # Held, not queried: when the app quits, the editor is unmounted before this pane, and what it
        # shows must still be saved then (see on_unmount).
        self._notes: TextArea | None = None
        self._code_body: Static | None = None  # kept: a second draw may come before the first composed

    def compose(self) -> ComposeResult:
        """A placeholder: the recap's scrolling Markdown view arrives after the first paint; the
        code view, quiz and notes are mounted when first shown."""
        yield Static("Loading the recap…", id="recap-placeholder")

    def on_mount(self) -> None:
        """Mount the Markdown widget once the first frame is out."""
        # markdown-it costs ~100 ms to import: paid after the first paint, not before it.
        self.call_after_refresh(self._mount_markdown)

    async def _mount_markdown(self) -> None:
        from textual.widgets import Markdown

        if not self.is_attached:
            return  # the app is closing before the recap was ever drawn
        markdown = self._markdown = Markdown(self._recap_markdown(), id="recap-markdown", open_links=False)
        scroll = RecapScroll(markdown, id="recap-scroll")
        scroll.display = False  # a switcher shows one child: this one when it becomes current
        await self.mount(scroll)
        if self.current == "recap-placeholder":  # not if the learner opened the code or quiz meanwhile
            self.current = "recap-scroll"
        await self.query_one("#recap-placeholder").remove()

    def show_recap(self, slug: str) -> None:
        """Show a topic's recap (read from the content when the Markdown widget can draw it)."""
        self._recap_slug = slug
        if self._markdown is not None:
            self._markdown.update(self._recap_markdown())
            self.query_one("#recap-scroll", VerticalScroll).scroll_home(animate=False)

    def _recap_markdown(self) -> str:
        if self._recap_slug is None:
            return ""
        return self.learning.recap(self._recap_slug)

    def show_code(self, code: str) -> None:
        """Replace the snippet shown in the code view."""
        self.code = code
        if self.code_shown:
            self._draw_code()

    def _draw_code(self) -> None:
        # Highlighting (pygments) is paid only when the learner looks at the code.
        from rich.cells import cell_len
        from rich.syntax import Syntax

        syntax = Syntax(self.code, "python", theme="ansi_dark", line_numbers=True, background_color="default")
        if self._code_body is not None:
            # Updated through the reference, not a query: keys read together (`c2`) draw twice before
            # the scroll has composed its body, and a query would find none and mount a second scroll.
            self._code_body.update(syntax)
        else:
            # Mounting is synchronous enough for the switch that follows: the scroll joins the DOM now.
            self._code_body = Static(syntax, id="code-body")
            self.mount(CodeScroll(self._code_body, id="code-scroll"))
        # As wide as the longest line (rich measures no wider than the pane), so the scroll can move sideways.
        lines = self.code.splitlines() or [""]
        self._code_body.styles.width = len(str(len(lines))) + 2 + max(cell_len(line) for line in lines) + 1

    def copy_code(self) -> None:
        """Put the snippet on the clipboard (OSC 52: works over SSH where the terminal allows it)."""
        if not self.code:
            self.notify("No code yet: the first run is still going.", timeout=3)
            return
        self.app.copy_to_clipboard(self.code)
        lines = self.code.count("\n") + 1
        self.notify(f"Copied the code ({lines} lines) to the clipboard; paste it into Python to run it.", timeout=4)

    @property
    def code_shown(self) -> bool:
        """True while the code view is showing."""
        return self.current == "code-scroll"

    @property
    def mode(self) -> str:
        """Which view is showing: recap, code, quiz or notes."""
        views = {"recap-scroll": "recap", "recap-placeholder": "recap", "code-scroll": "code"}
        return views.get(self.current or "", self.current or "recap")

    def _switch(self, mode: str) -> None:
        """Show one view by name (its widget must be mounted, with id `quiz` or `notes`)."""
        if mode == "code":
            self._draw_code()
        recap = "recap-scroll" if self._markdown is not None else "recap-placeholder"
        self.current = {"recap": recap, "code": "code-scroll"}.get(mode, mode)
        self.border_title = TITLES[mode]
        self.screen.set_class(mode == "quiz", "-quiz")

    def toggle(self, mode: str) -> str:
        """Show `mode`, or the recap if it is already showing; return what now shows."""
        self.show_mode("recap" if self.mode == mode else mode)
        return self.mode

    def _leave(self, target: str) -> None:
        """Going from the quiz to the recap counts as 'reopened the recap' (a right answer then
        rates Hard); leaving the notes saves them."""
        if self.mode == "quiz" and target == "recap":
            from screens.widgets.quiz_panel import QuizPanel

            self.query_one("#quiz", QuizPanel).note_recap_opened()
        if self.mode == "notes":
            self.save_notes()

    def show_mode(self, mode: str) -> None:
        """Show one view by name, settling the one being left."""
        if mode != self.mode:
            self._leave(mode)
        self._switch(mode)

    # ----- quiz ---------------------------------------------------------------------
    async def toggle_quiz(self, slug: str, heading: str) -> None:
        """Show the topic's quiz (mounted on first use), or the recap if it is showing."""
        if self.mode == "quiz":
            self.show_mode("recap")
            return
        from screens.widgets.quiz_panel import QuizPanel

        found = self.query("#quiz")
        if found:
            quiz = found.first(QuizPanel)
        else:
            quiz = QuizPanel(
                self.learning.questions(slug), self.learning.record, heading=heading, rng=self.learning.rng, id="quiz"
            )
            await self.mount(quiz)
            self._quiz_topic = slug
        self.show_mode("quiz")
        quiz.restart_timer()
        quiz.focus()

    # ----- notes --------------------------------------------------------------------
    async def toggle_notes(self, slug: str) -> None:
        """Show the topic's notes (saved as they are typed), or the recap if they are showing."""
        if self.mode == "notes":
            self.show_mode("recap")
            return
        from textual.widgets import TextArea

        found = self.query(f"#{NOTES_ID}")
        notes = found.first(TextArea) if found else None
        if notes is None:
            from screens.widgets.notes_area import NotesArea  # keys read together stay in order

            notes = NotesArea(id=NOTES_ID, soft_wrap=True, tab_behavior="focus")
            notes.cursor_blink = self.cursor_blink
            self._notes = notes
            await self.mount(notes)
        if self._notes_topic != slug:
            self._notes_topic = slug
            notes.load_text(self.learning.note(slug))
        self.show_mode("notes")
        self.screen.set_focus(notes)  # at once: keys read together with `w` are next in the queue

    def follow_topic(self, slug: str, heading: str) -> None:
        """After a topic switch, point a mounted quiz or notes editor at the new topic."""
        if self.query("#quiz") and self._quiz_topic != slug:
            from screens.widgets.quiz_panel import QuizPanel

            self._quiz_topic = slug
            self.query_one("#quiz", QuizPanel).set_questions(self.learning.questions(slug), heading)
        notes = self.notes_editor()
        if notes is not None and self._notes_topic != slug:
            self.save_notes()
            self._notes_topic = slug
            notes.load_text(self.learning.note(slug))

    def notes_editor(self) -> TextArea | None:
        """The notes editor, if it has been opened."""
        return self._notes

    def is_notes(self, widget: Widget | None) -> bool:
        """True if `widget` is this pane's notes editor."""
        return widget is not None and widget.id == NOTES_ID and widget.parent is self

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """The notes changed: save them soon."""
        if event.text_area.id != NOTES_ID:
            return
        # Saved as typed, but at most every 0.4 s: each save is a committed, fsynced write.
        if self._notes_timer is not None:
            self._notes_timer.stop()
        self._notes_timer = self.set_timer(0.4, self.save_notes)

    def save_notes(self) -> None:
        """Write the notes editor's text for its topic now."""
        notes = self.notes_editor()
        if notes is None or self._notes_topic is None:
            return
        try:
            self.learning.save_note(self._notes_topic, notes.text)
        except StoreError as error:
            self.notify(f"Notes not saved: {error}", severity="error", timeout=8, markup=False)  # quotes a path

    def on_unmount(self) -> None:
        """Nothing typed is lost on quit (ctrl+q, or a signal the app turns into a quit): what the
        editor shows is saved now, not when the pending 0.4 s save would have fired."""
        if self._notes_timer is not None:
            self._notes_timer.stop()
        self.save_notes()


TITLES = {
    "recap": "Recap (c: code · q: quiz · w: notes)",
    "code": "Code (c: recap · y: copy · ←/→ scroll)",
    "quiz": "Quiz (q: back to recap)",
    "notes": "Notes, saved as you type (esc: leave · w: recap)",
}
