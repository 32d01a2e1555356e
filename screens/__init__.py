"""The Textual UI of mlprep-tui: it imports tutor; tutor never imports it.

Map: `app` (the App and its factory `make_app`), `commands` (the command palette), a folder per
screen (`topic`, `review`, `stats`, `help`; the screens never import one another) and
`widgets` (imported by the screens; widgets get what they need handed down and post messages up).
"""

MLPREP_TUI_PACKAGE = "screens"  # the start-up check looks for this line (tutor/cli/installation.py)
