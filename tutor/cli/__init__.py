"""The `mlprep-tui` command line: one module per command group.

Map: `entry` (`main`, the console script), `parser` (the argument grammar), `output` (exit
codes, failure lines), `run_commands` (`run`, `topics`), `progress_commands` (`check`, `stats`,
`reset`), `launch` (opens the app: the one module in tutor/ that imports screens).
Imports: every other part of tutor/; only `launch` may import screens.
"""
