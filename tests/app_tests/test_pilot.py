"""Pilot tests of the topic screen: every key of the contract, edits, errors and stale runs."""

from __future__ import annotations

import dataclasses
import io
import threading

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, Select, Static

from screens.app import MLPrepApp, make_app
from screens.help.help_screen import HelpScreen
from screens.topic.topic_screen import TopicScreen
from screens.widgets.param_panel import ParamField, field_id
from screens.widgets.plot_view import PlotView
from screens.widgets.recap_view import RecapView
from screens.widgets.results_view import ResultsView
from screens.widgets.sidebar import TopicSidebar
from tests.conftest import screen_of, settle, shown
from tutor.engine.experiments import all_experiments, get
from tutor.render.plots import strip_ansi


def field(app: MLPrepApp, slug: str, name: str) -> Input:
    """A parameter's text field."""
    return screen_of(app).query_one(f"#{field_id(slug, name)}", Input)


async def type_into(pilot: Pilot, slug: str, name: str, text: str) -> None:
    """Focus a field, replace its text as a learner would, press Enter."""
    widget = field(pilot.app, slug, name)  # type: ignore[arg-type]
    widget.focus()
    await pilot.pause()
    widget.value = ""
    await pilot.press(*list(text) if text else [])
    await pilot.press("enter")
    await settle(pilot)


def plot_text(app: MLPrepApp) -> str:
    """What the plot pane draws, as plain text."""
    return strip_ansi(str(screen_of(app).query_one(PlotView).render()))


def results_text(app: MLPrepApp) -> str:
    """What the results pane's body shows, as plain text."""
    body = screen_of(app).query_one(ResultsView).query_one("#results-body", Static)
    console = Console(width=100, file=io.StringIO(), color_system=None)
    console.print(body.content)
    return console.file.getvalue()  # type: ignore[attr-defined]


async def test_digits_jump_to_every_topic() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for experiment in reversed(all_experiments()):
            await pilot.press(str(experiment.number))
            await settle(pilot)
            screen = screen_of(app)
            assert screen.current == experiment.slug
            assert screen.query_one(TopicSidebar).highlighted == experiment.number - 1
            assert shown(app, experiment.slug) is not None
            assert app.sub_title.startswith(f"{experiment.number}. ")


async def test_arrows_and_j_k_move_in_the_sidebar() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, TopicSidebar)
        await pilot.press("down")
        await settle(pilot)
        assert screen_of(app).current == "cross-entropy"
        await pilot.press("j", "j")
        await settle(pilot)
        assert screen_of(app).current == "metrics"
        await pilot.press("k")
        await settle(pilot)
        assert screen_of(app).current == "decision-tree"
        await pilot.press("up")
        await settle(pilot)
        assert screen_of(app).current == "cross-entropy"


async def test_home_end_enter_and_a_click_in_the_sidebar() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        assert screen_of(app).current == "gradient-descent"
        await pilot.press("home")
        await settle(pilot)
        assert screen_of(app).current == "sigmoid"
        # Row 0 is the border: the fourth topic is on row 4.
        await pilot.click("#sidebar", offset=(3, 4))
        await settle(pilot)
        assert screen_of(app).current == "metrics"
        assert app.query_one(TopicSidebar).highlighted == 3
        await pilot.click("#sidebar", offset=(3, 30))  # below the last topic: nothing happens
        await settle(pilot)
        assert screen_of(app).current == "metrics"


async def test_digits_type_into_a_field_instead_of_jumping() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        assert isinstance(app.focused, Input)
        app.focused.value = ""
        await pilot.press("3", "c", "r")
        assert screen_of(app).current == "sigmoid"
        assert app.focused.value == "3cr"
        assert not screen_of(app).query_one(RecapView).code_shown


async def test_tab_cycles_panes_and_p_focuses_parameters() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        seen = set()
        for _ in range(8):
            await pilot.press("tab")
            seen.add("Input" if isinstance(app.focused, Input) else type(app.focused).__name__)  # or a subclass
        assert {"TopicSidebar", "Input", "PlotView"} <= seen
        await pilot.press("shift+tab")
        await pilot.press("escape")
        app.query_one(TopicSidebar).focus()
        await pilot.press("p")
        assert app.focused is field(app, "sigmoid", "z_values")


async def test_c_toggles_the_code_view_and_it_matches_the_result() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        recap = screen_of(app).query_one(RecapView)
        assert not recap.code_shown
        await pilot.press("c")
        assert recap.code_shown
        assert recap.code == shown(app, "sigmoid").code
        await pilot.press("c")
        assert not recap.code_shown


async def test_help_opens_with_question_mark_and_closes_with_escape() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, TopicScreen)


async def test_command_palette_opens_a_topic() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Topic 5")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert screen_of(app).current == "parametric"


async def test_ctrl_q_quits() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_a_parameter_edit_updates_result_and_plot() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = strip_ansi(str(screen_of(app).query_one(PlotView).render()))
        await type_into(pilot, "sigmoid", "threshold", "0.9")
        result = shown(app, "sigmoid")
        assert result.params["threshold"] == 0.9
        assert result.metric("predicted_positive").value == 1
        after = strip_ansi(str(screen_of(app).query_one(PlotView).render()))
        assert "threshold 0.9" in after and after != before


async def test_invalid_input_shows_the_parser_message_and_keeps_the_old_result() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        good = shown(app, "sigmoid")
        await type_into(pilot, "sigmoid", "threshold", "1.5")
        assert shown(app, "sigmoid") is good
        threshold_field = next(f for f in app.query(ParamField) if f.param.name == "threshold" and f.slug == "sigmoid")
        assert threshold_field.has_class("-invalid")
        error = threshold_field.query_one(".param-error")
        assert "threshold: 1.5 is outside [0, 1]" in str(error.render())
        assert error.region.y > field(app, "sigmoid", "threshold").region.y  # under the field
        # Fixing it clears the mark and the message, and runs.
        await type_into(pilot, "sigmoid", "threshold", "0.2")
        assert not threshold_field.has_class("-invalid")
        assert not error.display and "outside" not in str(error.render())
        assert shown(app, "sigmoid").params["threshold"] == 0.2


async def test_cross_parameter_rule_marks_the_named_field() -> None:
    app = make_app(topic="cross-entropy", warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_into(pilot, "cross-entropy", "y_hat", "0.5 0.5")
        y_hat = next(f for f in app.query(ParamField) if f.slug == "cross-entropy" and f.param.name == "y_hat")
        assert y_hat.has_class("-invalid")
        assert shown(app, "cross-entropy").params["y_hat"] == (0.9, 0.2, 0.6, 0.8, 0.1)


async def test_choice_field_reruns_on_change() -> None:
    app = make_app(topic=2, warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        select = screen_of(app).query_one(f"#{field_id('cross-entropy', 'penalty')}", Select)
        select.value = "l1"
        await settle(pilot)
        assert shown(app, "cross-entropy").params["penalty"] == "l1"
        assert round(shown(app, "cross-entropy").metric("penalty").value, 4) == 0.16


async def test_r_resets_to_defaults() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_into(pilot, "sigmoid", "threshold", "0.9")
        app.query_one(TopicSidebar).focus()
        await pilot.press("r")
        await settle(pilot)
        assert field(app, "sigmoid", "threshold").value == "0.5"
        assert shown(app, "sigmoid").params["threshold"] == 0.5


async def test_deep_link_fills_and_runs_and_bad_values_show_as_field_errors() -> None:
    app = make_app(topic="parametric", sets=["n_neighbors=1", "noise=abc"], warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        assert screen.current == "parametric"
        assert field(app, "parametric", "n_neighbors").value == "1"
        noise = next(f for f in app.query(ParamField) if f.slug == "parametric" and f.param.name == "noise")
        assert noise.has_class("-invalid")
        # Fix the bad field: the deep-linked n_neighbors=1 is used.
        await type_into(pilot, "parametric", "noise", "0.1")
        assert shown(app, "parametric").params["n_neighbors"] == 1


async def test_deep_link_good_values_run_at_once() -> None:
    app = make_app(topic="8", sets=["lr=0.05"], warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert shown(app, "gradient-descent").params["lr"] == 0.05


async def test_a_slow_run_superseded_by_a_fast_one_never_wins() -> None:
    release = threading.Event()
    sigmoid = get("sigmoid")

    def run_values(values):
        if values["threshold"] == 0.9:
            release.wait(5)  # the first (slow) run finishes only after the second one has
        return sigmoid.run_values(values)

    slow_sigmoid = dataclasses.replace(sigmoid, run_values=run_values)
    experiments = [slow_sigmoid, *all_experiments()[1:]]
    app = make_app(experiments=experiments, warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        threshold = field(app, "sigmoid", "threshold")
        threshold.value = "0.9"
        threshold.focus()
        await pilot.press("enter")
        await pilot.pause()
        threshold.value = "0.1"
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert shown(app, "sigmoid").params["threshold"] == 0.1
        release.set()
        await settle(pilot)
        assert shown(app, "sigmoid").params["threshold"] == 0.1
        assert "threshold 0.1" in strip_ansi(str(screen_of(app).query_one(PlotView).render()))


async def test_sklearn_topics_say_loading_until_warm() -> None:
    loading = "loading scikit-learn… (first run only)"
    app = make_app(topic="validation", warm_sklearn=True, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # The run process takes seconds to import scikit-learn: the first frames say why nothing shows.
        assert not app.sklearn_ready and shown(app, "validation") is None
        assert plot_text(app) == loading
        assert screen_of(app).query_one(ResultsView).border_subtitle == loading
        assert results_text(app).strip() == ""
        await settle(pilot)
        assert app.sklearn_ready
        result = shown(app, "validation")
        assert result is not None
        # Warm: the plot and the numbers replace the wording, and it is gone from both panes.
        plot, results = plot_text(app), results_text(app)
        assert "loading" not in plot and "CV, train split" in plot and "protocol: best k = 5" in plot
        assert plot.splitlines()[0].strip() == result.plots[0].title  # no status line left above the plot
        assert screen_of(app).query_one(ResultsView).border_subtitle == ""
        assert "loading" not in results and result.takeaway[:40] in " ".join(results.split())
        assert "seed's best CV accuracy" in results and "0.895" in results


async def test_recap_comes_from_content() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        markdown = screen_of(app).query_one("#recap-markdown", Markdown)
        assert "σ(z) = 1 / (1 + e^(−z))" in markdown.source
        await pilot.press("2")
        await settle(pilot)
        assert "regularization" in markdown.source.lower()


async def test_small_terminal_narrows_the_sidebar_and_b_hides_it() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sidebar = app.query_one(TopicSidebar)
        # Narrow: short names cut to fit in 14 cells (test_layout_80x24 checks they read), never 26.
        assert sidebar.narrow and sidebar.size.width <= 14
        await pilot.press("b")
        await pilot.pause()
        assert not sidebar.display or sidebar.has_class("-hidden")
        await pilot.press("b")
        assert not sidebar.has_class("-hidden")


async def test_escape_leaves_a_field_and_keys_act_again() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        assert not isinstance(app.focused, Input)
        await pilot.press("4")
        await settle(pilot)
        assert screen_of(app).current == "metrics"


async def test_no_color_draws_plots_without_colour(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_of(app).query_one(PlotView).render()
        assert "threshold 0.5" in text.plain
        from rich.style import Style

        styles = [s.style if isinstance(s.style, Style) else Style.parse(str(s.style)) for s in text.spans]
        assert all(style.color is None for style in styles)


async def test_light_and_dark_themes_from_the_command_palette_action() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        start = app.theme
        app.action_toggle_theme()
        await pilot.pause()
        assert app.theme != start and app.theme in ("textual-light", "textual-dark")
        app.action_toggle_theme()
        assert app.theme == start
