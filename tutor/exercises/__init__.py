"""Code exercises: specs loaded from content/exercises/*.toml, the sandbox that runs the learner's code, the checks.

May import tutor.learning, tutor.engine and tutor.support; never render, cli, textual or screens.
"""
