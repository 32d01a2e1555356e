"""Keys that arrive in one read (typed ahead over SSH, pasted, a macro): nothing crashes, nothing is
reordered. Every test queues its keys without waiting in between (see key_bursts.burst)."""

from __future__ import annotations

import pytest
from rich.syntax import Syntax
from textual import events
from textual.widgets import Input, Static, TextArea

from screens.app import make_app
from screens.widgets.param_panel import field_id
from screens.widgets.recap_view import RecapView
from tests.app_tests.key_bursts import burst
from tests.conftest import screen_of, settle


async def test_code_key_and_a_digit_in_one_read_after_two_topics() -> None:
    """Issue 9, item 3: `c2` in one read after visiting two topics mounted a second #code-scroll."""
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        for keys in (["c", "1"], ["c", "2"], ["c", "3", "c", "4", "c"]):
            burst(app, keys)
            await settle(pilot)
        recap = screen_of(app).query_one(RecapView)
        assert len(recap.query("#code-scroll")) == 1
        assert recap.mode == "code"
        assert screen_of(app).current == "metrics"
        body = recap.query_one("#code-body", Static).content
        assert isinstance(body, Syntax) and body.code == recap.code  # the newest topic's code


# ----- item 10: bound keys (Backspace, arrows, ctrl+u…) keep their place among typed characters -------
BURSTS = [
    (["1", "2", "backspace", "3"], "13"),
    (["1", "2", "left", "9"], "192"),
    (["5", "5", "ctrl+u", "7"], "7"),
    (["4", "home", "0", "full_stop", "end", "2"], "0.42"),
]


@pytest.mark.parametrize(("keys", "expected"), BURSTS, ids=lambda v: "-".join(v) if isinstance(v, list) else v)
async def test_a_burst_in_a_parameter_field_keeps_its_order(keys: list[str], expected: str) -> None:
    """Issue 9, item 10: '12', Backspace, '3' in one read gave '123'-then-delete, not '13'."""
    app = make_app(warm_sklearn=False, cursor_blink=False, topic="sigmoid")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        field = screen_of(app).query_one(f"#{field_id('sigmoid', 'threshold')}", Input)
        field.focus()
        field.value = ""
        await pilot.pause()
        burst(app, keys)
        await pilot.pause()
        assert field.value == expected


async def test_a_burst_in_the_notes_keeps_its_order() -> None:
    """The notes editor too: Backspace, arrows and enter among typed text, all in one read."""
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        burst(app, ["a", "b", "backspace", "c", "enter", "x", "left", "y", "up", "end", "z"])
        await pilot.pause()
        notes = screen_of(app).query_one(RecapView).notes_editor()
        assert notes is not None
        assert notes.text == "acz\nyx"


# ----- item 11: a paste of several lines into a parameter field ---------------------------------------
@pytest.mark.parametrize(
    ("pasted", "expected"),
    [("1\n2\n3\n4\n", "1, 2, 3, 4"), ("[1, 2,\n3,\n\n 4]", "[1, 2, 3, 4]"), ("1 2\r\n3 4", "1 2, 3 4")],
)
async def test_pasted_lines_become_items_of_a_list_field(pasted: str, expected: str) -> None:
    """Issue 9, item 11: Textual's Input kept the first line of a paste and dropped the rest."""
    app = make_app(warm_sklearn=False, cursor_blink=False, topic="sigmoid")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        field = screen_of(app).query_one(f"#{field_id('sigmoid', 'z_values')}", Input)
        field.focus()
        field.value = ""
        await pilot.pause()
        burst(app, [events.Paste(pasted)])
        await pilot.pause()
        assert field.value == expected
        await pilot.press("enter")
        await settle(pilot)
        state = screen_of(app).states["sigmoid"]
        assert state.errors == []
        assert state.result is not None and tuple(state.result.params["z_values"]) == (1.0, 2.0, 3.0, 4.0)


async def test_pasted_lines_in_a_one_number_field_stay_in_sight_with_a_message() -> None:
    """A multi-line paste into a number field: nothing dropped, a message under the field says why."""
    app = make_app(warm_sklearn=False, cursor_blink=False, topic="sigmoid")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        field = screen_of(app).query_one(f"#{field_id('sigmoid', 'threshold')}", Input)
        field.focus()
        field.value = "0."
        field.cursor_position = 2
        await pilot.pause()
        burst(app, ["3", events.Paste("7\n0.9\n"), "backspace"])
        await pilot.pause()
        assert field.value == "0.37 0."  # in order: '3', the paste (both lines), then Backspace
        message = str(field.parent.query_one(".param-error", Static).render())  # type: ignore[union-attr]
        assert "2 lines pasted" in message and "threshold" in message
        # A paste of one line with a trailing newline is just that line.
        field.value = ""
        burst(app, [events.Paste("\n0.25\n")])
        await pilot.pause()
        assert field.value == "0.25"


@pytest.mark.parametrize(
    ("keys", "on_top"),
    [
        (["e", "x"], "ExerciseScreen"),
        (["x", "e"], "ExplainScreen"),
        (["v", "x"], "ReviewScreen"),
        (["s", "e"], "StatsScreen"),
    ],
)
async def test_keys_after_one_that_opens_a_screen_go_to_that_screen(keys: list[str], on_top: str) -> None:
    """`e` then `x` in one read: the exercise screen opens and takes the `x`; the topic screen must not
    also open the explain prompts underneath it (the open used to wait for a message the keys overtook)."""
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, keys)
        await settle(pilot)
        await pilot.pause(0.3)
        names = [type(screen).__name__ for screen in app.screen_stack]
        assert names == ["Screen", "TopicScreen", on_top] or names == ["TopicScreen", on_top], names


async def test_text_typed_in_the_same_read_as_w_goes_into_the_notes() -> None:
    """Issue 9: keys read together with `w` were forwarded to the pane that had the focus before the notes
    opened, came back as the topic screen's keys (`e` opened the exercises) and the text was lost."""
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, ["w", *"typed before", "backspace", "backspace", "enter", *"ok", "escape", "?"])
        await settle(pilot)
        await pilot.pause(0.3)
        notes = screen_of(app).query_one(RecapView).notes_editor()
        assert notes is not None and notes.text == "typed befo\nok"
        # Escape, read in the same burst, still gave the keys back: `?` then opened the help.
        assert type(app.screen).__name__ == "HelpScreen"


async def test_a_value_typed_in_the_same_read_as_p_goes_into_the_field() -> None:
    """`p` focuses the first parameter field; digits read with it are that field's, not topic keys."""
    app = make_app(warm_sklearn=False, cursor_blink=False, topic="metrics")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        burst(app, ["p", "ctrl+u", *"12"])
        await settle(pilot)
        await pilot.pause(0.3)
        assert screen.current == "metrics"  # the 1 and the 2 did not switch topics
        assert isinstance(app.focused, Input) and app.focused.value == "12"


@pytest.mark.parametrize("opener", ["x", "e"])
async def test_text_typed_in_the_same_read_as_the_key_that_opens_an_editor_goes_into_it(opener: str) -> None:
    """`x` (explain) and `e` (exercises) open a screen whose editor takes the cursor: text read with the key
    is the learner's answer or code, not the new screen's keys (`r` would reveal the model answer)."""
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, [opener, *"reason"])
        await settle(pilot)
        await pilot.pause(0.3)
        editor = app.focused
        assert isinstance(editor, TextArea) and editor.screen is app.screen
        assert type(app.screen).__name__ == {"x": "ExplainScreen", "e": "ExerciseScreen"}[opener]
        assert "reason" in editor.text
        assert not app.screen.has_class("-revealed")  # the `r` was typed, not a reveal


async def test_a_value_typed_with_p_before_the_first_frame_goes_into_the_field() -> None:
    """The first topic's fields mount right after the first frame (start-up cost): `p` and a value typed
    while the app starts still land in the field, as on a slow SSH link where the keys come in one read."""
    app = make_app(warm_sklearn=False, cursor_blink=False, topic="metrics")
    async with app.run_test(size=(100, 30)) as pilot:
        burst(app, ["p", "ctrl+u", *"12"])  # no settling first: queued with the first frame
        await settle(pilot)
        await pilot.pause(0.3)
        assert screen_of(app).current == "metrics"
        assert isinstance(app.focused, Input) and app.focused.value == "12"


async def test_a_topic_digit_p_and_a_value_in_one_read() -> None:
    """`8p0.3`: the new topic's panel is built, its first field takes the focus, and 0.3 is typed there
    (not `0` ignored and `3` opening topic 3)."""
    app = make_app(warm_sklearn=False, cursor_blink=False, topic="metrics")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        burst(app, ["8", "p", "ctrl+u", *"0.3"])
        await settle(pilot)
        await pilot.pause(0.3)
        assert screen_of(app).current == "gradient-descent"
        assert isinstance(app.focused, Input) and app.focused.value == "0.3"
