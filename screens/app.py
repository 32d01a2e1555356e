"""The Textual App: a factory shared by the CLI and the tests, sklearn warm-up, help and themes."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from concurrent.futures import BrokenExecutor, CancelledError
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding

from screens.commands import TopicCommands
from screens.topic.topic_screen import TopicScreen
from screens.widgets.plot_view import PlotView
from tutor.engine.experiments import Experiment, UnknownTopic, all_experiments, get
from tutor.engine.params import parse_assignments
from tutor.engine.runner import ExperimentProcess, RunProcessStopped
from tutor.learning.session import Learning

HERE = Path(__file__).parent


class MLPrepApp(App):
    """mlprep-tui: eight topics, live experiments, plots, all from the keyboard."""

    TITLE = "mlprep-tui"
    # The first screen's styles; the help, review and stats screens and the quiz panel bring their own.
    CSS_PATH = [HERE / "app.tcss"] + [
        HERE / "widgets" / f"{name}.tcss"
        for name in (
            "sidebar",
            "param_panel",
            "plot_view",
            "results_view",
            "recap_view",
        )
    ]
    COMMANDS = App.COMMANDS | {TopicCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        data_dir: Path | None = None,
        topic: str | int | None = None,
        sets: Sequence[str] = (),
        experiments: Sequence[Experiment] | None = None,
        warm_sklearn: bool = True,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink  # tests turn it off so snapshots never catch a half-blink
        self.data_dir = data_dir
        self.experiments = list(experiments) if experiments is not None else all_experiments()
        self.sklearn_ready = False
        # scikit-learn topics run in a warm child process so they never hold the UI's GIL;
        # tests without the background warm-up run everything in threads instead.
        self.runner: ExperimentProcess | None = ExperimentProcess() if warm_sklearn else None
        self.warming_up = warm_sklearn  # plot panes wait for plotext while this is True
        self._warm_sklearn = warm_sklearn
        self._warm_started = False
        self._gc_paused = False
        self.learning = Learning(data_dir, [e.slug for e in self.experiments])
        if topic is None and not sets:
            last = self.learning.last()
            if last is not None and last[0] in {e.slug for e in self.experiments}:
                topic, sets = last[0], [f"{name}={text}" for name, text in last[1].items()]  # reopen there
        self._start_topic, self._start_texts, self._start_problems = self._deep_link(topic, sets)

    def _deep_link(self, topic: str | int | None, sets: Sequence[str]) -> tuple[str, dict[str, str], list[str]]:
        """Resolve --topic/--set: bad values become field errors, other problems a notice."""
        if topic is None:
            return self.experiments[0].slug, {}, []
        try:
            slug = get(topic).slug
        except UnknownTopic as error:
            return self.experiments[0].slug, {}, [str(error)]
        texts, problems = parse_assignments(sets)
        known = set(get(slug).params.names)
        for name in [n for n in texts if n not in known]:
            problems.append(f"{name}: unknown parameter of {slug}; it has {', '.join(sorted(known))}")
            del texts[name]
        return slug, texts, problems

    def get_default_screen(self) -> TopicScreen:
        """The topic screen, opened at the deep-linked topic."""
        return TopicScreen(self.experiments, self._start_topic, self._start_texts)

    def on_load(self) -> None:
        """Pause the garbage collector until the first frame is out (see first_frame_out)."""
        # Building the first screen allocates tens of thousands of long-lived objects (widgets,
        # styles, rules): the collections they trigger free almost nothing and cost ~70 ms of
        # the first paint. The CLI may have paused it already, for the imports. The pause ends
        # with the first frame, or on exit at the latest.
        self._gc_paused = True
        gc.disable()

    def _resume_gc(self) -> None:
        if self._gc_paused:
            self._gc_paused = False
            gc.freeze()  # what start-up built stays for the session: keep it out of full collections
            gc.enable()

    def on_unmount(self) -> None:
        """Stop the run process (quitting never waits for scikit-learn), and never leave the
        collector paused (an app that quits before its first frame)."""
        if self.runner is not None:
            self.runner.stop()
        self._resume_gc()

    def first_frame_out(self) -> None:
        """The topic screen's first frame is on the terminal: resume collection, start the warm-up."""
        self._resume_gc()
        self.start_warm_up()

    def on_mount(self) -> None:
        """Report deep-link and progress-file problems; show what is due; keep that count fresh."""
        for problem in self._start_problems:
            self.notify(problem, title="Could not apply", severity="error", timeout=8)
        for severity, text in self.learning.store_notices():
            self.notify(text, title="Progress", severity=severity, timeout=20)  # type: ignore[arg-type]
        self.call_after_refresh(self._load_progress)
        self.set_interval(60, self.refresh_progress)  # cards fall due while the app is open

    def _load_progress(self) -> None:
        """Load the questions and count what is due off the UI thread, after the first frame."""
        self.run_worker(self._load_progress_in_thread, thread=True, group="progress", exit_on_error=False)

    def _load_progress_in_thread(self) -> None:
        notices = self.learning.content_notices()  # loads the question bank
        due, marks = self.learning.due_count(), self.learning.marks()
        self.call_from_thread(self._progress_loaded, notices, due, marks)

    def _progress_loaded(self, notices: list[tuple[str, str]], due: int, marks: dict[str, str]) -> None:
        for severity, text in notices:
            self.notify(text, title="Questions", severity=severity, timeout=20)  # type: ignore[arg-type]
        self._show_progress(due, marks)
        if not self._warm_sklearn:
            self.sklearn_ready = True

    def start_warm_up(self) -> None:
        """Start the background import of plotext and scikit-learn (after the first frame:
        an import thread contends for the GIL and would delay that frame)."""
        if self._warm_sklearn and not self._warm_started:
            self._warm_started = True
            self.run_worker(self._warm_up, thread=True, group="warm", exit_on_error=False)

    def _warm_up(self) -> None:
        """Import plotext here, and scikit-learn in the run process, off the UI thread."""
        from tutor.render.plots import preload

        preload()
        self.call_from_thread(self._plots_ready)
        if self.runner is not None:
            try:
                self.runner.start().result()  # ~2 s in the child; this thread just waits
            except (RunProcessStopped, CancelledError, BrokenExecutor):
                return  # the learner quit while scikit-learn was loading
        self.call_from_thread(self._warmed)

    def _plots_ready(self) -> None:
        # Start-up objects (widgets, styles, modules) live for the whole session: moving them out
        # of the collector's reach keeps full collections, and the pauses they cause, short.
        gc.freeze()
        self.warming_up = False
        if not self.is_running:
            return
        for plot_view in self.query(PlotView):
            plot_view.refresh()

    def _warmed(self) -> None:
        self.sklearn_ready = True
        if not self.is_running or not self.screen_stack:
            return  # the learner quit while scikit-learn was loading
        screen = self.screen
        if isinstance(screen, TopicScreen):
            screen.sklearn_warmed()

    def refresh_progress(self) -> None:
        """Update the due count in the header and the mastery marks in the sidebar."""
        self._show_progress(self.learning.due_count(), self.learning.marks())

    def _show_progress(self, due: int, marks: dict[str, str]) -> None:
        if not self.is_running:
            return
        saved = " · progress NOT saved (in memory)" if self.learning.store.in_memory else ""
        self.title = f"mlprep-tui · {due} due for review (v){saved}"
        from screens.widgets.sidebar import TopicSidebar

        for sidebar in self.query(TopicSidebar):
            for slug, mark in marks.items():
                sidebar.set_mark(slug, mark)

    def record_answer(self, question, option_index: int, correct: bool, duration_ms: int, recap_reopened: bool) -> None:
        """Commit an answer at once (the quiz panels call this)."""
        self.learning.record(question, option_index, correct, duration_ms, recap_reopened)

    def open_review(self) -> None:
        """Push the Review screen with the due questions."""
        from screens.review.review_screen import ReviewScreen

        titles = {e.slug: f"{e.number}. {e.short_title}" for e in self.experiments}
        self.push_screen(
            ReviewScreen(self.learning.due_questions(), self.record_answer, titles),
            callback=lambda _score: self.refresh_progress(),
        )

    def open_stats(self) -> None:
        """Push the stats screen: mastery chart, table and most-missed ideas."""
        from screens.stats.stats_screen import StatsScreen

        self.push_screen(StatsScreen(self.learning.mastery(), self.learning.missed(), self.learning.due_count()))

    def recap_text(self, slug: str) -> str:
        """The topic's recap Markdown, or a clear message if the content file is unusable."""
        from tutor.learning.content import ContentError, load_recap

        try:
            return load_recap(slug)
        except ContentError as error:
            return f"# Recap unavailable\n\n{error}"

    def action_help(self) -> None:
        """Open the key help generated from the bindings."""
        # Loaded on first use, not before the first frame.
        from screens.help.help_screen import HelpScreen
        from screens.widgets.param_panel import ParamPanel
        from screens.widgets.quiz_panel import QuizPanel
        from screens.widgets.sidebar import TopicSidebar

        if isinstance(self.screen, HelpScreen):
            return

        groups = [
            ("topic screen", list(TopicScreen.BINDINGS)),
            ("topics list", list(TopicSidebar.BINDINGS)),
            ("parameter field", list(ParamPanel.BINDINGS)),
            ("quiz", list(QuizPanel.BINDINGS)),
            ("app", list(self.BINDINGS)),
        ]
        self.push_screen(HelpScreen(groups))

    def action_toggle_theme(self) -> None:
        """Switch between Textual's dark and light themes."""
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"


def make_app(data_dir: Path | None = None, **options: Any) -> MLPrepApp:
    """Build the app; the CLI and the tests both come through here (options as MLPrepApp takes them)."""
    return MLPrepApp(data_dir=data_dir, **options)


def run_app(topic: str | int | None = None, sets: Sequence[str] = ()) -> int:
    """Run the app in this terminal; the CLI's bare `mlprep-tui` lands here."""
    app = make_app(topic=topic, sets=sets)
    try:
        app.run()
    finally:
        if app.runner is not None:
            app.runner.stop()  # also done on unmount; here too in case the app failed to start
    return 0
