"""The main screen: sidebar, recap/code, parameters, plot and results for the current topic."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, Input

from screens.widgets.param_panel import ParamPanel
from screens.widgets.plot_view import PlotView
from screens.widgets.recap_view import TITLES, RecapView
from screens.widgets.results_view import ResultsView
from screens.widgets.sidebar import TopicSidebar
from tutor.engine.experiments import Experiment
from tutor.engine.params import ParamError, Value

if TYPE_CHECKING:  # annotations only: the result types load with the first run
    from tutor.engine.result import Result

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
}
# Below this many columns the sidebar shows numbers only, so the panes keep their room.
NARROW_WIDTH = 110


class TopicState:
    """What the screen remembers per topic: the latest run id and the last good result."""

    # A plain class, not a dataclass: creating a dataclass costs ~1 ms of start-up.
    def __init__(self) -> None:
        self.run_id = 0
        self.result: Result | None = None
        self.running = False
        self.errors: list[ParamError] = []


class TopicScreen(Screen):
    """One screen for all eight topics; a ContentSwitcher keeps each topic's parameter panel."""

    BINDINGS = [
        Binding("1", "topic(1)", "Topic", key_display="1–8", tooltip="Jump to topic 1–8"),
        # No description: the help lists 1–8 once, under the visible binding above.
        *[Binding(str(n), f"topic({n})", "", show=False) for n in range(2, 9)],
        Binding("p", "focus_params", "Params"),
        Binding("q", "quiz", "Quiz"),
        Binding("c", "toggle_code", "Code"),
        Binding("w", "notes", "Notes"),
        Binding("v", "review", "Review"),
        Binding("s", "stats", "Stats"),
        Binding("r", "reset_params", "Reset"),
        Binding("g", "next_plot", "Next plot", show=False),
        Binding("b", "toggle_sidebar", "Sidebar", show=False),
        Binding("escape", "leave_text", "Leave the notes", show=False),
    ]

    def __init__(self, experiments: Sequence[Experiment], topic: str, initial_texts: Mapping[str, str]) -> None:
        super().__init__()
        self.experiments = {e.slug: e for e in experiments}
        self.order = [e.slug for e in experiments]
        self.current = topic
        self.states = {slug: TopicState() for slug in self.order}
        self._initial_texts = dict(initial_texts)

    # ----- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Header, sidebar, the four panes, footer."""
        yield Header()
        with Horizontal(id="body"):
            yield TopicSidebar(list(self.experiments.values()), id="sidebar")
            with Vertical(id="left"):
                yield RecapView(id="recap")
                yield PlotView(id="plot")
            with Vertical(id="right"):
                # Only the opening topic's panel is built now; the others on first visit (start-up cost).
                with ContentSwitcher(id="params", initial=f"params-{self.current}"):
                    yield self._new_panel(self.current, self._initial_texts)
                yield ResultsView(id="results")
        # ctrl+p is listed in the help screen; its footer slot goes to keys that fit 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def _new_panel(self, slug: str, texts: Mapping[str, str]) -> ParamPanel:
        panel = ParamPanel(slug, self.experiments[slug].params, texts, id=f"params-{slug}")
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
        self.query_one(TopicSidebar).focus()
        self.call_after_refresh(self._first_frame_out, first)

    def _first_frame_out(self, first: str) -> None:
        self.app.first_frame_out()  # type: ignore[attr-defined]
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

    # ----- topics -------------------------------------------------------------------
    @property
    def experiment(self) -> Experiment:
        """The topic on screen."""
        return self.experiments[self.current]

    def panel(self, slug: str | None = None) -> ParamPanel:
        """A topic's parameter panel (the current topic's by default)."""
        return self.query_one(f"#params-{slug or self.current}", ParamPanel)

    async def open_topic(self, slug: str, run: bool = False, start_run: bool = True) -> None:
        """Show a topic: recap, its panel, its last result (running it the first time,
        unless start_run is False: the caller starts that run itself)."""
        switcher = self.query_one("#params", ContentSwitcher)
        if not switcher.query(f"#params-{slug}"):
            await switcher.mount(self._new_panel(slug, {}))
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
        state = self.states[slug]
        if (state.result is None or run) and start_run:
            self.request_run(slug)
        else:
            self._show(slug)

    def _show(self, slug: str) -> None:
        """Put a topic's last good result (or its pending state) on screen."""
        state = self.states[slug]
        plot, results, recap = self.query_one(PlotView), self.query_one(ResultsView), self.query_one(RecapView)
        if state.result is not None:
            plot.show_plots(state.result.plots)
            results.show_result(state.result)
            recap.show_code(state.result.code)
        else:
            # Never leave another topic's plot and numbers under this topic's title.
            plot.show_plots([])
            results.clear()
            recap.show_code("# The code appears after the first run.")
        status = ""
        if state.errors and not state.running:
            status = (
                "Fix the marked field; the last good run stays on screen."
                if state.result is not None
                else "Fix the marked field to run this topic."
            )
        results.set_status(status)
        results.set_progress(self._running_text(slug) if state.running else "")
        if state.running and state.result is None:
            # Only an empty plot pane says so: redrawing a full plot for a status line costs a frame.
            plot.show_message(self._running_text(slug))
        self.panel(slug).show_errors(state.errors)

    def _show_if_running(self, slug: str, run_id: int) -> None:
        state = self.states[slug]
        if state.running and state.run_id == run_id and slug == self.current:
            # The status line only: repainting the plot and tables here would stall the loop.
            self.query_one(ResultsView).set_progress(self._running_text(slug))

    def _running_text(self, slug: str) -> str:
        if self.experiments[slug].needs_sklearn and not getattr(self.app, "sklearn_ready", True):
            return "loading scikit-learn… (first run only)"
        return "running…"

    # ----- runs ---------------------------------------------------------------------
    def request_run(self, slug: str) -> None:
        """Parse the topic's fields; on errors mark them, otherwise start a run in a thread."""
        experiment = self.experiments[slug]
        values, errors = experiment.params.parse(self.panel(slug).texts())
        state = self.states[slug]
        state.errors = errors
        if errors:
            if slug == self.current:
                self._show(slug)
            return
        state.run_id += 1
        state.running = True
        if slug == self.current:
            self.panel(slug).show_errors([])
            self.query_one(ResultsView).set_status("")  # the fix is in: the problem line goes
            if state.result is None:
                self._show(slug)
            else:
                # Most runs finish within a frame or two: say "running…" only if this one does not.
                self.set_timer(0.15, partial(self._show_if_running, slug, state.run_id))
        # Exclusive per topic: a new run of this topic supersedes its older one, other topics go on.
        self.run_worker(
            partial(self._run, slug, state.run_id, values),
            thread=True,
            exclusive=True,
            group=f"run-{slug}",
            exit_on_error=False,
        )

    def _run(self, slug: str, run_id: int, values: dict[str, Value]) -> None:
        """Run the pure experiment off the UI thread and hand the result back."""
        experiment = self.experiments[slug]
        runner = getattr(self.app, "runner", None)
        try:
            if runner is not None and experiment.needs_sklearn:
                result: Result | ParamError | str = runner.run(slug, values)
            else:
                result = experiment.run_values(values)
        except ParamError as error:
            result = error  # a limit that depends on the generated data: marks that field
        except Exception as error:
            result = f"the run failed: {type(error).__name__}: {error}"
        # A superseded (cancelled) thread still finishes its run: the run id decides staleness.
        self.app.call_from_thread(self._finish, slug, run_id, result)

    def _finish(self, slug: str, run_id: int, result: Result | ParamError | str) -> None:
        """Accept a run's result unless a newer run of the same topic was started since."""
        state = self.states[slug]
        if run_id != state.run_id:
            return  # stale: a newer run owns this topic's screen
        state.running = False
        if isinstance(result, ParamError):
            state.errors = [result]
            if slug == self.current:
                self._show(slug)
            return
        if isinstance(result, str):
            state.errors = [ParamError("run", result)]
            if slug == self.current:
                self._show(slug)
                self.query_one(ResultsView).set_status(result + " — the last good result stays on screen.")
            return
        state.result = result
        if slug == self.current:
            self._show(slug)
            params = self.experiments[slug].params
            texts = {name: params[name].format(value) for name, value in result.params.items() if name in params.names}
            self.app.learning.save_last(slug, texts)  # type: ignore[attr-defined]

    @on(ParamPanel.RunRequested)
    def _on_run_requested(self, event: ParamPanel.RunRequested) -> None:
        self.request_run(event.slug)

    async def on_topic_sidebar_topic_chosen(self, event: TopicSidebar.TopicChosen) -> None:
        """The learner moved in the topics list or clicked a topic: open it."""
        if event.slug != self.current:
            await self.open_topic(event.slug)

    def sklearn_warmed(self) -> None:
        """Called by the app when scikit-learn finished loading: refresh any 'loading' status."""
        self._show(self.current)

    # ----- actions ------------------------------------------------------------------
    def _typing(self) -> bool:
        return isinstance(self.focused, Input) or self.query_one(RecapView).is_notes(self.focused)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letter and digit keys are text while a text field has the focus."""
        if action in SCREEN_KEYS:
            return not self._typing()
        return True

    async def action_topic(self, number: int) -> None:
        """Jump to topic N."""
        slug = self.order[number - 1]
        if slug != self.current:
            await self.open_topic(slug)

    def action_focus_params(self) -> None:
        """Put the cursor in the first parameter field."""
        self.panel().focus_first()

    def action_toggle_code(self) -> None:
        """Show the exact code behind the screen, or the recap again."""
        self.query_one(RecapView).toggle("code")

    async def action_quiz(self) -> None:
        """Open this topic's questions in the study pane (or go back to the recap)."""
        await self.query_one(RecapView).toggle_quiz(self.current, self._quiz_heading())

    async def action_notes(self) -> None:
        """Open this topic's notes (saved as they are typed), or go back to the recap."""
        await self.query_one(RecapView).toggle_notes(self.current)

    def _quiz_heading(self) -> str:
        return f"Quiz · {self.experiment.number}. {self.experiment.short_title}"

    def action_leave_text(self) -> None:
        """Escape in the notes: save and give the keys back (the notes stay open)."""
        recap = self.query_one(RecapView)
        if recap.is_notes(self.focused):
            recap.save_notes()
            self.query_one(PlotView).focus()

    def action_review(self) -> None:
        """Open Review: the due questions across all topics, most overdue first."""
        self.app.open_review()  # type: ignore[attr-defined]

    def action_stats(self) -> None:
        """Open the mastery chart and the most-missed ideas."""
        self.app.open_stats()  # type: ignore[attr-defined]

    def action_reset_params(self) -> None:
        """Put every field of this topic back to its default and re-run."""
        panel = self.panel()
        panel.set_texts(self.experiment.params.default_texts())
        panel.force_request()
        self.notify(f"{self.experiment.short_title}: parameters reset to defaults", timeout=3)

    def action_next_plot(self) -> None:
        """Show the next plot when only one fits."""
        self.query_one(PlotView).next_plot()

    def action_toggle_sidebar(self) -> None:
        """Hide or show the sidebar (more room on small terminals)."""
        sidebar = self.query_one(TopicSidebar)
        sidebar.toggle_class("-hidden")
        if sidebar.has_class("-hidden") and sidebar.has_focus:
            self.query_one(PlotView).focus()  # not a text field, so `b` still shows it again

    # Handlers by name: the quiz panel's module loads when the quiz is first opened.
    def on_quiz_panel_predict_answered(self, event) -> None:
        """A predict question was answered: apply its parameter change to the live experiment and run it."""
        question = event.question
        if question.topic != self.current:
            return
        panel = self.panel()
        panel.set_texts(question.predict)
        panel.force_request()

    def on_quiz_panel_answered(self) -> None:
        """An answer was recorded: refresh the due count and the sidebar marks."""
        self.app.refresh_progress()  # type: ignore[attr-defined]
