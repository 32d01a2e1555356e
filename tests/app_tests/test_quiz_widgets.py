"""Pilot tests of the quiz panel, the review screen and the stats screen, each in a small test app."""

from __future__ import annotations

import io
import random
from collections.abc import Callable, MutableSequence, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from screens.review.review_screen import NOTHING_DUE, ReviewScreen
from screens.stats.stats_screen import NO_PROGRESS, MasteryChart, StatsScreen, TopicTable
from screens.widgets.quiz_panel import QuizOption, QuizPanel
from screens.widgets.quiz_rows import ExplainRow
from tutor.learning.content import load_questions
from tutor.learning.mastery import mastery, missed_ideas
from tutor.learning.questions import Option, Question
from tutor.learning.store.progress import open_store

SCREENS = Path(__file__).resolve().parents[2] / "screens"
CSS = [SCREENS / name for name in ("widgets/quiz_panel.tcss", "review/review_screen.tcss", "stats/stats_screen.tcss")]


def question(
    qid: str, options: int = 4, right: int = 1, predict: dict[str, str] | None = None, topic: str = "sigmoid"
) -> Question:
    """A hand-made question whose texts say which option they belong to."""
    return Question(
        id=qid,
        topic=topic,
        idea=f"idea of {qid}",
        prompt=f"Prompt of {qid}?",
        options=tuple(Option(f"text {qid}/{i}", i == right, f"why {qid}/{i}") for i in range(options)),
        predict=predict or {},
    )


class InOrder(random.Random):
    """An injected shuffler that leaves the options in content order, so a letter names a known option."""

    def shuffle(self, x: MutableSequence[Any]) -> None:
        return None


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class QuizApp(App):
    """One QuizPanel filling the screen; records answers and the panel's messages."""

    CSS_PATH = CSS

    def __init__(
        self,
        questions: Sequence[Question],
        clock: Callable[[], float] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__()
        self.questions = list(questions)
        self.clock = clock
        self.rng = rng if rng is not None else InOrder()
        self.records: list[tuple[Question, int, bool, int, bool, tuple[int, ...]]] = []
        self.answered: list[QuizPanel.Answered] = []
        self.predicted: list[QuizPanel.PredictAnswered] = []

    def record(
        self, q: Question, option: int, correct: bool, duration_ms: int, recap: bool, shown: tuple[int, ...]
    ) -> None:
        self.records.append((q, option, correct, duration_ms, recap, shown))

    def compose(self) -> ComposeResult:
        kwargs = {"clock": self.clock} if self.clock else {}
        yield QuizPanel(self.questions, self.record, heading="Quiz", rng=self.rng, **kwargs)

    def on_mount(self) -> None:
        self.query_one(QuizPanel).focus()

    def on_quiz_panel_answered(self, event: QuizPanel.Answered) -> None:
        self.answered.append(event)

    def on_quiz_panel_predict_answered(self, event: QuizPanel.PredictAnswered) -> None:
        self.predicted.append(event)


class PushApp(App):
    """Pushes one screen over a blank one and keeps what it dismisses with."""

    CSS_PATH = CSS

    def __init__(self, make: Callable[[], Screen]) -> None:
        super().__init__()
        self.make = make
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.make(), self.results.append)


def text_of(widget: Static) -> str:
    """What a Static shows, as plain text."""
    return str(widget.visual)


def panel_of(app: App) -> QuizPanel:
    return app.screen.query_one(QuizPanel)


# ----- QuizPanel ------------------------------------------------------------------------
async def test_letter_key_chooses_and_right_feedback() -> None:
    app = QuizApp([question("q1", right=2)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("C")
        panel = panel_of(app)
        assert panel.answered
        assert [(r[0].id, r[1], r[2]) for r in app.records] == [("q1", 2, True)]
        assert panel.feedback_text.startswith("✓ Correct: C.")
        assert "C. (Your answer) why q1/2" in panel.feedback_text
        assert "The right answer" not in panel.feedback_text
        assert text_of(panel.query_one("#quiz-verdict", Static)) == "✓ Correct: C."


async def test_wrong_answer_explains_every_option_chosen_and_right_first() -> None:
    app = QuizApp([question("q1", right=2)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("D")
        panel = panel_of(app)
        feedback = panel.feedback_text
        assert feedback.startswith("✗ Not quite: you chose D; the answer is C.")
        said = ["D. (Your answer) why q1/3", "C. (The right answer) why q1/2", "A. why q1/0", "B. why q1/1"]
        assert [feedback.index(part) for part in said] == sorted(feedback.index(part) for part in said)
        rows = list(panel.query(QuizOption))
        assert rows[3].has_class("-wrong") and rows[2].has_class("-right")
        assert not rows[0].has_class("-right") and not rows[0].has_class("-wrong")
        shown = [text_of(row.query_one(".quiz-text", Static)) for row in panel.query(ExplainRow) if row.display]
        assert shown == ["Your answer: why q1/3", "The right answer: why q1/2", "why q1/0", "why q1/1"]


async def test_arrows_and_enter_choose_the_highlighted_option() -> None:
    app = QuizApp([question("q1", right=3), question("q2", right=0)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down", "down", "up", "down", "down", "enter")
        assert [(r[1], r[2]) for r in app.records] == [(3, True)]
        await pilot.press("n", "j", "j", "j", "k", "enter")
        assert [(r[1], r[2]) for r in app.records] == [(3, True), (1, False)]


async def test_highlight_stops_at_the_ends() -> None:
    app = QuizApp([question("q1", options=3)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("up", "enter")
        assert app.records[0][1] == 0
        app.query_one(QuizPanel).set_questions([question("q2", options=3)], "Quiz")
        await pilot.press("down", "down", "down", "down", "enter")
        assert app.records[1][1] == 2


async def test_second_letter_after_answering_does_nothing() -> None:
    app = QuizApp([question("q1", right=1)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("A")
        feedback = panel_of(app).feedback_text
        await pilot.press("B", "enter", "up")
        assert len(app.records) == 1 and len(app.answered) == 1
        assert panel_of(app).feedback_text == feedback
        assert panel_of(app).score == (0, 1)


async def test_letters_beyond_the_option_count_are_ignored() -> None:
    app = QuizApp([question("q1", options=3, right=2)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("D", "E")
        assert app.records == [] and not panel_of(app).answered
        assert [row.display for row in panel_of(app).query(QuizOption)] == [True, True, True, False, False]
        await pilot.press("C")
        assert [(r[1], r[2]) for r in app.records] == [(2, True)]


async def test_n_advances_then_ends_then_starts_again() -> None:
    app = QuizApp([question("q1"), question("q2")])
    async with app.run_test(size=(100, 30)) as pilot:
        panel = panel_of(app)
        heading = panel.query_one("#quiz-heading", Static)
        assert text_of(heading) == "Quiz · Question 1 of 2"
        assert text_of(panel.query_one("#quiz-prompt", Static)) == "Prompt of q1?"
        await pilot.press("A", "n")
        assert panel.current_question.id == "q2" and not panel.answered
        assert text_of(heading) == "Quiz · Question 2 of 2"
        await pilot.press("B", "n")
        assert panel.current_question is None
        message = text_of(panel.query_one("#quiz-message", Static))
        assert message.startswith("You've answered all 2 — n starts again")
        await pilot.press("A")  # nothing to answer at the end
        assert len(app.records) == 2
        await pilot.press("n")
        assert panel.current_question.id == "q1" and text_of(heading) == "Quiz · Question 1 of 2"


async def test_skipping_says_how_many_were_answered() -> None:
    app = QuizApp([question("q1"), question("q2"), question("q3")])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("B", "n", "n", "n")
        message = text_of(panel_of(app).query_one("#quiz-message", Static))
        assert "last of 3 questions (you answered 1 of them) — n starts again" in message


async def test_score_counts_this_panel_session() -> None:
    app = QuizApp([question("q1", right=0), question("q2", right=0), question("q3", right=0)])
    async with app.run_test(size=(100, 30)) as pilot:
        panel = panel_of(app)
        score = panel.query_one("#quiz-score", Static)
        assert text_of(score) == "Score 0/0 · shift+A–D or ↑↓ Enter answers"
        await pilot.press("A", "n", "B", "n")
        assert panel.score == (1, 2)
        assert text_of(score).startswith("Score 1/2 · ")
        panel.set_questions([question("x1")], "Other topic")
        await pilot.pause()
        assert panel.score == (0, 0)
        assert text_of(panel.query_one("#quiz-heading", Static)) == "Other topic · Question 1 of 1"


async def test_predict_message_only_for_predict_questions() -> None:
    plain, predict = question("plain"), question("pred", predict={"threshold": "0.9"})
    app = QuizApp([plain, predict])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("A")
        await pilot.pause()
        assert app.predicted == [] and [m.question.id for m in app.answered] == ["plain"]
        assert "Running the experiment" not in panel_of(app).feedback_text
        await pilot.press("n", "B")
        await pilot.pause()
        assert [m.question.id for m in app.predicted] == ["pred"]
        assert app.predicted[0].control is panel_of(app)
        assert [(m.question.id, m.option_index, m.correct) for m in app.answered] == [
            ("plain", 0, False),
            ("pred", 1, True),
        ]
        assert "Running the experiment with threshold=0.9: watch the plot and numbers" in panel_of(app).feedback_text


async def test_duration_comes_from_the_injected_clock() -> None:
    clock = FakeClock()
    app = QuizApp([question("q1"), question("q2")], clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        clock.now = 102.345
        await pilot.press("A")
        clock.now = 200.0
        await pilot.press("n")  # the clock restarts when the next question is shown
        clock.now = 200.5
        await pilot.press("B")
        assert [r[3] for r in app.records] == [2345, 500]


async def test_recap_reopened_is_passed_through_for_that_question_only() -> None:
    app = QuizApp([question("q1"), question("q2")])
    async with app.run_test(size=(100, 30)) as pilot:
        panel_of(app).note_recap_opened()
        await pilot.press("A", "n", "A")
        assert [r[4] for r in app.records] == [True, False]


async def test_empty_question_list() -> None:
    app = QuizApp([])
    async with app.run_test(size=(100, 30)) as pilot:
        panel = panel_of(app)
        assert text_of(panel.query_one("#quiz-message", Static)) == "No questions for this topic yet."
        await pilot.press("A", "enter", "n", "down")
        assert app.records == [] and panel.current_question is None
        assert not panel.query_one("#quiz-score", Static).display


async def test_real_questions_from_the_content() -> None:
    questions = load_questions().for_topic("sigmoid")
    app = QuizApp(questions, rng=random.Random(5))
    async with app.run_test(size=(80, 24)) as pilot:
        first = questions[0]
        await pilot.press(panel_of(app).letter_of(first.correct_index))
        feedback = panel_of(app).feedback_text
        assert feedback.startswith("✓ Correct")
        assert first.options[first.correct_index].explanation in feedback
        assert app.records[0][0] is first and app.records[0][2] is True


async def test_click_on_an_option_answers() -> None:
    app = QuizApp([question("q1", right=1)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click(".quiz-option", offset=(8, 0))
        assert [r[1] for r in app.records] == [0]


async def test_question_stays_and_the_feedback_shows_on_a_narrow_short_panel() -> None:
    long = Question(
        "long",
        "sigmoid",
        "idea",
        "A long prompt " * 12,
        tuple(Option("a fairly long option text " * 3, i == 0, "explained at length " * 8) for i in range(5)),
    )
    app = QuizApp([long])
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.press("E")
        await pilot.pause()
        panel = panel_of(app)
        body, feedback = (
            panel.query_one("#quiz-body", VerticalScroll),
            panel.query_one("#quiz-feedback", VerticalScroll),
        )
        assert body.scroll_y == 0  # the question is where it was: its start stays in view
        verdict = panel.query_one("#quiz-verdict")
        assert feedback.region.y <= verdict.region.y < feedback.region.bottom
        assert panel.query_one("#quiz-score").region.bottom <= panel.region.bottom
        await pilot.press("pagedown")
        await pilot.pause()
        assert feedback.scroll_y > 0 and body.scroll_y == 0  # PgDn scrolls the explanations, not the question


def test_every_binding_has_a_description() -> None:
    for bindings in (QuizPanel.BINDINGS, ReviewScreen.BINDINGS, StatsScreen.BINDINGS):
        for binding in bindings:
            assert isinstance(binding, Binding) and binding.description, binding


# ----- ReviewScreen ---------------------------------------------------------------------
async def test_review_screen_empty() -> None:
    app = PushApp(lambda: ReviewScreen([], lambda *args: None, {}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert text_of(app.screen.query_one("#review-empty", Static)) == NOTHING_DUE
        assert not app.screen.query(QuizPanel)
        await pilot.press("escape")
        assert not isinstance(app.screen, ReviewScreen)
        assert app.results == [(0, 0)]


async def test_review_screen_asks_due_questions_with_their_topic() -> None:
    records: list[tuple] = []
    due = [question("s1", topic="sigmoid", right=0), question("m1", topic="metrics", right=0)]
    titles = {"sigmoid": "1. Sigmoid", "metrics": "4. Metrics"}
    app = PushApp(lambda: ReviewScreen(due, lambda *args: records.append(args), titles, rng=InOrder()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = panel_of(app)
        assert panel.has_focus
        heading = panel.query_one("#quiz-heading", Static)
        assert text_of(heading) == "Review · 1. Sigmoid · Question 1 of 2"
        await pilot.press("A", "n")
        assert text_of(heading) == "Review · 4. Metrics · Question 2 of 2"
        await pilot.press("B")
        assert [(r[0].id, r[1], r[2]) for r in records] == [("s1", 0, True), ("m1", 1, False)]
        await pilot.press("escape")
        assert not isinstance(app.screen, ReviewScreen)
        assert app.results == [(1, 2)]


async def test_review_ends_after_the_last_due_question_instead_of_starting_again() -> None:
    """Answering a card twice in one sitting would record a second review of it."""
    records: list[tuple] = []
    app = PushApp(
        lambda: ReviewScreen([question("s1", right=0)], lambda *args: records.append(args), {}, rng=InOrder())
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = panel_of(app)
        await pilot.press("A", "n")
        message = text_of(panel.query_one("#quiz-message", Static))
        assert "Esc closes the review" in message and "starts again" not in message
        await pilot.press("n", "A")  # n does not wrap, so there is nothing to answer
        assert panel.current_question is None
        assert len(records) == 1
        await pilot.press("escape")
        assert app.results == [(1, 1)]


async def test_review_heading_falls_back_to_the_slug() -> None:
    app = PushApp(lambda: ReviewScreen([question("x", topic="retired-topic")], lambda *args: None, {}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(panel_of(app).query_one("#quiz-heading", Static)).startswith("Review · retired-topic")


# ----- StatsScreen ----------------------------------------------------------------------
def plain(renderable: object, width: int) -> str:
    """A rich renderable as plain text at a width."""
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def test_stats_screen_without_progress(tmp_path: Path) -> None:
    bank = load_questions()
    with open_store(tmp_path) as store:
        rows = mastery(store, bank)
    app = PushApp(lambda: StatsScreen(rows, [], 0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert text_of(screen.query_one("#stats-empty", Static)) == NO_PROGRESS
        assert not screen.query(MasteryChart)
        await pilot.press("escape")
        assert not isinstance(app.screen, StatsScreen)


async def test_stats_screen_with_no_topics_at_all() -> None:
    app = PushApp(lambda: StatsScreen([], [], 0))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text_of(app.screen.query_one("#stats-empty", Static)) == NO_PROGRESS


async def test_stats_screen_with_progress(tmp_path: Path) -> None:
    bank = load_questions()
    sigmoid = bank.for_topic("sigmoid")
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with open_store(tmp_path) as store:
        for q in sigmoid[:3]:
            store.record_attempt(q.id, q.topic, q.correct_index, True, 4000, when=start)
        wrong = (sigmoid[3].correct_index + 1) % len(sigmoid[3].options)
        store.record_attempt(sigmoid[3].id, "sigmoid", wrong, False, 4000, when=start)
        later = start + timedelta(days=60)
        rows = mastery(store, bank, now=later)
        missed = missed_ideas(store, bank)
        due = store.due_count(later)
    app = PushApp(lambda: StatsScreen(rows, missed, due))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.query("#stats-empty")
        assert text_of(screen.query_one("#stats-summary", Static)).startswith("4 questions due for review now")
        chart = screen.query_one(MasteryChart)
        spec = chart.spec(90)
        assert spec.kind == "bar" and spec.values[0] == 3.0 and sum(spec.values) == 3.0
        assert "Right on the latest attempt" in chart.render().plain
        table = plain(screen.query_one(TopicTable).render(), 100)
        assert "1. Sigmoid" in table and f"4/{len(sigmoid)}" in table and "answered" in table
        missed_text = plain(screen.query_one("#stats-missed", Static).content, 100)
        assert sigmoid[3].idea in missed_text and "1. Sigmoid · missed 1 of 1 · still wrong" in missed_text
        await pilot.press("escape")
        assert not isinstance(app.screen, StatsScreen)


async def test_stats_chart_redraws_at_the_new_width(tmp_path: Path) -> None:
    bank = load_questions()
    with open_store(tmp_path) as store:
        q = bank.for_topic("metrics")[0]
        store.record_attempt(q.id, q.topic, q.correct_index, True, 4000)
        rows = mastery(store, bank)
    app = PushApp(lambda: StatsScreen(rows, [], 0))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        chart = app.screen.query_one(MasteryChart)
        wide = chart.render()
        assert {line.cell_len for line in wide.split()} == {chart.content_size.width}
        await pilot.resize_terminal(48, 24)
        await pilot.pause()
        narrow = chart.render()
        assert chart.content_size.width < 90
        assert {line.cell_len for line in narrow.split()} == {chart.content_size.width}
        assert "done" in plain(app.screen.query_one(TopicTable).render(), 48)  # the compact headers
