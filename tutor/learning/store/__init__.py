"""The learner's progress in one SQLite file.

Map: `schema` (where the file lives, migrations, opening it safely), `connection` (the locked
connection, its transactions and StoreError), `progress` (ProgressStore and open_store), `records`
(the row types it hands out, loaded with the first answer).
Imports: `tutor.learning.schedule` and `tutor.support`.
"""
