"""`python -m tutor` runs the same entry point as the `mlprep-tui` console script."""

from tutor.cli import main

raise SystemExit(main())
