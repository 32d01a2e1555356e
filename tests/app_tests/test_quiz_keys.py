"""Issue 9, item 12: a key that means something on the topic screen never records a quiz answer.

The quiz answers with keys of its own (shift+A–E, or an arrow then Enter); b, c and every other
topic-screen key do what they do on the topic screen while a question is open, in the topic's quiz
and in Review (which hosts the same panel).
"""

from __future__ import annotations

from datetime import UTC, datetime

from textual.binding import Binding

from screens.app import MLPrepApp, make_app
from screens.review.review_screen import ReviewScreen
from screens.topic.topic_screen import TopicScreen
from screens.widgets.quiz_panel import QuizPanel
from screens.widgets.recap_view import RecapView
from screens.widgets.sidebar import TopicSidebar
from tests.conftest import screen_of, settle
from tutor.learning.content import load_questions
from tutor.learning.store.progress import open_store


def app_for_test(**options) -> MLPrepApp:
    return make_app(warm_sklearn=False, cursor_blink=False, **options)


def keys_of(bindings) -> set[str]:
    """Every key a binding list reacts to."""
    keys: set[str] = set()
    for binding in bindings:
        binding = binding if isinstance(binding, Binding) else Binding(*binding)
        keys.update(key.strip() for key in binding.key.split(","))
    return keys


def answer_keys() -> set[str]:
    """The quiz panel's keys that record an answer by themselves (Enter needs a highlight first)."""
    return {
        key
        for binding in QuizPanel.BINDINGS
        if isinstance(binding, Binding) and binding.action.startswith("choose(")
        for key in binding.key.split(",")
    }


def topic_screen_keys() -> list[str]:
    """The keys the topic screen and the app bind (quitting aside), in a stable order."""
    keys = keys_of(TopicScreen.BINDINGS) | keys_of(MLPrepApp.BINDINGS)
    return sorted(keys - {"ctrl+q"})


async def open_quiz(pilot, app: MLPrepApp) -> QuizPanel:
    """Back on the topic screen with the quiz showing and focused; returns the panel."""
    while not isinstance(app.screen, TopicScreen):
        app.pop_screen()
        await pilot.pause()
    screen = screen_of(app)
    recap = screen.query_one(RecapView)
    if recap.mode != "quiz":
        await pilot.press("q")
        await settle(pilot)
    quiz = screen.query_one("#quiz", QuizPanel)
    quiz.focus()
    await pilot.pause()
    return quiz


def test_no_answer_key_is_a_topic_screen_key() -> None:
    assert answer_keys(), "the quiz has keys that answer"
    assert not answer_keys() & (keys_of(TopicScreen.BINDINGS) | keys_of(MLPrepApp.BINDINGS))
    assert not answer_keys() & keys_of(TopicSidebar.BINDINGS)
    assert not answer_keys() & keys_of(ReviewScreen.BINDINGS)
    assert "enter" not in answer_keys()


async def test_every_topic_screen_key_records_nothing_while_a_question_is_open() -> None:
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in [*topic_screen_keys(), *"abcde", "enter"]:
            quiz = await open_quiz(pilot, app)
            assert quiz.current_question is not None and not quiz.answered
            await pilot.press(key)
            await settle(pilot)
            assert app.learning.store.attempts() == [], f"{key!r} recorded an answer"


async def test_b_hides_the_sidebar_and_c_shows_the_code_while_a_question_is_open() -> None:
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        quiz = await open_quiz(pilot, app)
        screen = screen_of(app)
        sidebar = screen.query_one(TopicSidebar)
        await pilot.press("b")
        await pilot.pause()
        assert sidebar.has_class("-hidden") and not quiz.answered
        await pilot.press("b")
        await pilot.pause()
        assert not sidebar.has_class("-hidden") and not quiz.answered
        await pilot.press("c")
        await pilot.pause()
        assert screen.query_one(RecapView).mode == "code" and not quiz.answered
        assert app.learning.store.attempts() == []


async def test_shift_letters_answer_in_the_topic_quiz() -> None:
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        quiz = await open_quiz(pilot, app)
        question, shown = quiz.current_question, quiz.shown_order
        await pilot.press("B")
        await settle(pilot)
        attempts = app.learning.store.attempts()
        # B is the second option as shown; the store keeps its index in the content, and the order shown.
        assert [(a.question_id, a.option_index, a.shown_order) for a in attempts] == [(question.id, shown[1], shown)]


async def test_enter_answers_only_after_an_arrow_chose_an_option() -> None:
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        quiz = await open_quiz(pilot, app)
        await pilot.press("enter")
        await settle(pilot)
        assert not quiz.answered
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert [a.option_index for a in app.learning.store.attempts()] == [quiz.shown_order[1]]


async def test_review_answers_with_the_same_keys_and_b_c_record_nothing() -> None:
    bank = load_questions()
    question = bank.for_topic("metrics")[0]
    store = open_store()
    store.record_attempt(question.id, question.topic, 0, False, 5000, when=datetime(2020, 1, 1, tzinfo=UTC))
    store.close()
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        before = len(app.learning.store.attempts())
        await pilot.press("b", "c", "a", "d", "e", "enter")
        await settle(pilot)
        assert len(app.learning.store.attempts()) == before
        review = app.screen.query_one(QuizPanel)
        await pilot.press(review.letter_of(question.correct_index))
        await settle(pilot)
        assert len(app.learning.store.attempts()) == before + 1


def test_footer_and_help_show_the_answer_keys() -> None:
    from screens.help.help_screen import binding_rows

    rows = binding_rows([("quiz", list(QuizPanel.BINDINGS))])
    shown = {key for _, key, _ in rows}
    assert "A–E" in shown
    assert not {"a", "b", "c", "d", "e", "a–e"} & shown


def test_help_explains_a_key_beyond_its_footer_word() -> None:
    from screens.help.help_screen import binding_rows
    from screens.topic.topic_screen import TopicScreen

    rows = {key: text for _, key, text in binding_rows([("topic screen", list(TopicScreen.BINDINGS))])}
    assert rows["m"] == "Bring back the values you had before the quiz set its own"
    assert rows["p"] == "Edit the experiment's parameters (Enter runs, Esc leaves)"
    from textual.binding import Binding

    bare = binding_rows([("quiz", [Binding("n", "next", "Next question")])])
    assert bare == [("quiz", "n", "Next question")]  # no tooltip: the word alone
