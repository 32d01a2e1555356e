"""The learning loop: the curriculum as data, questions, the review schedule, mastery, progress.

Map: `content` (load and validate content/), `questions` (Question, Option, QuestionBank),
`schedule` (FSRS cards and ratings), `mastery` (per-topic progress, most-missed ideas),
`session` (what the app holds: the store plus the question bank), `store/` (the SQLite
progress file), `explain` (explain-it prompts: load and validate content/explain/),
`explain_check` (their numbers against real runs, for `check`), `due_items` (due exercise and
explain cards, which Review lists after the questions). Code exercises live in tutor.exercises.
Imports: `tutor.engine`, `tutor.render` and `tutor.support`; never cli, textual or screens.
"""
