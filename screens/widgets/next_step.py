"""The one-line "next step" under the panes: one concrete thing to do now."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from textual.widgets import Static

if TYPE_CHECKING:  # the mastery rows arrive with the progress, after the first frame
    from tutor.learning.mastery import TopicMastery

FIRST_HINT = "Next: read the recap, then press q to check yourself (? lists every key)."


class NextStep(Static):
    """A single line, cut with '…' when narrow; the words come from tutor.learning.next_step.

    The screen hands it the topics' (number, short title), a recap reader, then the progress and
    each run's field texts as they come; it keeps which "Try this" suggestions have been run."""

    SCOPED_CSS = False  # the rule below names the screen around it
    DEFAULT_CSS = """
    NextStep {
        height: 1;
        width: 1fr;
        padding: 0 1;
        color: $text-accent;
        background: $boost;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    /* While a question is open, answering it is the next step: the question gets the row. */
    TopicScreen.-quiz NextStep {
        display: none;
    }
    """

    def __init__(
        self, names: Mapping[str, tuple[int, str]], recap: Callable[[str], str], *, id: str | None = None
    ) -> None:
        super().__init__(FIRST_HINT, markup=False, id=id)  # literal: it quotes recap values
        self.hint = FIRST_HINT
        self._names = dict(names)
        self._read_recap = recap
        self._recaps: dict[str, str] = {}
        self._topic = ""
        self._overview: tuple[list[TopicMastery], int] | None = None  # rows and due count, once loaded
        self._tried: dict[str, set[tuple[str, str]]] = {}  # per topic: suggestions whose values have run

    def _recap(self, slug: str) -> str:
        if slug not in self._recaps:
            self._recaps[slug] = self._read_recap(slug)
        return self._recaps[slug]

    def set_progress(self, rows: list[TopicMastery], due: int) -> None:
        """The mastery rows and the due count changed."""
        self._overview = (rows, due)
        self._refresh_hint()

    def follow(self, slug: str, texts: Mapping[str, str] | None = None) -> None:
        """The topic on screen, and the field texts its last run used (a suggestion they hold is tried)."""
        self._topic = slug
        if texts is not None and self._overview is not None:
            from tutor.learning.next_step import tried_now

            self._tried.setdefault(slug, set()).update(tried_now(self._recap(slug), texts))
        self._refresh_hint()

    def _refresh_hint(self) -> None:
        if self._overview is None or not self._topic:
            return  # the first frame keeps the first hint; the progress loads after it
        from tutor.learning.next_step import next_step

        rows, due = self._overview
        slug = self._topic
        self.show(next_step(rows, due, slug, self._names, self._recap(slug), self._tried.get(slug, set())))

    def show(self, text: str) -> None:
        """Say what to do next (only repainted when it changes)."""
        if text != self.hint:
            self.hint = text
            self.update(text)
