"""The learner's progress in one SQLite file.

Map: `schema` (where the file lives, migrations, opening it safely), `files` (the file on disk:
private modes, moving a damaged one aside, scratch copies), `salvage` (what a damaged file still
holds, carried into a fresh one), `connection` (the locked connection, its transactions, close with
checkpoint, StoreError), `progress` (ProgressStore and open_store), `records` (the row types it
hands out, loaded with the first answer), `explain_progress` (explain answers and self-grades,
each grade reviewing the prompt's card).
Imports: `tutor.learning.schedule` and `tutor.support`.
"""
