"""App tests start as a returning learner: the first-launch welcome would otherwise sit over every screen.

tests/app_tests/test_welcome.py turns it back on to test it; a real first launch always shows it.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _welcome_already_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app skips the welcome (as if the learner had seen it)."""
    from screens.app import MLPrepApp

    monkeypatch.setattr(MLPrepApp, "show_welcome", False)
