"""Help and the command palette: every key by screen, once each, in plain words, from the bindings."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.containers import VerticalScroll

from screens.app import MLPrepApp, make_app
from screens.commands import TopicCommands
from screens.help.help_screen import HelpScreen, binding_rows
from screens.topic.topic_screen import TopicScreen
from tests.conftest import settle

SECTIONS = ["Topic screen", "Quiz", "Review", "Stats", "Notes", "Exercises", "Explain", "Everywhere"]


def app() -> MLPrepApp:
    """The app as the tests see it."""
    return make_app(warm_sklearn=False, cursor_blink=False)


async def open_help(pilot) -> HelpScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("question_mark")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return screen


def help_rows(screen: HelpScreen) -> list[tuple[str, str, str]]:
    """The rows the help shows, as binding_rows makes them for the app's groups."""
    return binding_rows(screen._groups, screen.app.get_key_display)


async def test_help_is_grouped_by_screen_without_duplicate_rows() -> None:
    async with app().run_test(size=(120, 40)) as pilot:
        screen = await open_help(pilot)
        rows = help_rows(screen)
        sections = [section for section, _, _ in rows]
        for wanted in SECTIONS:
            assert any(section.startswith(wanted) for section in sections), wanted
        assert len(rows) == len(set(rows))
        for section in set(sections):
            # A key may mean two things on one screen (esc leaves the editor, then the screen): two rows
            # then, but never one meaning twice.
            texts = [text for where, _, text in rows if where == section]
            assert len(texts) == len(set(texts)), (section, texts)


async def test_one_spelling_per_key_and_one_row_for_the_answer_keys() -> None:
    async with app().run_test(size=(120, 40)) as pilot:
        rows = help_rows(await open_help(pilot))
        keys = " ".join(key for _, key, _ in rows).split()
        assert not {"down", "up", "escape", "question_mark", "enter", "ctrl+q"} & set(keys)
        topics = [key for where, key, _ in rows if where == "Topics list"]
        assert "↓ j" in topics and "↑ k" in topics  # one row each, not a row per spelling
        quiz = [(key, text) for where, key, text in rows if where.startswith("Quiz")]
        answer = [key for key, _ in quiz if key.startswith("A")]
        assert answer == ["A–E"]  # not B, C, D, E rows, nor A–C and A–D
        assert not any(key in {"B", "C", "D", "E"} for key, _ in quiz)


async def test_help_says_how_to_scroll_and_scrolls_itself() -> None:
    async with app().run_test(size=(80, 24)) as pilot:
        screen = await open_help(pilot)
        await pilot.pause()
        text = " ".join(str(static.render()) for static in screen.query(".help-hint"))
        assert "Scrolling a pane" in text and "pgdn" in text
        body = screen.query_one("#help-body", VerticalScroll)
        assert body.max_scroll_y > 0  # at 80x24 the keys do not fit: they must scroll
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0


def test_the_topic_screen_keys_have_plain_words() -> None:
    rows = binding_rows([("Topic screen", list(TopicScreen.BINDINGS))])
    for _, key, text in rows:
        assert len(text.split()) >= 3, f"{key}: {text!r} is a label, not a description"


def palette_titles(app: MLPrepApp) -> list[tuple[str, str]]:
    """The palette's commands (title, help line) over the current screen."""
    provider = TopicCommands(app.screen, None)
    return [(title, help_text) for title, help_text, _ in provider._commands()]


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("q", "questions"),
        ("v", "Review"),
        ("s", "progress"),
        ("w", "notes"),
        ("c", "Python"),
        ("e", "code"),
        ("x", "own words"),
        ("o", "Workbook"),
        ("r", "defaults"),
        ("z", "Maximise"),
        ("?", "Every key"),
        ("p", "parameters"),
    ],
)
async def test_the_palette_lists_every_action_with_its_key_in_plain_words(key: str, words: str) -> None:
    async with app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        commands = palette_titles(pilot.app)  # type: ignore[arg-type]
        matching = [(title, help_text) for title, help_text in commands if help_text.startswith(f"key {key} ")]
        assert len(matching) == 1, (key, commands)
        title, help_text = matching[0]
        assert words in title
        assert "action" not in help_text and "_" not in title + help_text


async def test_the_palette_lists_each_topic_and_the_theme() -> None:
    async with app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [title for title, _ in palette_titles(pilot.app)]  # type: ignore[arg-type]
        assert sum(title.startswith("Topic ") for title in titles) == 8
        assert any("theme" in title for title in titles)


def test_binding_rows_merge_keys_of_one_action() -> None:
    rows = binding_rows([("s", [Binding("down,j", "move(1)", "Next"), Binding("k", "move(1)", "Next", show=False)])])
    assert rows == [("s", "↓ j k", "Next")]
