"""The Textual App: a factory shared by the CLI and the tests, sklearn warm-up, help and themes."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Sequence
from concurrent.futures import BrokenExecutor, CancelledError
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType

from screens.commands import TopicCommands, open_palette, open_theme_palette
from screens.exercise import exercise_ids_by_topic
from screens.quitting import QuitOnSignals, exit_status
from screens.start import StartPoint, start_point
from screens.topic.topic_screen import TopicScreen
from screens.widgets.recap_view import RecapView
from screens.widgets.text_fields import missed_the_field
from tutor.engine.experiments import Experiment, all_experiments
from tutor.engine.runner import ExperimentProcess, RunProcessStopped
from tutor.learning.session import Learning, Severity

if TYPE_CHECKING:  # the mastery rows come with the progress, the quiz with its first use: both after the first frame
    from screens.widgets.quiz_panel import QuizMessage
    from tutor.learning.mastery import TopicMastery

HERE = Path(__file__).parent


class MLPrepApp(App[None]):
    """mlprep-tui: eight topics, live experiments, plots, all from the keyboard."""

    TITLE = "ML interview prep"
    # A first launch shows the welcome once (the tests' app fixture turns it off; test_welcome turns it on).
    show_welcome: ClassVar[bool] = True
    # The first screen's styles; the help, review and stats screens and the quiz panel bring their own.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        HERE / "app.tcss",
        *(
            HERE / "widgets" / f"{name}.tcss"
            for name in (
                "sidebar",
                "param_panel",
                "plot_view",
                "results_view",
                "recap_view",
            )
        ),
    ]
    COMMANDS = App.COMMANDS | {TopicCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Every key, by screen"),
        Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Quit (your progress is already saved)"),
    ]

    def __init__(
        self,
        learning: Learning,
        experiments: Sequence[Experiment],
        start: StartPoint,
        runner: ExperimentProcess | None = None,
        cursor_blink: bool = True,
    ) -> None:
        """Store what make_app built: the session, the topics, where to open, the run process (None:
        every topic runs in a thread and nothing warms up in the background) and whether cursors blink."""
        super().__init__()
        self.learning = learning
        self.experiments = list(experiments)
        self.runner = runner
        self.cursor_blink = cursor_blink  # tests turn it off so snapshots never catch a half-blink
        self._start = start
        self._warm_sklearn = runner is not None
        self.sklearn_ready = False
        self.warming_up = self._warm_sklearn  # plot panes wait for plotext while this is True
        self._warm_started = False
        self._gc_paused = False
        self._topic_screen: TopicScreen | None = None
        self.quit_on_signals = False  # run_app turns it on: SIGTERM/SIGHUP/SIGINT quit as ctrl+q does
        self._signals = QuitOnSignals(self, save=self.save_now)

    def get_default_screen(self) -> TopicScreen:
        """The topic screen, opened at the start point, with what it needs handed down."""
        self._topic_screen = TopicScreen(
            self.experiments,
            self._start.topic,
            self._start.texts,
            learning=self.learning,
            runner=self.runner,
            cursor_blink=self.cursor_blink,
            plots_loading=self.warming_up,
            opener=self.open_from_topic,
        )
        return self._topic_screen

    def open_from_topic(self, kind: str, topic: str) -> None:
        """Open what a topic-screen key asks for, at once (see TopicScreen's opener)."""
        if kind == "review":
            self.open_review()
        elif kind == "stats":
            self.open_stats()
        else:
            from screens.extras import open_extra

            open_extra(self, self.learning, kind, topic)

    def on_load(self) -> None:
        """Pause the garbage collector until the first frame is out (see on_topic_screen_first_frame_out)."""
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
        """Stop the run process (quitting never waits for scikit-learn); close the progress store after
        the screens' last writes (the notes): the progress file alone then holds everything; never leave
        the collector paused (an app that quits before its first frame)."""
        self._signals.remove()
        if self.runner is not None:
            self.runner.stop()
        self.learning.close()
        self._resume_gc()

    def save_now(self) -> None:
        """Write what the screens hold but have not saved yet (the notes typed in the last 0.4 s)."""
        if self._topic_screen is not None and self._topic_screen.is_attached:
            self._topic_screen.query_one(RecapView).save_notes()
        from screens.widgets.saving import SavesOnQuit

        for screen in self.screen_stack:  # e.g. an explain answer typed in the last 0.4 s
            if isinstance(screen, SavesOnQuit):
                screen.save_now()

    async def on_key(self, event: events.Key) -> None:
        """A key typed ahead of a text field's focus goes into the field, not to a screen's bindings."""
        field = missed_the_field(self.focused, event)
        if field is not None and await field.take_missed_key(event):
            event.prevent_default()  # taken as text (or the field's own key): no screen binding runs
            event.stop()

    def on_topic_screen_first_frame_out(self, _event: TopicScreen.FirstFrameOut) -> None:
        """The topic screen's first frame is on the terminal: resume collection, start the warm-up."""
        self._resume_gc()
        self.start_warm_up()
        if self.show_welcome and not self._welcome_seen():  # one indexed read: the welcome comes at once
            self.call_after_refresh(self.open_welcome)

    def on_topic_screen_progress_changed(self, _event: TopicScreen.ProgressChanged) -> None:
        """An answer was recorded on the topic screen: refresh the due count and the marks."""
        self.refresh_progress()

    def on_topic_screen_review_requested(self, _event: TopicScreen.ReviewRequested) -> None:
        """`v` on the topic screen."""
        self.open_review()

    def on_topic_screen_stats_requested(self, _event: TopicScreen.StatsRequested) -> None:
        """`s` on the topic screen."""
        self.open_stats()

    def on_topic_screen_extra_requested(self, event: TopicScreen.ExtraRequested) -> None:
        """`e`, `x` or `o` on the topic screen: exercises, explain prompts, the workbook export."""
        from screens.extras import open_extra

        open_extra(self, self.learning, event.kind, event.topic)

    def on_mount(self) -> None:
        """Report deep-link and progress-file problems; show what is due; keep that count fresh."""
        if self.quit_on_signals:
            self._signals.install()
        # They quote learner input, stored values and paths: shown literally, never read as markup.
        for problem in self._start.problems:
            self.notify(problem, title="Could not apply", severity="error", timeout=8, markup=False)
        for severity, text in self.learning.store_notices():
            self.notify(text, title="Progress", severity=severity, timeout=20, markup=False)
        self.call_after_refresh(self._load_progress)
        self.set_interval(60, self.refresh_progress)  # cards fall due while the app is open

    def _load_progress(self) -> None:
        """Load the questions and count what is due off the UI thread, after the first frame."""
        self.run_worker(self._load_progress_in_thread, thread=True, group="progress", exit_on_error=False)

    def _load_progress_in_thread(self) -> None:
        notices = self.learning.content_notices()  # loads the question bank
        due, marks, rows = self.learning.due_count(), self.learning.marks(), self.learning.mastery()
        self.call_from_thread(self._progress_loaded, notices, due, marks, rows)

    def _progress_loaded(
        self,
        notices: list[tuple[Severity, str]],
        due: int,
        marks: dict[str, str],
        rows: list[TopicMastery],
    ) -> None:
        for severity, text in notices:
            self.notify(text, title="Questions", severity=severity, timeout=20, markup=False)
        self._show_progress(due, marks, rows)
        if not self._warm_sklearn:
            self._set_sklearn_ready()

    def _welcome_seen(self) -> bool:
        from tutor.learning.store.flags import WELCOME, seen
        from tutor.learning.store.progress import StoreError

        try:
            return seen(self.learning.store, WELCOME)
        except StoreError:
            return True  # an unreadable store has other news to tell; the welcome can wait

    def open_welcome(self) -> None:
        """Show the welcome over the topic screen, and remember it was shown."""
        from screens.welcome.welcome_screen import WelcomeScreen
        from tutor.learning.store.flags import WELCOME, mark_seen
        from tutor.learning.store.progress import StoreError

        if not self.is_running or self.screen is not self._topic_screen:
            return  # the learner is elsewhere already (help, review): they have found their way
        self.push_screen(WelcomeScreen(self.learning.store.path))
        with contextlib.suppress(StoreError):  # not saved: it shows again next time, which is all that is lost
            mark_seen(self.learning.store, WELCOME)

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
        if not self.is_running or self._topic_screen is None:
            return
        self._topic_screen.plots_ready()

    def _set_sklearn_ready(self) -> None:
        self.sklearn_ready = True
        if self._topic_screen is not None:
            self._topic_screen.sklearn_ready = True

    def _warmed(self) -> None:
        self._set_sklearn_ready()
        if not self.is_running or not self.screen_stack:
            return  # the learner quit while scikit-learn was loading
        if self.screen is self._topic_screen:
            self._topic_screen.sklearn_warmed()

    def refresh_progress(self) -> None:
        """Update the due count in the header, the marks and overall progress in the sidebar, the next step."""
        self._show_progress(self.learning.due_count(), self.learning.marks(), self.learning.mastery())

    def _show_progress(self, due: int, marks: dict[str, str], rows: list[TopicMastery]) -> None:
        if not self.is_running:
            return
        saved = " · progress NOT saved (in memory)" if self.learning.store.in_memory else ""
        self.title = f"{self.TITLE} · {due} due for review (v){saved}"
        if self._topic_screen is not None:
            self._topic_screen.show_marks(marks)
            self._topic_screen.show_overview(rows, due)

    def on_quiz_panel_answered(self, event: QuizMessage) -> None:
        """An answer in Review: the header's due count and the marks follow at once, not on closing."""
        if event.panel is not None and event.panel.screen is not self._topic_screen:
            self.refresh_progress()  # the topic screen's own answers come as ProgressChanged

    def open_review(self) -> None:
        """Push the Review screen with the due questions."""
        from screens.review.review_screen import ReviewScreen

        titles = {e.slug: f"{e.number}. {e.short_title}" for e in self.experiments}
        self.push_screen(
            ReviewScreen(
                self.learning.due_questions(),
                self.learning.record,
                titles,
                rng=self.learning.rng,
                extras=self.learning.due_extras(),
            ),
            callback=self._review_closed,
        )

    def _review_closed(self, result: object) -> None:
        """Review closed: refresh the due count; open the exercise or explain prompt chosen there, if any."""
        from tutor.learning.due_items import DueItem

        self.refresh_progress()
        if isinstance(result, DueItem):
            from screens.extras import open_extra

            kind = "exercises" if result.kind == "exercise" else "explain"
            open_extra(self, self.learning, kind, result.topic, result.item_id)

    def open_stats(self) -> None:
        """Push the stats screen: mastery chart, table and most-missed ideas."""
        from screens.stats.stats_screen import StatsScreen

        self.push_screen(StatsScreen(self.learning.mastery(), self.learning.missed(), self.learning.due_count()))

    def action_help(self) -> None:
        """Open the key help generated from the bindings, grouped by screen."""
        # Loaded on first use, not before the first frame.
        from screens.exercise.exercise_screen import ExerciseScreen
        from screens.explain.explain_screen import ExplainScreen
        from screens.help.help_screen import HelpScreen
        from screens.review.review_screen import ReviewScreen
        from screens.stats.stats_screen import StatsScreen
        from screens.widgets.param_panel import ParamPanel
        from screens.widgets.quiz_panel import QuizPanel
        from screens.widgets.sidebar import TopicSidebar

        if isinstance(self.screen, HelpScreen):
            return

        def in_notes(binding: BindingType) -> bool:
            return isinstance(binding, Binding) and binding.action == "leave_text"

        groups = [
            ("Topic screen", [b for b in TopicScreen.BINDINGS if not in_notes(b)]),
            ("Topics list", list(TopicSidebar.BINDINGS)),
            ("Parameter fields", list(ParamPanel.BINDINGS)),
            ("Quiz (in a topic and in Review)", list(QuizPanel.BINDINGS)),
            ("Notes (w)", [b for b in TopicScreen.BINDINGS if in_notes(b)]),
            ("Review (v)", list(ReviewScreen.BINDINGS)),
            ("Stats (s)", list(StatsScreen.BINDINGS)),
            ("Exercises (e)", list(ExerciseScreen.BINDINGS)),
            ("Explain (x)", list(ExplainScreen.BINDINGS)),
            ("Everywhere", list(self.BINDINGS)),
        ]
        self.push_screen(HelpScreen(groups))

    def action_toggle_theme(self) -> None:
        """Switch between Textual's dark and light themes."""
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_command_palette(self) -> None:
        """ctrl+p: our palette (its page keys wait for the list's first layout), else as Textual's."""
        open_palette(self)

    def search_themes(self) -> None:
        """The palette's Theme command: the theme list, in our palette (see open_theme_palette)."""
        open_theme_palette(self)


def make_app(
    data_dir: Path | None = None,
    *,
    topic: str | int | None = None,
    sets: Sequence[str] = (),
    experiments: Sequence[Experiment] | None = None,
    warm_sklearn: bool = True,
    cursor_blink: bool = True,
    app_class: type[MLPrepApp] = MLPrepApp,
) -> MLPrepApp:
    """Build the app; the CLI, the tests and the benchmarks all come through here.

    data_dir: the progress directory (None: the learner's own, or MLPREP_HOME); topic and sets:
    the deep link (--topic/--set; without one the app reopens where the learner left off);
    experiments: the topics (all eight by default); warm_sklearn: run scikit-learn topics in a
    warm child process started after the first frame (tests turn it off: everything runs in
    threads); cursor_blink: off in tests, so snapshots never catch a half-blink; app_class: a
    subclass to build instead (the benchmarks time one).
    """
    found = list(experiments) if experiments is not None else all_experiments()
    # scikit-learn topics run in a warm child process so they never hold the UI's GIL.
    runner = ExperimentProcess() if warm_sklearn else None
    learning = Learning(data_dir, [e.slug for e in found])
    learning.exercise_ids = exercise_ids_by_topic  # the marks and stats count the exercises too
    start = start_point(learning, found, topic, sets)
    return app_class(learning, found, start, runner=runner, cursor_blink=cursor_blink)


def run_app(topic: str | int | None = None, sets: Sequence[str] = ()) -> int:
    """Run the app in this terminal; the CLI's bare `mlprep-tui` lands here."""
    app = make_app(topic=topic, sets=sets)
    app.quit_on_signals = True
    try:
        app.run()
    finally:
        # Both also done on unmount; here too in case the app failed to start (both are harmless twice).
        if app.runner is not None:
            app.runner.stop()
        app.learning.close()
    return exit_status(app)  # 0, 128 + a quit signal's number, or 70 after a crash (logged)
