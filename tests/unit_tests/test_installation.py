"""A foreign `tutor`, `screens` or `content` package on the path gets one clear line, not a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOREIGN = '"""Someone else\'s package of the same name."""\nraise ImportError("not mlprep-tui")\n'


def _run(pythonpath: list[Path], *argv: str) -> subprocess.CompletedProcess[str]:
    """`python -m tutor ARGV` with these folders first on the path, from a neutral directory."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in [*pythonpath, ROOT])}
    return subprocess.run(
        [sys.executable, "-m", "tutor", *argv], capture_output=True, text=True, env=env, cwd=pythonpath[0], timeout=60
    )


def test_our_own_packages_pass_the_check(tmp_path: Path) -> None:
    done = _run([tmp_path], "topics")
    assert done.returncode == 0, done.stderr
    assert "sigmoid" in done.stdout


@pytest.mark.parametrize("name", ["screens", "content"])
def test_a_foreign_package_shadowing_ours_is_named_with_the_fix(tmp_path: Path, name: str) -> None:
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text(FOREIGN)
    done = _run([tmp_path], "run", "sigmoid")
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert f"'{name}' resolves to {package / '__init__.py'}, which is not mlprep-tui's" in lines[0]
    assert "environment of its own with `pipx install` or `uv tool install`" in lines[0]


def test_a_foreign_init_written_over_ours_is_caught(tmp_path: Path) -> None:
    # Installing another `tutor` beside ours overwrites tutor/__init__.py but leaves tutor/cli/ in place.
    copy = tmp_path / "site"
    shutil.copytree(ROOT / "tutor", copy / "tutor", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "tutor" / "__init__.py").write_text('"""Open edX\'s tutor."""\n__version__ = "18.0.0"\n')
    done = _run([copy], "topics")
    assert done.returncode == 1
    assert f"'tutor' resolves to {copy / 'tutor' / '__init__.py'}, which is not mlprep-tui's" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_bare_folder_of_the_same_name_does_not_shadow_ours(tmp_path: Path) -> None:
    # A `content/` folder without __init__.py (a website's, say) in the working directory is a
    # namespace portion; our regular package still wins, so nothing is reported.
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# my blog\n")
    done = _run([tmp_path], "run", "sigmoid", "--json")
    assert done.returncode == 0, done.stderr
