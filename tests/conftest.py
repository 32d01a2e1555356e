"""Shared fixtures: every test gets its own data directory and a colour-capable environment."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test touches the real home; NO_COLOR from the developer's shell never changes a snapshot."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("MLPREP_HOME", str(tmp_path / "mlprep-home"))
