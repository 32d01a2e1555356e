"""The stats screen: right answers per topic as a bar chart, a table per topic and the most-missed ideas."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import ClassVar

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static

from tutor.engine.result import PlotSpec
from tutor.learning.mastery import MissedIdea, TopicMastery
from tutor.render.plots import render

COMPACT_WIDTH = 56  # the full table's natural width plus a little
NO_PROGRESS = "No answers yet. Open a topic and press q to check yourself; your progress shows up here."


def topic_label(slug: str) -> tuple[str, str]:
    """(number, short title) of a topic; a topic the curriculum no longer has keeps its slug."""
    from tutor.engine.experiments import UnknownTopic, get

    try:
        experiment = get(slug)
    except UnknownTopic:
        return "", slug
    return str(experiment.number), experiment.short_title


class MasteryChart(Widget):
    """Bars of right-on-latest per topic, drawn with plotext at the widget's size (cached per size)."""

    def __init__(self, rows: Sequence[TopicMastery], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows = tuple(rows)
        self._cache: tuple[tuple[int, int], Text] | None = None

    def spec(self, width: int) -> PlotSpec:
        """The bar spec; short titles when every bar has room for its name, else topic numbers."""
        labels = [topic_label(row.slug) for row in self._rows]
        names = [title for _, title in labels]
        # plotext centres each name under its bar; names wider than a bar's share run together.
        fits = bool(names) and max(len(name) for name in names) + 2 <= width // max(len(names), 1)
        categories = names if fits else [number or title[:4] for number, title in labels]
        top = max((row.questions for row in self._rows), default=0)
        return PlotSpec(
            title="Right on the latest attempt",
            kind="bar",
            categories=tuple(categories),
            values=tuple(float(row.right_latest) for row in self._rows),
            xlabel="" if fits else "topic number",
            # The same scale as the largest topic, so a short bar means room to grow, not a zoomed axis.
            ylim=(0.0, float(top)) if top else None,
        )

    def render(self) -> Text:
        """The chart at the content size."""
        size = (self.content_size.width, self.content_size.height)
        if self._cache is None or self._cache[0] != size:
            color = not os.environ.get("NO_COLOR")
            self._cache = (size, Text.from_ansi(render(self.spec(size[0]), size[0], size[1], color=color)))
        return self._cache[1]


def topic_table(rows: Sequence[TopicMastery], compact: bool = False) -> Table:
    """One row per topic: answered of total, right on latest, attempts, due, code exercises passed of all
    (when the content has any); totals at the foot."""
    # No vertical rules, and short headers when narrow: at 40 columns rich would otherwise squeeze
    # the topic names to nothing or drop the last column.
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        expand=False,
        show_footer=True,
        header_style="bold",
        footer_style="bold",
        padding=(0, 0 if compact else 1),
        collapse_padding=True,
    )
    totals = [
        sum(getattr(row, name) for row in rows) for name in ("answered", "questions", "right_latest", "attempts", "due")
    ]
    headers = ("done", "right", "tries", "due") if compact else ("answered", "right", "attempts", "due")
    footers = (f"{totals[0]}/{totals[1]}", str(totals[2]), str(totals[3]), str(totals[4]))
    table.add_column("topic", footer="all")
    for header, footer in zip(headers, footers, strict=True):
        table.add_column(header, footer=footer, justify="right", no_wrap=True)
    # Code exercises passed of those the topic has, when the content has any.
    code = any(row.exercises for row in rows)
    if code:
        passed, exercises = (sum(getattr(row, name) for row in rows) for name in ("exercises_passed", "exercises"))
        table.add_column("code", footer=f"{passed}/{exercises}", justify="right", no_wrap=True)
    for row in rows:
        number, title = topic_label(row.slug)
        name = f"{number}. {title}" if number else title
        table.add_row(
            name[:13] + "…" if compact and len(name) > 14 else name,
            f"{row.answered}/{row.questions}",
            str(row.right_latest),
            str(row.attempts),
            str(row.due),
            *([f"{row.exercises_passed}/{row.exercises}" if row.exercises else "–"] if code else []),
        )
    return table


class TopicTable(Widget):
    """The per-topic table, with short headers below COMPACT_WIDTH columns."""

    def __init__(self, rows: Sequence[TopicMastery], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows = tuple(rows)

    def render(self) -> Table:
        """The table for the current width."""
        return topic_table(self._rows, compact=self.content_size.width < COMPACT_WIDTH)


def missed_renderable(missed: Sequence[MissedIdea]) -> Group | Text:
    """Each missed idea's caption, then its topic and how it went."""
    if not missed:
        return Text("Nothing missed yet.", style="dim")
    parts: list[Text] = []
    for item in missed:
        number, title = topic_label(item.topic)
        where = f"{number}. {title}" if number else title
        state = "right last time" if item.latest_correct else "still wrong"
        parts.append(Text.assemble("• ", (item.idea, "bold")))
        parts.append(Text(f"  {where} · missed {item.misses} of {item.attempts} · {state}", style="dim"))
    return Group(*parts)


class StatsScreen(Screen[None]):
    """Progress at a glance; Escape closes."""

    CSS_PATH = "stats_screen.tcss"  # loaded when the screen first opens, not with the app

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, rows: Sequence[TopicMastery], missed: Sequence[MissedIdea], due_count: int) -> None:
        super().__init__()
        self.rows = tuple(rows)
        self.missed = tuple(missed)
        self.due_count = due_count

    @property
    def has_progress(self) -> bool:
        """Whether any answer has been given."""
        return any(row.attempts or row.exercises_tried for row in self.rows) or bool(self.missed)

    def compose(self) -> ComposeResult:
        """Header, a scrolling body (summary, chart or message, table, missed ideas), footer."""
        yield Header()
        with VerticalScroll(id="stats-body"):
            yield Static(self._summary(), id="stats-summary", markup=False)
            if self.has_progress:
                yield MasteryChart(self.rows, id="stats-chart")
            else:
                yield Static(NO_PROGRESS, id="stats-empty", markup=False)
            if self.rows:
                yield TopicTable(self.rows, id="stats-table")
            if self.has_progress:
                yield Static("Most-missed ideas", id="stats-missed-title", markup=False)
                yield Static(missed_renderable(self.missed), id="stats-missed")
        yield Footer()

    def on_mount(self) -> None:
        """Focus the body so the arrow keys scroll it."""
        self.sub_title = "Progress"
        self.query_one("#stats-body").focus()

    def _summary(self) -> str:
        answered = sum(row.answered for row in self.rows)
        total = sum(row.questions for row in self.rows)
        right = sum(row.right_latest for row in self.rows)
        due = f"{self.due_count} question{'s' if self.due_count != 1 else ''} due for review now"
        exercises = sum(row.exercises for row in self.rows)
        passed = sum(row.exercises_passed for row in self.rows)
        code = f" · exercises {passed} of {exercises} passed" if exercises else ""
        return f"{due} · answered {answered} of {total} · {right} right on the latest attempt{code}"

    def action_close(self) -> None:
        """Close the stats."""
        self.dismiss(None)
