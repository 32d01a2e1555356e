"""The topic screen's run machinery: parse a topic's fields, run its experiment off the UI thread (or
in the warm run process), accept only the newest run's result, and put a topic's run state on screen."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen

from screens.widgets.param_panel import ParamPanel
from screens.widgets.plot_view import PlotView
from screens.widgets.recap_view import RecapView
from screens.widgets.results_view import ResultsView
from tutor.engine.experiments import Experiment, RunFailed, summary
from tutor.engine.params import ParamError, Value

if TYPE_CHECKING:  # annotations only: the result types load with the first run, the run process is the app's
    from tutor.engine.result import Result
    from tutor.engine.runner import ExperimentProcess
    from tutor.learning.session import Learning


class TopicState:
    """What the screen remembers per topic: the latest run id, the last good result, the fields' errors
    and why the latest run failed, if it did (not a field's fault: a bug, said as such)."""

    # A plain class, not a dataclass: creating a dataclass costs ~1 ms of start-up.
    def __init__(self) -> None:
        self.run_id = 0
        self.result: Result | None = None
        self.running = False
        self.errors: list[ParamError] = []
        self.failure: RunFailed | None = None


class RunScreen(Screen[None]):
    """Runs the topics' experiments and shows each topic's run state; TopicScreen adds the layout,
    the topic switching and the keys.

    Handed down by the app: the Learning session (the reopen position is saved after a good run),
    the warm run process (None: every topic runs in a thread) and, once scikit-learn is in,
    `sklearn_ready`.
    """

    def __init__(
        self,
        experiments: Sequence[Experiment],
        topic: str,
        learning: Learning,
        runner: ExperimentProcess | None,
    ) -> None:
        super().__init__()
        self.experiments = {e.slug: e for e in experiments}
        self.order = [e.slug for e in experiments]
        self.current = topic
        self.states = {slug: TopicState() for slug in self.order}
        self.learning = learning
        self.runner = runner
        self.sklearn_ready = False  # the app sets it when scikit-learn topics run without a wait

    def panel(self, slug: str | None = None) -> ParamPanel:
        """A topic's parameter panel (the current topic's by default)."""
        return self.query_one(f"#params-{slug or self.current}", ParamPanel)

    # ----- showing a topic's run state ------------------------------------------------
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
        results.set_status("" if state.running else self._problem(slug))
        results.set_progress(self._running_text(slug) if state.running else "")
        if state.running and state.result is None:
            # Only an empty plot pane says so: redrawing a full plot for a status line costs a frame.
            plot.show_message(self._running_text(slug))
        self.panel(slug).show_errors(state.errors)

    def _problem(self, slug: str) -> str:
        """The results pane's problem line for a topic that is not running ('' if none)."""
        state = self.states[slug]
        kept = state.result is not None
        names = self.experiments[slug].params.names
        loose = [str(error) for error in state.errors if error.name not in names]  # no field to mark
        if loose:
            return "; ".join(loose) + (" — the last good run stays on screen." if kept else "")
        if state.errors:
            return (
                "Fix the marked field; the last good run stays on screen."
                if kept
                else "Fix the marked field to run this topic."
            )
        if state.failure is not None:
            return (
                f"The run failed with these values ({state.failure.detail}); this is a bug in mlprep-tui, "
                "not a mistake of yours. "
                + ("The last good result stays on screen." if kept else "Try other values meanwhile.")
            )
        return ""

    def _show_if_running(self, slug: str, run_id: int) -> None:
        state = self.states[slug]
        if state.running and state.run_id == run_id and slug == self.current:
            # The status line only: repainting the plot and tables here would stall the loop.
            self.query_one(ResultsView).set_progress(self._running_text(slug))

    def _running_text(self, slug: str) -> str:
        if self.experiments[slug].needs_sklearn and not self.sklearn_ready:
            return "loading scikit-learn… (first run only)"
        return "running…"

    def sklearn_warmed(self) -> None:
        """Called by the app when scikit-learn finished loading: refresh any 'loading' status."""
        self._show(self.current)

    # ----- runs ---------------------------------------------------------------------
    def request_run(self, slug: str) -> None:
        """Parse the topic's fields; on errors mark them, otherwise start a run in a thread."""
        experiment = self.experiments[slug]
        values, errors = experiment.params.parse(self.panel(slug).texts())
        state = self.states[slug]
        state.errors = errors
        state.failure = None  # new values: an earlier failure no longer describes them
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
        runner = self.runner
        try:
            if runner is not None and experiment.needs_sklearn:
                result: Result | ParamError | RunFailed = runner.run(slug, values)
            else:
                result = experiment.run_checked(values)
        except (ParamError, RunFailed) as error:
            result = error  # a ParamError is a limit that depends on the generated data: it marks that field
        except Exception as error:  # what escaped the run in the run process, or the process itself failing
            result = RunFailed(slug, summary(error))
        # A superseded (cancelled) thread still finishes its run: the run id decides staleness.
        self.app.call_from_thread(self._finish, slug, run_id, result)

    def _finish(self, slug: str, run_id: int, result: Result | ParamError | RunFailed) -> None:
        """Accept a run's result unless a newer run of the same topic was started since."""
        state = self.states[slug]
        if run_id != state.run_id:
            return  # stale: a newer run owns this topic's screen
        state.running = False
        if isinstance(result, ParamError | RunFailed):
            # Either way the last good result stays: a ParamError marks its field, a failure is said.
            state.errors, state.failure = ([result], None) if isinstance(result, ParamError) else ([], result)
            if slug == self.current:
                self._show(slug)
            return
        state.result = result
        if slug == self.current:
            self._show(slug)
            params = self.experiments[slug].params
            texts = {name: params[name].format(value) for name, value in result.params.items() if name in params.names}
            self.learning.save_last(slug, texts)

    @on(ParamPanel.RunRequested)
    def _on_run_requested(self, event: ParamPanel.RunRequested) -> None:
        self.request_run(event.slug)
