"""The topics sidebar: number, title and a progress mark per topic; narrows to numbers."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tutor.experiments import Experiment


class TopicSidebar(OptionList):
    """An option list of the eight topics; highlighting one opens it."""

    BINDINGS = [
        Binding("j", "cursor_down", "Next topic", show=False),
        Binding("k", "cursor_up", "Previous topic", show=False),
    ]

    def __init__(self, experiments: Sequence[Experiment], **kwargs) -> None:
        self._experiments = list(experiments)
        self._marks: dict[str, str] = {}
        self.narrow = False
        super().__init__(*self._options(), **kwargs)

    def _prompt(self, experiment: Experiment) -> str:
        mark = self._marks.get(experiment.slug, "")
        if self.narrow:
            return f"{experiment.number}"
        return f"{experiment.number} {experiment.short_title}" + (f"  {mark}" if mark else "")

    def _options(self) -> list[Option]:
        return [Option(self._prompt(e), id=e.slug) for e in self._experiments]

    def set_narrow(self, narrow: bool) -> None:
        """Show numbers only (narrow) or numbers and titles."""
        if narrow != self.narrow:
            self.narrow = narrow
            self._refresh_prompts()

    def set_mark(self, slug: str, mark: str) -> None:
        """Set the short progress mark shown after a topic's title (e.g. '3/6')."""
        self._marks[slug] = mark
        self._refresh_prompts()

    def _refresh_prompts(self) -> None:
        for index, experiment in enumerate(self._experiments):
            self.replace_option_prompt_at_index(index, self._prompt(experiment))

    def select_slug(self, slug: str) -> None:
        """Move the highlight to a topic without the learner pressing a key."""
        for index, experiment in enumerate(self._experiments):
            if experiment.slug == slug and self.highlighted != index:
                self.highlighted = index
