"""The curriculum as data: a Markdown recap and a TOML question file per topic (read as package resources)."""

MLPREP_TUI_PACKAGE = "content"  # the start-up check looks for this line (tutor/cli/installation.py)
