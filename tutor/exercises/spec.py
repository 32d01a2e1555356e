"""Exercises and where they come from (content/exercises/<id>.toml): load, list per topic, look up by id."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tutor.exercises.loading import load_all
from tutor.exercises.model import Check, Compare, Exercise, JsonValue, Mistake

__all__ = [
    "Check",
    "Compare",
    "Exercise",
    "JsonValue",
    "Mistake",
    "UnknownExercise",
    "all_exercises",
    "exercises_for",
    "get_exercise",
    "load_exercises",
]


class UnknownExercise(ValueError):
    """An exercise id that no exercise file defines."""


def load_exercises(content_dir: Path | str | None = None) -> tuple[list[Exercise], list[str]]:
    """Every exercise (topic order, then file order) and one line per problem; a bad file never raises."""
    return load_all(content_dir)


@cache
def _installed() -> tuple[tuple[Exercise, ...], tuple[str, ...]]:
    """The installed exercises, read once per process."""
    exercises, errors = load_exercises(None)
    return tuple(exercises), tuple(errors)


def all_exercises() -> list[Exercise]:
    """The installed exercises that loaded without problems."""
    return list(_installed()[0])


def exercises_for(topic: str) -> list[Exercise]:
    """The installed exercises of one topic, in file order (empty for a topic without any)."""
    return [exercise for exercise in _installed()[0] if exercise.topic == topic]


def get_exercise(exercise_id: str) -> Exercise:
    """The installed exercise with this id, or UnknownExercise naming the known ids."""
    for exercise in _installed()[0]:
        if exercise.id == exercise_id:
            return exercise
    known = ", ".join(exercise.id for exercise in _installed()[0]) or "none"
    raise UnknownExercise(f"unknown exercise {exercise_id!r} (known: {known})")
