"""Issue 10, item 2: the layout grows with the terminal and keeps the plot at 60x20."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from screens.app import MLPrepApp, make_app
from screens.widgets.plot_view import PlotView
from screens.widgets.results_view import ResultsView, result_renderable
from screens.widgets.sidebar import TopicSidebar
from tests.conftest import screen_of, settle, shown
from tutor.engine.experiments import all_experiments
from tutor.render.plots import MIN_HEIGHT, MIN_WIDTH


class QuietApp(MLPrepApp):
    """The app without its one-time welcome, so the panes are what the test looks at."""

    show_welcome = False


def app_at(topic: int) -> MLPrepApp:
    """The app at a topic, runs in threads, no cursor blink."""
    return make_app(topic=topic, warm_sklearn=False, cursor_blink=False, app_class=QuietApp)


def abbreviated(app: MLPrepApp, slug: str, width: int) -> list[str]:
    """The lines of the topic's results, drawn at `width` columns, that end a cut word with '…'."""
    result = shown(app, slug)
    assert result is not None
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(result_renderable(result))
    return [line for line in console.export_text().splitlines() if "…" in line]


@pytest.mark.parametrize("size", [(160, 45), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("number", [e.number for e in all_experiments()])
async def test_results_tables_are_not_abbreviated_from_160_columns(size: tuple[int, int], number: int) -> None:
    # At 160 columns the right column stayed 44 wide and tables read "classi…", "precisi…".
    app = app_at(number)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        body = screen.query_one(ResultsView).query_one("#results-body")
        assert abbreviated(app, screen.current, body.content_size.width) == []


async def test_the_left_column_keeps_its_width_at_120_columns() -> None:
    app = app_at(1)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert screen_of(app).query_one("#right").outer_size.width == 44


async def test_the_plot_draws_at_60x20_and_b_brings_the_sidebar_back() -> None:
    # At 60x20 the recap and the plot were 6 columns wide: "(plot…".
    app = app_at(1)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        plot = screen.query_one(PlotView)
        width, height = plot.content_size.width, plot.content_size.height
        assert width >= MIN_WIDTH and height >= MIN_HEIGHT, (width, height)
        text = str(plot.render())
        assert "┤" in text and "σ(z)" in text, text
        sidebar = screen.query_one(TopicSidebar)
        assert not sidebar.display or sidebar.has_class("-hidden")
        await pilot.press("b")
        await pilot.pause()
        assert not sidebar.has_class("-hidden")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert sidebar.display and not sidebar.has_class("-hidden")


async def test_a_sidebar_that_stepped_aside_does_not_keep_the_focus() -> None:
    """At 60x20 the hidden topics list kept the focus: Down changed the topic, unseen."""
    app = app_at(1)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        assert not screen.query_one(TopicSidebar).has_focus
        await pilot.press("down", "down")
        await pilot.pause()
        assert screen.current == "sigmoid"
        await pilot.resize_terminal(120, 40)  # it comes back; shrink again with the focus on it
        await pilot.pause()
        screen.set_focus(screen.query_one(TopicSidebar))
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert not screen.query_one(TopicSidebar).has_focus
