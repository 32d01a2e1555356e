"""Issue 10, item 4: each topic's plot as the plot pane draws it, without colour (NO_COLOR), at the
pane's size in an 80x24 and a 120x40 terminal. Each id's entry in SEE says what the learner should
see; look at a changed SVG as a picture before accepting it."""

from __future__ import annotations

from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from screens.widgets.plot_view import PlotView
from tutor.engine.experiments import all_experiments

# The plot pane's inside at 80x24 (the recap above it, the parameters beside it) and at 120x40.
PANES = {"80x24": (46, 11), "120x40": (52, 21)}

SEE = {
    "sigmoid": "the S-curve in blocks from 0 to 1, the five z values as x on it (the one on the "
    "threshold's row drawn over the dotted threshold line), round ticks on both axes; the ROC curve "
    "next with g",
    "cross-entropy": "−log(p) in blocks falling to 0 at p = 1, −log(1−p) in braille rising, the y=1 "
    "samples as x and the y=0 samples as o on their curves; y ticks 0, 1, 2… (whole losses)",
    "decision-tree": "a step from class 0 to class 1 at the split's dotted vertical line, training "
    "points x and queries o on the steps; y ticks only 0 and 1, x ticks whole positions",
    "metrics": "the confusion matrix as a grid of counts (2 0 / 1 3); g shows the bars with labels as "
    "the table prints them (0.833, 1.0, 0.75, 0.857)",
    "parametric": "data x around sin(x) in blocks, the straight linear fit in braille, the KNN fit in "
    "dots: three different glyphs",
    "feature-engineering": "the raw-x curve flat near 0.5 drawn over the 0.5 line, the degree-2 "
    "U-shape in braille, train x and test o points at 0 and 1",
    "validation": "CV on the train split in blocks, CV on all samples in braille, training accuracy "
    "in dots falling from 1.0, dotted vertical lines under the curves at k=5 and k=3; x ticks 1…9",
    "gradient-descent": "MSE falling on a log axis labelled 1, 0.1, 0.01, 0.001, steps 0…200 ending "
    "on a tick; g shows the data x with the true and fitted lines",
}


class PlotApp(App[None]):
    """Only the plot pane, sized as it is in the full app, showing one topic's plots."""

    CSS: ClassVar[str] = "PlotView { width: 100%; height: 100%; }"

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug

    def compose(self) -> ComposeResult:
        """The plot pane alone."""
        yield PlotView()

    def on_mount(self) -> None:
        """Run the topic at its defaults and show its plots."""
        experiment = next(e for e in all_experiments() if e.slug == self.slug)
        self.query_one(PlotView).show_plots(experiment.run().plots)


def test_every_topic_says_what_to_see() -> None:
    assert set(SEE) == {e.slug for e in all_experiments()}


@pytest.mark.parametrize("pane", list(PANES))
@pytest.mark.parametrize("slug", list(SEE))
def test_plot_without_colour(snap_compare, monkeypatch: pytest.MonkeyPatch, slug: str, pane: str) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def settle(pilot: Pilot[None]) -> None:
        await pilot.pause()

    assert snap_compare(PlotApp(slug), terminal_size=PANES[pane], run_before=settle), SEE[slug]
