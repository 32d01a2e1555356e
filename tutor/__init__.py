"""mlprep-tui's pure core: parameters, experiments, plots as text, content, CLI (never imports textual)."""

__version__ = "0.1.0"
