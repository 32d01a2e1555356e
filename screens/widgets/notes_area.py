"""The notes editor: Textual's TextArea with its editing keys kept in typing order (see text_fields).

A module of its own so that TextArea loads when the notes are first opened, not before the first frame.
"""

from __future__ import annotations

from textual.widgets import TextArea

from screens.widgets.text_fields import OrderedKeys


class NotesArea(TextArea, OrderedKeys):
    """A TextArea whose Backspace, arrows, undo and paste act in order among typed characters."""
