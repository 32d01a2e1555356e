"""A parameter panel is asked for its texts, errors and focus before its fields have composed.

Found by the key storm (`NoMatches: No nodes match '#field-gradient-descent-lr' on ParamField`): when
topics switch in a burst, a new topic's panel joins the DOM at once but its fields compose later,
and a run request, a reset or `p` reached it in between.
"""

from __future__ import annotations

from textual.widgets import ContentSwitcher, Input

from screens.app import make_app
from screens.widgets.param_panel import ParamPanel, field_id
from tests.conftest import screen_of, settle
from tutor.engine.params import ParamError


async def test_a_panel_answers_before_its_fields_have_composed() -> None:
    app = make_app(warm_sklearn=False, cursor_blink=False, topic="sigmoid")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        panel = ParamPanel("gradient-descent", screen.experiments["gradient-descent"].params, {"lr": "0.1"})
        screen.query_one("#params", ContentSwitcher).mount(panel)  # not awaited: the fields compose later
        assert panel.texts()["lr"] == "0.1"
        panel.set_texts({"steps": "50"})
        panel.show_errors([ParamError("steps", "is too big")])
        panel.focus_first()
        await pilot.pause()
        await pilot.pause()
        lr = panel.query_one(f"#{field_id('gradient-descent', 'lr')}", Input)
        assert panel.texts()["lr"] == "0.1" and panel.texts()["steps"] == "50"
        assert app.focused is lr
        steps = panel.query_one(f"#{field_id('gradient-descent', 'steps')}", Input)
        assert steps.has_class("-invalid") and steps.parent is not None
        assert "too big" in str(steps.parent.query_one(".param-error").render())
