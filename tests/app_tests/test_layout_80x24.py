"""80x24 is a first-class size: topic names stay readable, the footer is never cut off, any pane maximises."""

from __future__ import annotations

import pytest
from textual.app import ComposeResult
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from screens.app import MLPrepApp, make_app
from screens.topic.topic_screen import TopicScreen
from screens.widgets.fitting_footer import FittingFooter, fit_keys
from screens.widgets.sidebar import TopicSidebar
from tests.conftest import screen_of, settle
from tutor.engine.experiments import all_experiments

SIZES = [(80, 24), (100, 30), (120, 40), (200, 60)]


def app() -> MLPrepApp:
    """The app as the tests see it."""
    return make_app(warm_sklearn=False, cursor_blink=False)


def sidebar_lines(app: MLPrepApp) -> list[str]:
    """The sidebar's topic lines as drawn."""
    sidebar = screen_of(app).query_one(TopicSidebar)
    return str(sidebar.render()).splitlines()[: len(all_experiments())]


def footer_keys(app: MLPrepApp) -> list[FooterKey]:
    """The keys the footer shows now."""
    return list(app.screen.query_one(FittingFooter).query(FooterKey))


def assert_footer_fits(app: MLPrepApp) -> None:
    """Every key the footer shows ends inside the terminal, and help and quit are among them."""
    keys = footer_keys(app)
    width = app.size.width
    assert keys, "the footer shows no key"
    for key in keys:
        assert key.region.right <= width, f"{key.key_display} {key.description} is cut off at {width} columns"
    shown = {key.key_display for key in keys}
    assert {"?", "^q"} <= shown


@pytest.mark.parametrize("size", SIZES)
async def test_topic_names_show_at_every_size(size: tuple[int, int]) -> None:
    async with app().run_test(size=size) as pilot:
        await settle(pilot)
        lines = sidebar_lines(pilot.app)  # type: ignore[arg-type]
        for experiment, line in zip(all_experiments(), lines, strict=True):
            name = f"{experiment.number} {experiment.short_title}"
            # Cut with '…' if need be, but at least the number and four letters of the name.
            assert line.startswith(name) or (line.endswith("…") and name.startswith(line[:-1]) and len(line) >= 6)
        assert lines[0].startswith("1 Sigmoid")


@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_is_never_cut_off(size: tuple[int, int]) -> None:
    async with app().run_test(size=size) as pilot:
        await settle(pilot)
        assert_footer_fits(pilot.app)  # type: ignore[arg-type]
        await pilot.press("q")  # the quiz brings its own keys first
        await settle(pilot)
        assert_footer_fits(pilot.app)  # type: ignore[arg-type]
        assert footer_keys(pilot.app)[0].key_display != "1–8"  # type: ignore[arg-type]


async def test_the_footer_refits_when_the_terminal_narrows() -> None:
    async with app().run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        wide = len(footer_keys(pilot.app))  # type: ignore[arg-type]
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.pause(0.05)
        assert_footer_fits(pilot.app)  # type: ignore[arg-type]
        assert len(footer_keys(pilot.app)) < wide  # type: ignore[arg-type]


def test_fit_keys_keeps_pinned_keys_and_the_order() -> None:
    assert fit_keys([5, 5, 5, 5], pinned=[3], room=12) == [0, 3]
    assert fit_keys([5, 9, 2, 4], pinned=[3], room=12) == [0, 3]  # never a later, shorter key out of turn
    assert fit_keys([5, 5], pinned=[], room=100) == [0, 1]


async def focus_pane(pilot: Pilot, pane: str) -> None:
    """Give a pane (or the first focusable widget in it) the focus."""
    screen = screen_of(pilot.app)  # type: ignore[arg-type]
    widget = screen.query_one(f"#{pane}")
    target = widget if widget.can_focus else next(w for w in widget.query("*") if w.focusable)
    target.focus()
    await pilot.pause()


@pytest.mark.parametrize("pane", ["recap", "plot", "results", "params"])
async def test_z_maximises_the_focused_pane_and_z_restores_it(pane: str) -> None:
    async with app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = screen_of(pilot.app)  # type: ignore[arg-type]
        await focus_pane(pilot, pane)
        await pilot.press("z")
        await pilot.pause()
        assert screen.maximized is screen.query_one(f"#{pane}")
        assert screen.maximized.region.width == 80  # the whole width is the pane's
        assert not screen.query_one(TopicSidebar).region  # the others are out of the way
        await pilot.press("z")
        await pilot.pause()
        assert screen.maximized is None
        assert screen.query_one(TopicSidebar).region.width > 0


async def test_z_from_the_topics_list_maximises_the_study_pane_and_the_quiz_too() -> None:
    async with app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = screen_of(pilot.app)  # type: ignore[arg-type]
        await pilot.press("z")
        assert screen.maximized is screen.query_one("#recap")
        await pilot.press("escape")  # Esc restores too
        await pilot.pause()
        assert screen.maximized is None
        await pilot.press("q")
        await settle(pilot)
        await pilot.press("z")
        await pilot.pause()
        assert screen.maximized is screen.query_one("#recap")
        assert screen.has_class("-quiz")


async def test_z_in_a_parameter_field_is_text() -> None:
    async with app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.press("z")
        await pilot.pause()
        screen = screen_of(pilot.app)  # type: ignore[arg-type]
        assert isinstance(screen, TopicScreen)
        assert screen.maximized is None


async def test_the_results_pane_starts_at_its_top_on_a_new_topic() -> None:
    async with app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")  # visited once: coming back shows its kept result at once, no run between
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        results = screen_of(pilot.app).query_one("#results")  # type: ignore[arg-type]
        for key in "41":
            results.scroll_end(animate=False)
            await pilot.pause()
            assert results.scroll_y > 0  # at 80x24 the results are taller than their pane
            await pilot.press(key)
            await settle(pilot)
            assert results.scroll_y == 0, key


async def test_the_footer_is_rebuilt_only_when_what_it_shows_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual signals a bindings change on every focus move; rebuilding the keys each time was a quarter of
    the CPU of a burst of keys. An unchanged signal rebuilds nothing; a new set of keys still shows."""
    the_app = app()
    async with the_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        builds: list[int] = []
        compose = FittingFooter.compose

        def counted(self: FittingFooter) -> ComposeResult:
            builds.append(1)
            return compose(self)

        monkeypatch.setattr(FittingFooter, "compose", counted)
        for _ in range(3):
            the_app.screen.bindings_updated_signal.publish(the_app.screen)
            await pilot.pause()
        await settle(pilot)
        assert builds == []
        before = [key.description for key in footer_keys(the_app)]
        await pilot.press("q")  # the quiz: its answer keys join the footer
        await settle(pilot)
        assert builds and [key.description for key in footer_keys(the_app)] != before
