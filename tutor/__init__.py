"""mlprep-tui's headless core: everything but the screens, usable from the CLI, tests and exports.

Layers, top to bottom (a package imports only those below it; import-linter holds this):
`cli` (the command line), `render` (Results as text, exports), `learning` (content, questions,
review schedule, progress store), `engine` (parameters, experiments, Result, run process),
`support` (clock, lazy imports, threads, number formats). The core never imports textual or
screens; the one exception is `cli.launch`, which opens the app.
"""

__version__ = "0.1.0"
MLPREP_TUI_PACKAGE = "tutor"  # the start-up check looks for this line (tutor/cli/installation.py)
