"""The `?` help screen: every key, grouped by screen, generated from the bindings (never written twice)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

# Keys that Textual itself provides, by the section they belong to: they have no binding of ours.
BUILT_IN_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "Parameter fields": (
        ("⏎", "Run the experiment with the values typed"),
        ("tab shift+tab", "Next / previous field"),
    ),
    "Everywhere": (
        ("tab shift+tab", "Move to the next / previous pane or field"),
        ("ctrl+p", "Command palette: every action, topic and theme by name, with its key"),
    ),
}
SCROLLING = (
    "Scrolling a pane: give it the focus (tab, or a click), then ↑ ↓ pgup pgdn home end scroll it; "
    "z maximises it and z or esc restores it. Letter and digit keys act while the cursor is not in a text field."
)
_KEY_NAMES = {"question_mark": "?", "escape": "esc", "enter": "⏎", "down": "↓", "up": "↑"}

Row = tuple[str, str, str]  # (section, keys, what it does)


def _display(key: str) -> str:
    """A key as a learner reads it, one spelling everywhere ('↓', never 'down')."""
    return _KEY_NAMES.get(key, key)


def _family(action: str) -> str:
    """An action without its arguments: 'choose(2)' and 'choose(0, 5)' are both 'choose'."""
    return action.split("(", 1)[0]


def binding_rows(
    groups: Iterable[tuple[str, Iterable[BindingType]]], key_display: Callable[[Binding], str] | None = None
) -> list[Row]:
    """(section, keys, description) rows from binding lists; tuples and Binding objects both count.

    One row per action: its keys together ('↓ j'). A hidden binding of an action family the section
    shows already (B–E under 'A–E Answer') adds no row; bindings of one family with one description
    (A–C, A–D, A–E) are one row, the last. Where a binding has a tooltip, help shows it instead of the
    footer's short word: "My values" alone does not say what the key does."""
    rows: list[Row] = []
    for section, listed in groups:
        bindings = [item if isinstance(item, Binding) else Binding(*item) for item in listed]
        shown = {_family(b.action) for b in bindings if b.show and b.description}
        entries: list[tuple[str, str, list[str], str]] = []  # action, description, keys, text
        for binding in bindings:
            if not binding.description:
                continue
            if binding.key_display:
                keys = [binding.key_display]
            elif key_display is not None:
                keys = [key_display(Binding(key.strip(), binding.action)) for key in binding.key.split(",")]
            else:
                keys = [_display(key.strip()) for key in binding.key.split(",")]
            text = binding.tooltip or binding.description
            same = next((i for i, entry in enumerate(entries) if entry[0] == binding.action), None)
            if same is not None:
                entries[same][2].extend(key for key in keys if key not in entries[same][2])
                continue
            if not binding.show and _family(binding.action) in shown:
                continue  # a variant of a key the section lists already
            kin = next(
                (
                    i
                    for i, entry in enumerate(entries)
                    if _family(entry[0]) == _family(binding.action) and entry[1] == binding.description
                ),
                None,
            )
            if kin is not None:
                entries[kin] = (binding.action, binding.description, keys, text)
                continue
            entries.append((binding.action, binding.description, keys, text))
        rows += [(section, " ".join(keys), text) for _, _, keys, text in entries]
    return rows


KEY_WIDTH = 12  # the key column: "tab shift+tab" and "A–E" fit; longer keys push their text down a line


def section_text(title: str, rows: list[tuple[str, str]], width: int) -> Text:
    """One section's keys as text: the title, then each key and what it does, wrapped under itself.

    Plain text wrapped here, not a rich Table: tables for every section cost ~1 s to lay out."""
    text = Text(title, style="bold")
    room = max(width - KEY_WIDTH - 1, 20)
    for keys, what in rows:
        lines = textwrap.wrap(what, room) or [""]
        text.append("\n ")
        if len(keys) >= KEY_WIDTH:
            text.append(keys, style="bold")
            text.append("\n" + " " * KEY_WIDTH)
        else:
            text.append(keys.ljust(KEY_WIDTH - 1), style="bold")
        text.append(lines[0])
        for line in lines[1:]:
            text.append("\n" + " " * KEY_WIDTH + line)
    return text


class HelpScreen(ModalScreen[None]):
    """A modal list of keys by screen; Escape, q or ? closes it; the arrows and page keys scroll it."""

    CSS_PATH = "help_screen.tcss"  # loaded when the screen first opens, not with the app

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close help"),
        Binding("q", "close", "Close help", show=False),
        Binding("question_mark", "close", "Close help", show=False),
    ]

    def __init__(self, groups: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self._groups = groups
        self._sections: list[tuple[str, list[tuple[str, str]]]] = []

    def compose(self) -> ComposeResult:
        """A section per screen (topic, quiz, review, stats, notes, exercises, explain, everywhere)."""
        sections: dict[str, list[tuple[str, str]]] = {title: [] for title, _ in self._groups}
        for section, keys, text in binding_rows(self._groups, self.app.get_key_display):
            sections[section].append((keys, text))
        for section, extra in BUILT_IN_KEYS.items():
            sections.setdefault(section, []).extend(extra)
        self._sections = [(title, rows) for title, rows in sections.items() if rows]
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys (esc closes)"
            body.border_subtitle = "↑ ↓ pgup pgdn scroll"
            yield Static(SCROLLING, classes="help-hint", markup=False)
            for title, rows in self._sections:
                yield Static(section_text(title, rows, self._text_width()), classes="help-section")

    def _text_width(self) -> int:
        """The body's text width for the terminal's width (see help_screen.tcss: 90%, at most 100)."""
        return min(100, self.app.size.width * 9 // 10) - 6  # borders, padding, scrollbar

    def on_mount(self) -> None:
        """Give the list the keys, so the arrows scroll it at once."""
        self.query_one("#help-body").focus()

    def on_resize(self) -> None:
        """Wrap the sections again for the new width."""
        width = self._text_width()
        for static, (title, rows) in zip(self.query(".help-section").results(Static), self._sections, strict=True):
            static.update(section_text(title, rows, width))

    def action_close(self) -> None:
        """Close the help screen."""
        self.dismiss(None)
