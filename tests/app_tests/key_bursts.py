"""Keys as one terminal read delivers them: every Key event queued on the app before any is handled.

`pilot.press` waits for the app to go idle after each key, which hides every ordering bug; a learner
typing ahead over SSH, a paste or a macro delivers several keys in one read. Not a test module: the
typed-ahead and key-storm tests share it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key


def key_event(key: str) -> events.Key:
    """The Key event a terminal read produces for a key name ('a', 'backspace', 'ctrl+u', '?'), built
    as Textual's own Pilot builds it."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def burst(app: App[Any], keys: Iterable[str | events.Paste]) -> None:
    """Queue the keys (and pastes) on the app's driver, as a terminal read does, without waiting in
    between (await pilot.pause() after)."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = key_event(key) if isinstance(key, str) else key
        event.set_sender(app)
        driver.send_message(event)
