"""The exercise's code editor: Textual's TextArea as a code editor, its editing keys kept in typing order.

Python is highlighted when tree-sitter and tree-sitter-python are installed (the `highlight` extra);
without them, or with a grammar this tree-sitter cannot load, the code is plain text.
"""

from __future__ import annotations

import importlib
from functools import cache

from textual.widgets import TextArea

from screens.widgets.text_fields import OrderedKeys


@cache
def python_language() -> str | None:
    """ "python" when the editor can highlight Python here, else None (plain text)."""
    try:  # by name: the extra is optional, and mypy must not need its stubs
        tree_sitter = importlib.import_module("tree_sitter")
        tree_sitter_python = importlib.import_module("tree_sitter_python")
    except ImportError:
        return None
    try:
        # TextArea raises (rather than falling back) when tree-sitter is in but the grammar cannot load:
        # a version pair that does not fit is found out here, and the editor shows plain text instead.
        tree_sitter.Language(tree_sitter_python.language())
    except Exception:
        return None
    return "python"


class CodeEditor(TextArea, OrderedKeys):
    """A code TextArea (line numbers, Tab indents, Escape leaves) whose editing keys keep their order."""

    def __init__(self, text: str, *, highlight: bool = True, cursor_blink: bool = True, id: str | None = None) -> None:
        super().__init__(
            text,
            language=python_language() if highlight else None,
            theme="css",  # the app theme's colours, light or dark
            soft_wrap=False,
            tab_behavior="indent",
            show_line_numbers=True,
            id=id,
        )
        self.cursor_blink = cursor_blink
        self.indent_width = 4
