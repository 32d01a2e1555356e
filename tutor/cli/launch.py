"""Opening the terminal app: the one module of the core that imports the UI (lazily)."""

from __future__ import annotations

import gc
from collections.abc import Sequence

from tutor.cli.output import fail


def open_app(topic: str | None, sets: Sequence[str]) -> int:
    """Bare `mlprep-tui` (or `--topic`): open the terminal app, optionally at a topic."""
    if sets and topic is None:
        return fail(["--set needs --topic (which topic's parameters?)"])
    if topic is not None:
        from tutor.engine.experiments import UnknownTopic, get

        try:
            get(topic)
        except UnknownTopic as error:
            return fail([str(error)])
    # Importing and building the app allocates tens of thousands of long-lived objects: collecting
    # them meanwhile frees nothing and delays the first frame. The app resumes collection after it.
    gc.disable()
    from screens.app import run_app

    return run_app(topic=topic, sets=list(sets))
