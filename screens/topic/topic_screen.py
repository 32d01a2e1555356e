"""The main screen: sidebar, recap/code, parameters, plot and results for the current topic."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Header, Input

from screens.topic.predict_state import PredictStateScreen
from screens.widgets.fitting_footer import FittingFooter
from screens.widgets.next_step import NextStep
from screens.widgets.param_panel import ParamPanel
from screens.widgets.plot_view import PlotView
from screens.widgets.recap_view import TITLES, RecapView
from screens.widgets.results_view import ResultsView
from screens.widgets.sidebar import TopicSidebar
from tutor.engine.experiments import Experiment

if TYPE_CHECKING:  # annotations only: the run process is the app's, the mastery rows come with progress
    from tutor.engine.runner import ExperimentProcess
    from tutor.learning.mastery import TopicMastery
    from tutor.learning.session import Learning

# Screen keys that are letters or digits: they act only while no text field has the focus.
SCREEN_KEYS = {
    "topic",
    "focus_params",
    "toggle_code",
    "reset_params",
    "next_plot",
    "toggle_sidebar",
    "quiz",
    "notes",
    "review",
    "stats",
    "own_values",
    "open_extra",
    "toggle_maximize",
    "copy_code",
}
# Below this many columns the sidebar is narrow (short names cut to fit, no marks), so the panes keep their room.
NARROW_WIDTH = 110
# From this many columns the right column grows with the terminal; below TINY_WIDTH it shrinks.
WIDE_WIDTH = 150
TINY_WIDTH = 80
# The panes `z` maximises, by id; focus elsewhere (the topics list) maximises the study pane.
PANES = ("recap", "plot", "results", "params")
# The header's icon: the sigmoid's σ, the first topic and the field's best-known letter (one cell in
# every terminal font, unlike an emoji), instead of Textual's default glyph.
ICON = "σ"


class TopicScreen(PredictStateScreen):
    """One screen for all eight topics; a ContentSwitcher keeps each topic's parameter panel.

    The app hands it the experiments, the opening topic and its texts, the Learning session, the
    run process and the cursor and warm-up settings; it tells the app what happened by messages.
    """

    # A maximised pane keeps the header (topic, due count) and the footer (its keys) around it.
    ALLOW_IN_MAXIMIZED_VIEW: ClassVar[str | None] = "Header, FittingFooter"
    BINDINGS: ClassVar[list[BindingType]] = [
        # First, so the footer has room for it; shown only while a predict question's values are on screen.
        Binding("m", "own_values", "My values", tooltip="Bring back the values you had before the quiz set its own"),
        Binding("1", "topic(1)", "Topic", key_display="1–8", tooltip="Jump to topic 1–8"),
        # No description: the help lists 1–8 once, under the visible binding above.
        *[Binding(str(n), f"topic({n})", "", show=False) for n in range(2, 9)],
        # Tooltips are the plain words help and the command palette show; the footer keeps the short word.
        Binding("p", "focus_params", "Params", tooltip="Edit the experiment's parameters (Enter runs, Esc leaves)"),
        Binding("q", "quiz", "Quiz", tooltip="Check yourself on this topic's questions (q again: the recap)"),
        Binding("c", "toggle_code", "Code", tooltip="Show the Python behind the plot and numbers (c again: the recap)"),
        Binding("w", "notes", "Notes", tooltip="Your notes on this topic, saved as you type (w again: the recap)"),
        Binding("z", "toggle_maximize", "Max", tooltip="Maximise the focused pane, or restore it (z again, or Esc)"),
        Binding("v", "review", "Review", tooltip="Review the questions due, across all topics"),
        Binding("s", "stats", "Stats", tooltip="Your progress per topic and your most-missed ideas"),
        Binding("r", "reset_params", "Reset", tooltip="Put this topic's parameters back to their defaults"),
        Binding(
            "e",
            "open_extra('exercises')",
            "Exercises",
            show=False,
            tooltip="Write this topic's code and have it checked",
        ),
        Binding(
            "x", "open_extra('explain')", "Explain", show=False, tooltip="Explain this topic's ideas in your own words"
        ),
        Binding("o", "open_extra('export')", "Export", show=False, tooltip="Write the Interview Readiness Workbook"),
        Binding("g", "next_plot", "Next plot", show=False, tooltip="Show the next plot (when only one fits)"),
        Binding("y", "copy_code", "Copy code", show=False, tooltip="Copy the code behind the plot and numbers"),
        Binding("b", "toggle_sidebar", "Sidebar", show=False, tooltip="Hide or show the topics list"),
        Binding("escape", "leave_text", "Leave the notes", show=False, tooltip="Stop typing in the notes (saved)"),
    ]

    class FirstFrameOut(Message):
        """The screen's first frame is on the terminal (the app resumes collection, starts its warm-up)."""

    class ReviewRequested(Message):
        """The learner asked for Review (the due questions across all topics)."""

    class StatsRequested(Message):
        """The learner asked for the stats screen."""

    class ExtraRequested(Message):
        """The learner asked for this topic's exercises or explain prompts, or for the workbook export."""

        def __init__(self, kind: str, topic: str) -> None:
            super().__init__()
            self.kind = kind  # "exercises", "explain" or "export"
            self.topic = topic

    class ProgressChanged(Message):
        """An answer was recorded: the due count and the sidebar marks need refreshing."""

    def __init__(
        self,
        experiments: Sequence[Experiment],
        topic: str,
        initial_texts: Mapping[str, str],
        *,
        learning: Learning,
        runner: ExperimentProcess | None = None,
        cursor_blink: bool = True,
        plots_loading: bool = False,
        opener: Callable[[str, str], None] | None = None,
    ) -> None:
        super().__init__(experiments, topic, learning, runner)
        self._initial_texts = dict(initial_texts)
        # The app's "open this screen now" (kind, topic): called, not messaged, so that keys read in the
        # same burst as `e`, `x`, `v`… land on the screen they opened (a message would arrive after them).
        self._opener = opener
        self.cursor_blink = cursor_blink  # for the text fields: tests turn it off (no half-blink in snapshots)
        self.plots_loading = plots_loading  # plotext is loading in the background (see plots_ready)

    # ----- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Header, sidebar, the four panes, footer."""
        yield Header(icon=ICON)
        with Horizontal(id="body"):
            yield TopicSidebar(list(self.experiments.values()), id="sidebar")
            with Vertical(id="left"):
                yield RecapView(self.learning, cursor_blink=self.cursor_blink, id="recap")
                yield PlotView(plots_loading=self.plots_loading, id="plot")
            with Vertical(id="right"):
                # Only the opening topic's panel is built now; the others on first visit (start-up cost).
                with ContentSwitcher(id="params", initial=f"params-{self.current}"):
                    yield self._new_panel(self.current, self._initial_texts, deferred=True)
                yield ResultsView(id="results")
        names = {e.slug: (e.number, e.short_title) for e in self.experiments.values()}
        yield NextStep(names, self.learning.recap, id="next-step")
        # ctrl+p is listed in the help screen; the footer shows the keys that fit, `?` lists them all.
        yield FittingFooter()

    def _new_panel(self, slug: str, texts: Mapping[str, str], deferred: bool = False) -> ParamPanel:
        panel = ParamPanel(
            slug,
            self.experiments[slug].params,
            texts,
            cursor_blink=self.cursor_blink,
            deferred=deferred,
            id=f"params-{slug}",
        )
        panel.border_title = "Parameters (Enter runs)"
        return panel

    async def on_mount(self) -> None:
        """Titles on the panes, then open the first topic."""
        self.query_one("#sidebar").border_title = "Topics"
        self.query_one("#plot").border_title = "Plot"
        self.query_one("#results").border_title = "Results"
        self._apply_width(self.app.size.width)
        # The first run waits for the first frame: its numpy import, in a thread, would contend
        # for the GIL with building that frame. The panes say "running…" meanwhile.
        first = self.current
        await self.open_topic(first, start_run=False)
        pending = self._running_text(first)  # what the first frame says while the run is queued
        self.query_one(PlotView).show_message(pending)
        self.query_one(ResultsView).set_progress(pending)
        sidebar = self.query_one(TopicSidebar)
        # The topics list starts with the focus (arrows pick a topic), unless it stepped aside for a small terminal.
        self.set_focus(self.query_one(PlotView) if sidebar.has_class("-hidden") else sidebar)
        self.call_after_refresh(self._first_frame_out, first)

    def _first_frame_out(self, first: str) -> None:
        self.post_message(self.FirstFrameOut())
        self.call_later(self.panel(first).mount_fields)  # the fields come right after the frame
        self.request_run(first)

    def on_resize(self) -> None:
        """Narrow the sidebar on small terminals."""
        self._apply_width(self.app.size.width)

    def _apply_width(self, width: int) -> None:
        sidebar = self.query_one(TopicSidebar)
        narrow = width < NARROW_WIDTH
        sidebar.set_narrow(narrow)
        sidebar.set_class(narrow, "-narrow")
        self.set_class(narrow, "-narrow")
        # Wide terminals give the results' tables their width (app.tcss); below TINY_WIDTH the sidebar
        # steps aside once (b brings it back) so the recap and the plot keep a readable width.
        tiny = width < TINY_WIDTH
        if tiny != self.has_class("-tiny"):
            sidebar.set_class(tiny, "-hidden")
            self._focus_off_hidden_sidebar()
        self.set_class(tiny, "-tiny")
        self.set_class(width >= WIDE_WIDTH, "-wide")

    # ----- topics -------------------------------------------------------------------
    @property
    def experiment(self) -> Experiment:
        """The topic on screen."""
        return self.experiments[self.current]

    async def open_topic(self, slug: str, run: bool = False, start_run: bool = True) -> None:
        """Show a topic: recap, its panel, its last result (running it the first time,
        unless start_run is False: the caller starts that run itself)."""
        switcher = self.query_one("#params", ContentSwitcher)
        if not switcher.query(f"#params-{slug}"):
            await switcher.mount(self._new_panel(slug, {}))
        if slug != self.current:
            self.query_one(ResultsView).scroll_home(animate=False)  # a new topic's results start at the top
        self.current = slug
        experiment = self.experiment
        self.sub_title = f"{experiment.number}. {experiment.title}"
        self.app.sub_title = self.sub_title
        self.query_one(TopicSidebar).select_slug(slug)
        self.query_one("#params", ContentSwitcher).current = f"params-{slug}"
        recap = self.query_one(RecapView)
        recap.show_recap(slug)
        recap.border_title = TITLES[recap.mode]
        recap.follow_topic(slug, self._quiz_heading())
        self.refresh_bindings()  # `m` shows only for a topic whose own values are waiting
        state = self.states[slug]
        if (state.result is None or run) and start_run:
            self.request_run(slug)
        else:
            self._show(slug)

    async def on_topic_sidebar_topic_chosen(self, event: TopicSidebar.TopicChosen) -> None:
        """The learner moved in the topics list or clicked a topic: open it."""
        if event.slug != self.current:
            await self.open_topic(event.slug)

    # ----- actions ------------------------------------------------------------------
    def _typing(self) -> bool:
        return isinstance(self.focused, Input) or self.query_one(RecapView).is_notes(self.focused)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letter and digit keys are text while a text field has the focus."""
        if action == "own_values" and not self.borrowed.has(self.current):
            return False  # nothing to bring back: not in the footer either
        if action in SCREEN_KEYS:
            return not self._typing()
        return True

    async def action_topic(self, number: int) -> None:
        """Jump to topic N."""
        slug = self.order[number - 1]
        if slug != self.current:
            await self.open_topic(slug)

    async def action_focus_params(self) -> None:
        """Put the cursor in the first parameter field."""
        await self.panel().focus_first_now()

    def action_toggle_code(self) -> None:
        """Show the exact code behind the screen, or the recap again."""
        self.query_one(RecapView).toggle("code")
        self._back_at_recap()

    def action_copy_code(self) -> None:
        """Copy the code behind the screen to the clipboard (OSC 52), with a notice."""
        self.query_one(RecapView).copy_code()

    async def action_quiz(self) -> None:
        """Open this topic's questions in the study pane (or go back to the recap)."""
        await self.query_one(RecapView).toggle_quiz(self.current, self._quiz_heading())
        self._back_at_recap()

    async def action_notes(self) -> None:
        """Open this topic's notes (saved as they are typed), or go back to the recap."""
        await self.query_one(RecapView).toggle_notes(self.current)
        self._back_at_recap()

    def _quiz_heading(self) -> str:
        return f"Quiz · {self.experiment.number}. {self.experiment.short_title}"

    def action_leave_text(self) -> None:
        """Escape in the notes: save and give the keys back (the notes stay open)."""
        recap = self.query_one(RecapView)
        if recap.is_notes(self.focused):
            recap.save_notes()
            self.set_focus(self.query_one(PlotView))  # at once: keys read with Escape are the screen's

    def action_review(self) -> None:
        """Open Review: the due questions across all topics, most overdue first."""
        if self._opener is not None:
            self._opener("review", self.current)
        else:
            self.post_message(self.ReviewRequested())

    def action_stats(self) -> None:
        """Open the mastery chart and the most-missed ideas."""
        if self._opener is not None:
            self._opener("stats", self.current)
        else:
            self.post_message(self.StatsRequested())

    def action_open_extra(self, kind: str) -> None:
        """Open this topic's exercises or explain prompts, or export the workbook (the app opens them)."""
        if self._opener is not None:
            self._opener(kind, self.current)
        else:
            self.post_message(self.ExtraRequested(kind, self.current))

    def action_reset_params(self) -> None:
        """Put every field of this topic back to its default and re-run."""
        panel = self.panel()
        panel.set_texts(self.experiment.params.default_texts())
        panel.force_request()
        self.notify(f"{self.experiment.short_title}: parameters reset to defaults", timeout=3)

    def action_next_plot(self) -> None:
        """Show the next plot when only one fits."""
        self.query_one(PlotView).next_plot()

    def action_toggle_maximize(self) -> None:
        """Maximise the pane that has the focus (the study pane from the topics list), or restore it."""
        if self.maximized is not None:
            self.minimize()
            return
        chain = self.focused.ancestors_with_self if self.focused is not None else []
        pane = next((node for node in chain if isinstance(node, Widget) and node.id in PANES), None)
        # Set directly: Screen.maximize refuses panes that cannot take the focus themselves.
        self.maximized = pane if pane is not None else self.query_one("#recap")

    def action_toggle_sidebar(self) -> None:
        """Hide or show the sidebar (more room on small terminals)."""
        sidebar = self.query_one(TopicSidebar)
        sidebar.toggle_class("-hidden")
        self._focus_off_hidden_sidebar()

    def _focus_off_hidden_sidebar(self) -> None:
        """A hidden sidebar gives the focus to the plot, else the arrows would change topics unseen."""
        sidebar = self.query_one(TopicSidebar)
        if sidebar.has_class("-hidden") and sidebar.has_focus:
            self.set_focus(self.query_one(PlotView))  # not a text field, so `b` still shows it again

    def on_quiz_panel_answered(self) -> None:
        """An answer was recorded: ask for the due count and the sidebar marks to be refreshed."""
        self.post_message(self.ProgressChanged())

    # ----- handed down by the app ---------------------------------------------------
    def show_marks(self, marks: Mapping[str, str]) -> None:
        """Show each topic's progress mark in the sidebar."""
        sidebar = self.query_one(TopicSidebar)
        for slug, mark in marks.items():
            sidebar.set_mark(slug, mark)

    def show_overview(self, rows: list[TopicMastery], due: int) -> None:
        """The overall progress under the topics, and the next step it suggests."""
        from tutor.learning.next_step import overview_lines

        self.query_one(TopicSidebar).set_progress(["Progress", *overview_lines(rows, due)])
        self.query_one(NextStep).set_progress(rows, due)

    def _show(self, slug: str) -> None:
        """Put a topic's run on screen; the next step follows the topic and the values it ran."""
        super()._show(slug)
        result = self.states[slug].result
        texts = None
        if result is not None:
            params = self.experiments[slug].params
            texts = {name: params[name].format(value) for name, value in result.params.items() if name in params.names}
        self.query_one(NextStep).follow(slug, texts)

    def plots_ready(self) -> None:
        """plotext is in: redraw the plot pane that was waiting for it."""
        self.plots_loading = False
        plot = self.query_one(PlotView)
        plot.plots_loading = False
        plot.refresh()
