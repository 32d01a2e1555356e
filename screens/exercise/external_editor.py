"""Open the learner's code in their own editor ($VISUAL or $EDITOR): the app suspends, then resumes."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

NO_EDITOR = "Set $EDITOR (for example: export EDITOR=nano) to edit the code in your own editor; edit it here meanwhile."


@dataclass(frozen=True)
class Edited:
    """What came back: the new text, or None and one line saying why not."""

    text: str | None
    problem: str | None = None


def editor_command(environ: dict[str, str] | None = None) -> list[str] | None:
    """The learner's editor as an argument list ($VISUAL first, as Git does), or None if neither is set."""
    env = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError:
                return None
    return None


def edit_externally(app: App[None], text: str, name: str) -> Edited:
    """Hand `text` to the learner's editor as `name` (a .py file in a private temporary folder) and read
    it back; the app is suspended meanwhile. Never raises: a problem comes back as one line."""
    from textual.app import SuspendNotSupported

    command = editor_command()
    if not command:
        return Edited(None, NO_EDITOR)
    if shutil.which(command[0]) is None:
        return Edited(None, f"Your editor ({command[0]}) was not found; edit the code here instead.")
    folder = Path(tempfile.mkdtemp(prefix="mlprep-exercise-"))  # 0700: the code stays private
    path = folder / name
    try:
        path.write_text(text, encoding="utf-8")
        try:
            with app.suspend():
                finished = subprocess.run([*command, str(path)], check=False)
        except SuspendNotSupported:
            return Edited(None, "This terminal cannot hand over to another program here; edit the code in the app.")
        if finished.returncode != 0:
            return Edited(None, f"Your editor exited with status {finished.returncode}; the code here is unchanged.")
        return Edited(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        return Edited(None, f"Could not edit the code in your editor: {error}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
