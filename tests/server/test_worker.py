"""The worker process: jobs run there, a stuck one is ended, and the next starts afresh."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pytest_lrcheck.server.worker import JobFailed, Worker, WorkerGone
from tests.server.conftest import SCRIPT


@pytest.fixture
def worker() -> Iterator[Worker]:
    handle = Worker()
    yield handle
    handle.close()


def test_a_job_runs_in_another_process(worker: Worker) -> None:
    checked = worker.call("check_script", SCRIPT, None)
    assert sorted(f.code for f in checked.findings) == ["LRC101", "LRC302"]
    assert worker.start().pid != os.getpid()


def test_a_failing_job_is_reported_and_the_worker_goes_on(worker: Worker) -> None:
    with pytest.raises(JobFailed, match="check_script: TypeError"):
        worker.call("check_script")
    with pytest.raises(JobFailed, match="KeyError"):
        worker.call("not_a_job")
    assert worker.call("check_script", "import keras\n", None).findings == ()


def test_a_killed_worker_fails_the_waiting_call_and_is_started_again(worker: Worker) -> None:
    first = worker.start()
    # Minutes of work: many models in one scope.
    slow = SCRIPT * 3000
    outcome: list[BaseException | object] = []

    def call() -> None:
        try:
            outcome.append(worker.call("check_script", slow, None))
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=call)
    thread.start()
    thread.join(0.5)
    worker.kill()
    thread.join(60)
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], WorkerGone)
    assert first.poll() is not None
    checked = worker.call("check_script", SCRIPT, None)
    assert worker.start().pid != first.pid
    assert len(checked.findings) == 2


def test_a_call_to_a_dead_worker_raises_worker_gone() -> None:
    handle = Worker(command=[sys.executable, "-c", "pass"])
    try:
        with pytest.raises(WorkerGone):
            handle.call("check_script", SCRIPT, None)
    finally:
        handle.close()


def test_a_module_in_the_projects_directory_is_not_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "imported"
    (tmp_path / "libcst.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    monkeypatch.chdir(tmp_path)
    handle = Worker()
    try:
        checked = handle.call("check_script", SCRIPT, None)
        finding = next(f for f in checked.findings if f.code == "LRC302")
        assert handle.call("fix_one", SCRIPT, finding).texts  # the fix needs libcst
    finally:
        handle.close()
    assert not marker.exists()


def test_a_worker_that_cannot_start_is_worker_gone(tmp_path: Path) -> None:
    handle = Worker(command=[str(tmp_path / "no-such-python")])
    with pytest.raises(WorkerGone, match="cannot start the worker"):
        handle.call("check_script", SCRIPT, None)
    handle.close()
