"""The topics sidebar: number, title and a progress mark per topic, then the learner's overall progress."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tutor.engine.experiments import Experiment


class TopicSidebar(Widget, can_focus=True):
    """Eight lines, one per topic; the highlighted one is open. Moving the highlight (keys or a
    click) asks the screen to open that topic.

    One widget drawing eight lines: an OptionList did the same for ~2% of the first paint.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"topic-sidebar--highlight", "topic-sidebar--progress"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Next topic", show=False),
        Binding("up,k", "move(-1)", "Previous topic", show=False),
        Binding("home", "move_to(0)", "First topic", show=False),
        Binding("end", "move_to(-1)", "Last topic", show=False),
        Binding("enter", "open", "Open topic", show=False),
    ]

    highlighted: reactive[int] = reactive(0)

    class TopicChosen(Message):
        """The learner moved to (or clicked, or pressed Enter on) a topic."""

        def __init__(self, slug: str) -> None:
            super().__init__()
            self.slug = slug

    def __init__(
        self,
        experiments: Sequence[Experiment],
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._experiments = list(experiments)
        self._marks: dict[str, str] = {}
        self._progress: tuple[str, ...] = ()
        self.narrow = False

    def prompt(self, index: int, width: int = 0) -> str:
        """The text of one topic's line: number and short title, then its progress mark where it fits.

        With a width (the narrow sidebar), the title is cut with '…' to fit and the mark is left out:
        the name always shows, never the number alone."""
        experiment = self._experiments[index]
        name = f"{experiment.number} {experiment.short_title}"
        if self.narrow and width > 0:
            return name if len(name) <= width else name[: max(width - 1, 2)] + "…"
        mark = self._marks.get(experiment.slug, "")
        return name + (f"  {mark}" if mark else "")

    def render(self) -> Content:
        """The topic lines, the highlighted one in the cursor style across the full width; then the
        overall progress, when there is room for it below."""
        width = self.content_region.width
        lines = []
        for index in range(len(self._experiments)):
            line = Content(self.prompt(index, width))
            if index == self.highlighted:
                line = line.pad_right(max(0, width - line.cell_length))
                line = line.stylize(self.get_visual_style("topic-sidebar--highlight"))
            lines.append(line)
        if self._progress and self.content_region.height >= len(lines) + 1 + len(self._progress):
            muted = self.get_visual_style("topic-sidebar--progress")
            lines.append(Content(""))
            lines += [Content(text[:width]).stylize(muted) for text in self._progress]
        return Content("\n").join(lines)

    def set_narrow(self, narrow: bool) -> None:
        """Short names cut to the width, no marks (narrow), or full short titles with marks."""
        if narrow != self.narrow:
            self.narrow = narrow
            self.refresh()

    def set_progress(self, lines: Sequence[str]) -> None:
        """The overall progress shown under the topics ('12/40 answered', '9 right', '2 due (v)')."""
        if tuple(lines) != self._progress:
            self._progress = tuple(lines)
            self.refresh()

    def set_mark(self, slug: str, mark: str) -> None:
        """Set the short progress mark shown after a topic's title (e.g. '3✓ 4/6')."""
        if self._marks.get(slug) != mark:
            self._marks[slug] = mark
            self.refresh()

    def select_slug(self, slug: str) -> None:
        """Move the highlight to a topic without asking to open it (the screen already did)."""
        for index, experiment in enumerate(self._experiments):
            if experiment.slug == slug:
                self.highlighted = index

    def _choose(self, index: int) -> None:
        index = max(0, min(index, len(self._experiments) - 1))
        self.highlighted = index
        self.post_message(self.TopicChosen(self._experiments[index].slug))

    def action_move(self, step: int) -> None:
        """Move the highlight up or down one topic (and open it)."""
        self._choose(self.highlighted + step)

    def action_move_to(self, index: int) -> None:
        """Move to the first (0) or last (-1) topic."""
        self._choose(index % len(self._experiments))

    def action_open(self) -> None:
        """Open the highlighted topic."""
        self._choose(self.highlighted)

    def on_click(self, event: events.Click) -> None:
        """A click on a line opens that topic."""
        offset = event.get_content_offset(self)
        if offset is not None and 0 <= offset.y < len(self._experiments):
            self._choose(offset.y)
