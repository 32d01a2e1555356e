"""mlprep-tui's pure core: parameters, experiments, plots as text, content, CLI (never imports textual)."""

__version__ = "0.1.0"
MLPREP_TUI_PACKAGE = "tutor"  # the start-up check looks for this line (tutor/cli/installation.py)
