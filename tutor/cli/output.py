"""What every command shares: exit codes and the one-line-per-problem failure message."""

from __future__ import annotations

import sys
from collections.abc import Sequence

EXIT_PROBLEM = 1  # the command ran and found something wrong (bad content, unreadable progress)
EXIT_USAGE = 2  # the command line itself was wrong (unknown topic, bad --set value)


def say(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    print(f"mlprep-tui: {message}", file=sys.stderr)


def fail(lines: Sequence[str], code: int = EXIT_USAGE) -> int:
    """Print one line per problem on stderr; return the exit code (usage, unless told)."""
    for line in lines:
        say(line)
    return code
