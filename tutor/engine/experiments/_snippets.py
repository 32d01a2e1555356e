"""Writing the reproducing code snippets: parameter values as Python literals, the metric-line convention."""

from __future__ import annotations

from tutor.engine.params import Value


def py(value: Value) -> str:
    """A parameter value as a Python literal for the reproducing snippet: [0.9, 0.2] or 0.5."""
    if isinstance(value, tuple):
        return "[" + ", ".join(py(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # the seed writes [-4, -1, 0], not [-4.0, -1.0, 0.0]
    return repr(value)


# Convention for every snippet: after whatever it prints for the learner, it prints one line
# `metric_key: value` per metric of the Result, full precision, so tests can compare them.
SNIPPET_NOTE = "# Each 'key: value' line below matches a metric the app shows."
