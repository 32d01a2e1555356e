"""The run process: same results as in-process, ParamErrors cross the process boundary, stop is prompt."""

from __future__ import annotations

import time

import pytest

from tutor.engine.experiments import get
from tutor.engine.params import ParamError
from tutor.engine.runner import ExperimentProcess, RunProcessStopped


@pytest.fixture(scope="module")
def runner():
    """One warm child for the module's tests (starting one costs ~2 s of imports)."""
    process = ExperimentProcess()
    process.start().result(timeout=120)
    yield process
    process.stop()


def test_child_result_equals_in_process_result(runner: ExperimentProcess) -> None:
    experiment = get("validation")
    values, errors = experiment.params.parse({"cv": "4", "k_values": "1 5 9"})
    assert not errors
    remote = runner.run("validation", values)
    local = experiment.run_values(values)
    assert remote.metric_values() == local.metric_values()
    assert remote.code == local.code


def test_data_dependent_param_error_crosses_the_boundary(runner: ExperimentProcess) -> None:
    experiment = get("validation")
    values, errors = experiment.params.parse({"n_samples": "40", "cv": "15", "seed": "1", "k_values": "1"})
    assert not errors
    with pytest.raises(ParamError) as caught:
        runner.run("validation", values)
    assert caught.value.name == "cv"


def test_stop_does_not_wait_for_a_busy_child() -> None:
    process = ExperimentProcess()
    process.start()  # warming: ~2 s of imports in the child
    started = time.perf_counter()
    process.stop()
    assert time.perf_counter() - started < 1.0


def test_a_stopped_process_never_starts_again() -> None:
    """A warm-up thread that calls start() after quitting must not spawn a child nobody stops."""
    process = ExperimentProcess()
    process.stop()
    with pytest.raises(RunProcessStopped):
        process.start()
    assert process._pool is None
