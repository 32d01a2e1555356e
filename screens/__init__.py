"""The Textual UI of mlprep-tui (imports tutor; tutor never imports screens)."""

MLPREP_TUI_PACKAGE = "screens"  # the start-up check looks for this line (tutor/cli/installation.py)
