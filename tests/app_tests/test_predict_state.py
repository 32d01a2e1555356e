"""Issue 9, item 13: answering a predict question puts the experiment in exactly the state its text
describes (the topic's defaults plus its changes), whatever an earlier question or the learner left
behind; the learner's own values come back with `m`, and by themselves when the quiz closes.
"""

from __future__ import annotations

from screens.app import make_app
from screens.widgets.param_panel import field_id
from screens.widgets.quiz_panel import QuizPanel
from tests.conftest import open_quiz, screen_of, settle, shown
from tutor.engine.experiments import get
from tutor.learning.questions import predict_state

SLUG = "cross-entropy"


def app_for_test(**options):
    return make_app(warm_sklearn=False, cursor_blink=False, topic=SLUG, **options)


async def answer_next_predict(pilot, quiz: QuizPanel):
    """Move to the next predict question and answer it right; return it."""
    while not quiz.current_question.predict:
        await pilot.press("n")
    question = quiz.current_question
    await pilot.press(quiz.letter_of(question.correct_index))
    await settle(pilot)
    return question


async def test_each_predict_question_runs_the_defaults_plus_its_changes() -> None:
    experiment = get(SLUG)
    defaults = experiment.params.default_texts()
    app = app_for_test()
    async with app.run_test(size=(120, 40)) as pilot:
        quiz = await open_quiz(pilot)
        predict = [q for q in app.learning.questions(SLUG) if q.predict]
        assert len(predict) >= 3
        for _ in predict:  # in file order, each after the one before left its values behind
            question = await answer_next_predict(pilot, quiz)
            state = predict_state(question, defaults)
            assert screen_of(app).panel(SLUG).texts() == state, question.id
            result = shown(app, SLUG)
            assert result.metric_values() == experiment.run_texts(state).metric_values(), question.id
            for key, quoted in question.expect.items():
                assert result.metric(key).display() == quoted, (question.id, key)
            await pilot.press("n")


async def test_m_brings_the_learners_own_values_back() -> None:
    app = app_for_test(sets=["lam=0.5", "penalty=l1"])
    async with app.run_test(size=(120, 40)) as pilot:
        quiz = await open_quiz(pilot)
        screen = screen_of(app)
        own = screen.panel(SLUG).texts()
        assert own["lam"] == "0.5" and own["penalty"] == "l1"
        await answer_next_predict(pilot, quiz)
        await pilot.press("n")
        await answer_next_predict(pilot, quiz)  # a second question: "own" is still what the learner had
        assert screen.panel(SLUG).texts() != own
        await pilot.press("m")
        await settle(pilot)
        assert screen.panel(SLUG).texts() == own
        assert shown(app, SLUG).params["lam"] == 0.5 and shown(app, SLUG).params["penalty"] == "l1"
        assert quiz.current_question is not None  # the quiz stays where it was


async def test_closing_the_quiz_gives_the_values_back_unless_the_learner_changed_them() -> None:
    app = app_for_test(sets=["lam=0.5"])
    async with app.run_test(size=(120, 40)) as pilot:
        quiz = await open_quiz(pilot)
        screen = screen_of(app)
        own = screen.panel(SLUG).texts()
        assert not screen.active_bindings.get("m")  # nothing to bring back yet: not in the footer
        await answer_next_predict(pilot, quiz)
        assert "m" in screen.active_bindings  # now it is
        await pilot.press("q")  # back to the recap
        await settle(pilot)
        assert screen.panel(SLUG).texts() == own and shown(app, SLUG).params["lam"] == 0.5
        assert "m" not in screen.active_bindings

        # Answer again, then change a field by hand: that value is the learner's now and stays.
        await pilot.press("q")
        await settle(pilot)
        await pilot.press("n")
        await answer_next_predict(pilot, quiz)
        field = screen.query_one(f"#{field_id(SLUG, 'lam')}")
        field.focus()
        field.value = "0.25"
        await pilot.press("enter", "escape")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert screen.panel(SLUG).texts()["lam"] == "0.25"
        await pilot.press("m")  # …and `m` still brings back what they had before the quiz
        await settle(pilot)
        assert screen.panel(SLUG).texts() == own


def test_the_feedback_says_which_state_runs_and_review_does_not_claim_a_run() -> None:
    from screens.widgets.quiz_text import explanation

    question = next(q for q in get_questions() if q.predict)
    said = explanation(question, question.correct_index)
    assert "Running the experiment with" in said and "at its default" in said and "m brings back" in said
    in_review = explanation(question, question.correct_index, runs_predict=False)
    assert "Running the experiment" not in in_review and "In the topic's quiz this runs" in in_review


def get_questions():
    from tutor.learning.content import load_questions

    return load_questions()
