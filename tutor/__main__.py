"""`python -m tutor` runs the same entry point as the `mlprep-tui` console script."""

from tutor.cli.entry import main

# Guarded: the run process is started with 'spawn', which imports the parent's __main__ module.
if __name__ == "__main__":
    raise SystemExit(main())
