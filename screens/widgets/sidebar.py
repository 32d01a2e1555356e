"""The topics sidebar: number, title and a progress mark per topic; narrows to numbers."""

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

    COMPONENT_CLASSES: ClassVar[set[str]] = {"topic-sidebar--highlight"}
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
        self.narrow = False

    def prompt(self, index: int) -> str:
        """The text of one topic's line (number, title, progress mark; the number alone when narrow)."""
        experiment = self._experiments[index]
        if self.narrow:
            return f"{experiment.number}"
        mark = self._marks.get(experiment.slug, "")
        return f"{experiment.number} {experiment.short_title}" + (f"  {mark}" if mark else "")

    def render(self) -> Content:
        """The eight lines, the highlighted one in the cursor style across the full width."""
        width = self.content_region.width
        lines = []
        for index in range(len(self._experiments)):
            line = Content(self.prompt(index))
            if index == self.highlighted:
                line = line.pad_right(max(0, width - line.cell_length))
                line = line.stylize(self.get_visual_style("topic-sidebar--highlight"))
            lines.append(line)
        return Content("\n").join(lines)

    def set_narrow(self, narrow: bool) -> None:
        """Show numbers only (narrow) or numbers and titles."""
        if narrow != self.narrow:
            self.narrow = narrow
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
