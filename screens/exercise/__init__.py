"""The exercise screen (exercise_screen.py, loaded when first opened) and the exercise ids the app's
progress marks need before then."""


def exercise_ids_by_topic() -> dict[str, list[str]]:
    """Topic -> the ids of its code exercises (the specs are read on the first call, then kept)."""
    from tutor.exercises.spec import all_exercises

    ids: dict[str, list[str]] = {}
    for exercise in all_exercises():
        ids.setdefault(exercise.topic, []).append(exercise.id)
    return ids
