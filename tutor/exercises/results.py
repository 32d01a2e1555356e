"""What a run of the checks gives back: a CheckResult per check and a RunReport; plain data, safe to show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CheckResult:
    """One check: its call, expected vs got (as text), what the code printed, the error and the feedback."""

    name: str
    passed: bool
    call_text: str  # e.g. `sigmoid(0.0)`
    expected: str
    got: str  # "" when the call raised or never ran
    output: str = ""  # what the learner's code printed during this check (capped)
    error: str | None = None  # e.g. "line 3: ZeroDivisionError: division by zero"
    feedback: str | None = None  # the named classic mistake, when the check failed

    def to_dict(self) -> dict[str, object]:
        """The JSON form `exercise check --json` prints."""
        return {
            "name": self.name,
            "passed": self.passed,
            "call": self.call_text,
            "expected": self.expected,
            "got": self.got,
            "error": self.error,
            "output": self.output,
            "feedback": self.feedback,
        }


@dataclass(frozen=True)
class RunReport:
    """Every check's result, a problem that stopped the run (one line) or None, and how long it took."""

    results: tuple[CheckResult, ...]
    problem: str | None
    duration_s: float
    output: str = ""  # what the code printed outside any check (at load time), capped

    @property
    def passed(self) -> bool:
        """True when every check passed and nothing stopped the run."""
        return self.problem is None and bool(self.results) and all(result.passed for result in self.results)

    @property
    def passed_count(self) -> int:
        """How many checks passed."""
        return sum(1 for result in self.results if result.passed)

    def to_dict(self) -> dict[str, object]:
        """The JSON form `exercise check --json` prints."""
        return {
            "passed": self.passed,
            "problem": self.problem,
            "duration_s": round(self.duration_s, 3),
            "output": self.output,
            "checks": [result.to_dict() for result in self.results],
        }
