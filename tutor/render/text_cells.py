"""Terminal-cell helpers shared by the plot renderers: strip escape codes, clip a label to a width."""

from __future__ import annotations

import re

TOO_SMALL = "(plot needs more room)"
_ANSI_RE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def strip_ansi(text: str) -> str:
    """Remove ANSI escape sequences, leaving the visible characters."""
    return _ANSI_RE.sub("", text)


def clip(text: str, width: int) -> str:
    """Flatten text onto one line and cut it to width (none when width <= 0), marking the cut with an ellipsis."""
    # a newline would add a row the layout did not plan for; an escape character would forge colour codes
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return text if len(text) <= width else text[: width - 1] + "…" if width > 0 else ""
