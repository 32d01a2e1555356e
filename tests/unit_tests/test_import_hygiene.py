"""The core never imports textual, and the light commands never import scikit-learn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _modules_after(code: str) -> set[str]:
    """Run code in a fresh interpreter; return the top-level modules it ended up importing."""
    probe = code + "\nimport sys\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_core_never_imports_textual() -> None:
    code = (
        "import pkgutil, importlib, tutor\n"
        "for info in pkgutil.walk_packages(tutor.__path__, 'tutor.'):\n"
        "    if info.name != 'tutor.__main__':  # running it would open the app\n"
        "        importlib.import_module(info.name)\n"
        "from tutor.engine.experiments import all_experiments\n"
        "[e.run() for e in all_experiments()]\n"
    )
    loaded = _modules_after(code)
    assert "textual" not in loaded
    assert "screens" not in loaded


UI_IMPORTS = ("import textual", "from textual", "import screens", "from screens")


def test_no_core_module_imports_the_ui() -> None:
    """No tutor module imports textual; only the CLI's launcher may import screens, lazily."""
    offenders = []
    for path in (ROOT / "tutor").rglob("*.py"):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            stripped = line.lstrip()
            if not stripped.startswith(UI_IMPORTS):
                continue
            lazy_launcher = (
                path == ROOT / "tutor" / "cli" / "launch.py"
                and line != stripped
                and stripped == "from screens.app import run_app"
            )
            if not lazy_launcher:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {stripped}")
    assert offenders == []


@pytest.mark.parametrize(
    "argv",
    [["run", "sigmoid", "--json"], ["run", "cross-entropy", "--json"], ["run", "1"], ["topics"], ["--help"]],
    ids=" ".join,
)
def test_light_commands_never_import_sklearn(argv: list[str]) -> None:
    code = f"import sys\nfrom tutor.cli.entry import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
    loaded = _modules_after(code)
    assert "sklearn" not in loaded
    assert "scipy" not in loaded


def test_registry_import_is_light() -> None:
    loaded = _modules_after("from tutor.engine.experiments import all_experiments\nall_experiments()")
    assert "sklearn" not in loaded
    assert "textual" not in loaded
