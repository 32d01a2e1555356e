"""Text fields that keep keys in the order they were typed, even when several arrive in one read.

Textual 8.2.8 inserts printable keys in the focused widget's own key handler, but a bound key
(Backspace, the arrows, ctrl+u, ctrl+v…) bubbles up to the app before its action runs. Keys read
together (typed ahead over SSH, a paste, a macro) are forwarded to the widget before the bound one
comes back as an action, so "12", Backspace, "3" came out as "12" and then a deletion: the
Backspace acted after the "3" (upstream issue Textualize/textual#6605; the open fix, #6631, runs
the widget's own bindings inline). `OrderedKeys` does the same for our fields: the widget's own
(non-priority) bindings run inside its key handler, in order. Priority bindings were checked
before the key reached the widget, and keys bound only on an ancestor still bubble as before.

This module imports only Input (which the parameter panel needs for the first frame anyway); the
notes editor's TextArea subclass lives in notes_area.py and loads when the notes are first opened.
"""

from __future__ import annotations

from inspect import isawaitable
from weakref import WeakSet

from textual import events
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input


class OrderedKeys(Widget):
    """Mixin for a text widget: run its own key bindings as the key arrives, not after a bubble.

    Listed after the text widget (`class F(Input, OrderedKeys)`): Textual takes a widget's CSS and
    component classes from its first base, and Textual calls every `_on_key` along the MRO, so the
    text widget's handler runs first (it takes printable keys and stops there) and this one next.
    """

    async def _on_key(self, event: events.Key) -> None:
        _REACHED.add(event)
        # A bound key is acted on here and stopped: it must not bubble and act a second time.
        if await self._run_own_binding(event):
            event.stop()
            event.prevent_default()  # and it is taken: `take_missed_key` reads this

    async def take_missed_key(self, event: events.Key) -> bool:
        """Handle a key that missed this field (see `missed_the_field`) as if typed into it; True if taken."""
        _REACHED.add(event)
        for _cls, handler in self._get_dispatch_methods("on_key", event):  # the field's key handlers, in order
            outcome = handler(event)
            if isawaitable(outcome):  # Textual allows both plain and async handlers
                await outcome
        # Every handler that takes a key (Input's, TextArea's, ours) prevents the default; one that
        # leaves it does not. (A stopped event is no sign: it arrives here stopped, at the top.)
        return event._no_default_action

    async def _run_own_binding(self, event: events.Key) -> bool:
        """Run this widget's non-priority binding for the key, as the app would; True if one ran."""
        if self.loading or self.check_consume_key(event.key, event.character):
            return False  # the text widget takes the key as text (or, loading, takes no binding)
        bindings = self._bindings
        keymap = self.app._keymap
        if keymap:  # the learner's remapped keys, as the app's binding chain applies them
            bindings = bindings.copy()
            bindings.apply_keymap(keymap)
        for binding in bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                return True
        return False


# Keys that have been through a text field's own handler (see `missed_the_field`).
_REACHED: WeakSet[events.Key] = WeakSet()


def missed_the_field(focused: Widget | None, event: events.Key) -> OrderedKeys | None:
    """The focused text field, if this key (back at the app to run a binding) never went through it.

    Keys read together with the one that focuses a field (`w` then the note, `p` then a number) were
    all forwarded to the widget that had the focus before: they come back to the app after the field
    took the focus, and would run the screen's bindings (`e` opened the exercises) instead of being
    typed. The app hands each to the field as it comes (in order, and before any binding): the field
    types it, or runs its own binding, or leaves it to the screen's bindings, as if typed into it.
    This only works if the key that moves the focus moves it at once (`Screen.set_focus`), since
    `Widget.focus()` waits for the keys already queued.
    """
    if isinstance(focused, OrderedKeys) and not getattr(focused, "read_only", False) and event not in _REACHED:
        return focused
    return None


class FieldInput(Input, OrderedKeys):
    """A one-line text field whose editing keys keep their order among typed characters, and which
    never silently drops the lines of a paste after the first (as Textual's Input does).

    Pasted lines become items of a list field (`list_items`: lines joined by ", "); in any other
    field they are joined by spaces, so everything pasted stays in sight, and `LinesJoined` tells
    the field's owner to say why the text no longer reads as one value.
    """

    list_items = False  # set by the owner: True for a field that holds a list of values

    class LinesJoined(Message):
        """A paste of several lines was joined into a field for one value."""

        def __init__(self, field: FieldInput, lines: int) -> None:
            super().__init__()
            self.field = field
            self.lines = lines

        @property
        def control(self) -> FieldInput:
            """The field the lines were pasted into."""
            return self.field

    def _on_paste(self, event: events.Paste) -> None:
        # Runs before Input's own paste handler, which kept the first line only: stop it here.
        event.stop()
        event.prevent_default()
        self.insert_pasted(event.text)

    def action_paste(self) -> None:
        """ctrl+v: paste the app's clipboard, its lines treated as a terminal paste's."""
        self.insert_pasted(self.app.clipboard)

    def insert_pasted(self, text: str) -> None:
        """Insert pasted text at the cursor (over the selection), its lines joined as described above."""
        if len(text.splitlines()) > 1:
            lines = [line.strip() for line in text.splitlines()]
            lines = [line for line in lines if line]
            if self.list_items:
                text = ", ".join(line.rstrip(",").rstrip() for line in lines)
            else:
                text = " ".join(lines)
                if len(lines) > 1:
                    self.post_message(self.LinesJoined(self, len(lines)))
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)
