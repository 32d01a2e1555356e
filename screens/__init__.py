"""The Textual UI of mlprep-tui (imports tutor; tutor never imports screens)."""
