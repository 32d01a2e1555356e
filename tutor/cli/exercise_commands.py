"""Placeholder until this command lands: one clear line, exit 1."""

from __future__ import annotations

import argparse

from tutor.cli.output import EXIT_PROBLEM, fail


def cmd_exercise(args: argparse.Namespace) -> int:
    """Say the command is not available yet."""
    return fail(["this command is not available yet"], EXIT_PROBLEM)
