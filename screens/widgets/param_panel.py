"""The parameter panel: a labelled field per declared parameter, errors shown under each field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from screens.widgets.text_fields import FieldInput
from tutor.engine.params import Param, ParamError, ParamSet

if TYPE_CHECKING:  # Select loads only for topics with a choice (start-up cost)
    from textual.widgets import Select


def field_id(slug: str, name: str) -> str:
    """The DOM id of a parameter's field (unique across topics, since every topic has a panel)."""
    return f"field-{slug}-{name}"


class ParamField(Static):
    """One parameter: its name, allowed values and help, the input, and any error under it."""

    def __init__(self, slug: str, param: Param, text: str, *, cursor_blink: bool = True) -> None:
        super().__init__(classes="param-field")
        self.slug = slug
        self.param = param
        self._text = text
        self._cursor_blink = cursor_blink
        self._error: str | None = None

    def compose(self) -> ComposeResult:
        """Heading (name, allowed values, help), then the field; the error line is mounted when needed."""
        # One widget for the heading, none for an absent error: widgets are what the first frame costs.
        yield Static(
            Content.from_markup(
                "[b]$name[/b]  [dim]$allowed[/dim]\n[dim]$help[/dim]",
                name=self.param.name,
                allowed=self.param.allowed_text(),
                help=self.param.help,
            ),
            classes="param-heading",
        )
        if self.param.kind == "choice":
            from textual.widgets import Select  # only topics with a choice load it (start-up cost)

            yield Select(
                [(choice, choice) for choice in self.param.choices],
                value=self._text if self._text in self.param.choices else self.param.default_text,
                allow_blank=False,
                id=field_id(self.slug, self.param.name),
                compact=True,
            )
        else:
            field = FieldInput(
                self._text,
                id=field_id(self.slug, self.param.name),
                compact=True,
                select_on_focus=False,
                tooltip=self.param.help,
                validate_on=[],  # the parameter parser judges the text, on Enter or leaving the field
            )
            field.cursor_blink = self._cursor_blink
            field.list_items = self.param.kind in ("floats", "labels")  # pasted lines become items
            yield field

    def on_field_input_lines_joined(self, event: FieldInput.LinesJoined) -> None:
        """Several lines pasted into a one-value field: all are kept in it; say why it now reads wrong."""
        event.stop()
        self.show_error(
            f"{event.lines} lines pasted; {self.param.name} takes one number. All are kept in the field, "
            "joined by spaces: delete all but the one you mean."
        )

    def _widget(self) -> Input | Select[str] | None:
        """The input, or the Select of a choice (the only other kind compose makes); None until composed.

        A field joins the DOM before it composes: when topics switch in a burst, a run request, a
        reset or `p` can reach a new topic's panel in between. Until then the field answers from
        (and writes to) the text it was given, and shows its error once composed.
        """
        found = self.query(f"#{field_id(self.slug, self.param.name)}")
        return cast("Input | Select[str]", found.first()) if found else None

    @property
    def text(self) -> str:
        """The field's current text."""
        widget = self._widget()
        if widget is None:
            return self._text
        if isinstance(widget, Input):
            return widget.value
        return str(widget.value)  # a Select

    def set_text(self, text: str) -> None:
        """Replace the field's text (reset, deep links)."""
        widget = self._widget()
        if widget is None:
            self._text = text  # compose shows it
        elif isinstance(widget, Input):
            widget.value = text
        else:  # a Select
            widget.value = text if text in self.param.choices else self.param.default_text

    def focus_field(self) -> None:
        """Put the cursor in this field (once it has composed)."""
        widget = self._widget()
        if widget is None:
            self.call_after_refresh(self.focus_field)
        else:
            self.screen.set_focus(widget)  # at once: keys read together with `p` are next in the queue

    def on_mount(self) -> None:
        """An error given before the field composed is shown now."""
        if self._error:
            self._draw_error(self._error)

    def show_error(self, message: str | None) -> None:
        """Show the parser's message under the field and mark it, or clear both."""
        if message == self._error:
            return  # unchanged: an update would re-lay-out the whole screen for nothing
        self._error = message
        if self._widget() is not None:
            self._draw_error(message)

    def _draw_error(self, message: str | None) -> None:
        found = self.query(".param-error")
        if found:
            found.first(Static).update(message or "")
        elif message:
            self.mount(Static(message, classes="param-error", markup=False))
        self.set_class(bool(message), "-invalid")
        field = self._widget()
        if field is not None:
            field.set_class(bool(message), "-invalid")


class ParamPanel(VerticalScroll):
    """All of one topic's parameter fields; Enter or leaving a field asks for a re-run."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "leave_field", "Leave field")]

    class RunRequested(Message):
        """The learner submitted the panel's values (Enter, leaving a field, a Select change)."""

        def __init__(self, slug: str) -> None:
            super().__init__()
            self.slug = slug

    def __init__(
        self,
        slug: str,
        params: ParamSet,
        texts: Mapping[str, str],
        *,
        cursor_blink: bool = True,
        deferred: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.slug = slug
        self._deferred = deferred  # fields mounted by mount_fields(), not by compose
        self.params = params
        self._initial = dict(texts)
        self._cursor_blink = cursor_blink  # the fields' (tests turn it off for steady snapshots)
        self._submitted: dict[str, str] = {}
        # Made now, mounted by compose: the panel answers for its fields before they join the DOM.
        self._fields = [
            ParamField(slug, param, self._initial.get(param.name, param.default_text), cursor_blink=cursor_blink)
            for param in params
        ]

    def compose(self) -> ComposeResult:
        """A field per declared parameter, in declaration order (none yet if deferred)."""
        if not self._deferred:
            yield from self._fields

    async def mount_fields(self) -> None:
        """Mount the fields of a deferred panel (the first screen's, once its first frame is out).

        Three text fields with their headings were a quarter of what the first frame cost beyond a
        bare Textual app; until they mount, each field answers from the text it was given.
        """
        if self._deferred:
            self._deferred = False
            await self.mount_all(self._fields)

    async def focus_first_now(self) -> None:
        """Focus the first field once it exists, before returning (the `p` key).

        Keys read together with `p` are handled next: the field must hold the focus by then, or they
        would act as the screen's keys (see text_fields.missed_the_field).
        """
        await self.mount_fields()
        self.focus_first()

    def texts(self) -> dict[str, str]:
        """Every field's current text, by parameter name."""
        return {f.param.name: f.text for f in self._fields}

    def set_texts(self, texts: Mapping[str, str]) -> None:
        """Fill fields from a mapping (names not given keep their text)."""
        for field in self._fields:
            if field.param.name in texts:
                field.set_text(texts[field.param.name])

    def show_errors(self, errors: list[ParamError]) -> None:
        """Mark every field that has an error; clear the others."""
        by_name: dict[str, str] = {}
        for error in errors:
            by_name.setdefault(error.name, str(error))
        for field in self._fields:
            field.show_error(by_name.get(field.param.name))

    def focus_first(self) -> None:
        """Focus the first field (the `p` key)."""
        if self._fields:
            self._fields[0].focus_field()

    def _request(self) -> None:
        texts = self.texts()
        if texts != self._submitted:
            self._submitted = texts
            self.post_message(self.RunRequested(self.slug))

    def force_request(self) -> None:
        """Ask for a run even if nothing changed since the last one."""
        self._submitted = self.texts()
        self.post_message(self.RunRequested(self.slug))

    def action_leave_field(self) -> None:
        """Escape: leave the field (it re-runs if changed) so digit and letter keys act again."""
        self.screen.set_focus(self.screen.query_one("#plot"))  # at once, as for `p`

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter re-runs (always: the learner pressed it on purpose)."""
        event.stop()
        self.force_request()

    def on_input_blurred(self, event: Input.Blurred) -> None:
        """Leaving a field re-runs if anything changed."""
        event.stop()
        self._request()

    def on_select_changed(self, event: Select.Changed) -> None:  # by name: Select is imported only when used
        """A new choice re-runs at once."""
        event.stop()
        self._request()
