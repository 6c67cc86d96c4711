"""Many files: worker processes when it pays off, the same results in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint import runner
from pytest_lrcheck.lint.engine import FileResult
from pytest_lrcheck.lint.runner import PARALLEL_THRESHOLD, run

TEMPLATE = """\
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(4, activation="{act}")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate={lr}), loss="categorical_crossentropy")
"""


def make_tree(root: Path, count: int) -> list[Path]:
    files = []
    for number in range(count):
        path = root / f"pkg{number % 3}" / f"model_{number:03d}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        act = "sigmoid" if number % 2 else "softmax"
        lr = 0.5 if number % 5 == 0 else 0.001
        path.write_text(TEMPLATE.format(act=act, lr=lr))
        files.append(path)
    return files


def summary(results: tuple[FileResult, ...]) -> list[tuple[str, tuple[tuple[str, int], ...]]]:
    return [(r.path, tuple((f.code, f.line) for f in r.findings)) for r in results]


def test_parallel_results_equal_serial_results_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    files = make_tree(tmp_path, 40)
    serial = run(files, Config(), jobs=1)
    pooled: list[int] = []
    real = runner._in_parallel

    def spy(work: list, config: Config, workers: int, follow: bool) -> list[FileResult]:
        results = real(work, config, workers, follow)  # an exception here would be a fallback
        pooled.append(len(results))
        return results

    monkeypatch.setattr(runner, "_in_parallel", spy)
    parallel = run(files, Config(), jobs=2)
    assert pooled == [40]
    assert serial.workers == 1 and parallel.workers == 2
    assert summary(parallel.results) == summary(serial.results)
    assert [r.path for r in parallel.results] == [str(p) for p in files]
    assert sum(len(r.findings) for r in serial.results) == 20 + 8  # sigmoid files + high rates


def test_workers_receive_the_configuration(tmp_path: Path):
    files = make_tree(tmp_path, 10)
    config = Config(settings={"LRC301": {"adam": 1.0}}, ignore=("LRC101",))
    parallel = run(files, config, jobs=2)
    assert all(not r.findings for r in parallel.results)


def test_automatic_workers_only_for_enough_files(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(runner, "available_cpus", lambda: 8)
    monkeypatch.setattr(runner, "idle_cpus", lambda: 8.0)
    assert runner._workers(None, PARALLEL_THRESHOLD - 1) == 1
    assert runner._workers(None, PARALLEL_THRESHOLD) == 2
    assert runner._workers(None, 100 * PARALLEL_THRESHOLD) == 8
    assert runner._workers(3, 2) == 2  # never more workers than files
    assert runner._workers(1, 10_000) == 1
    monkeypatch.setattr(runner, "idle_cpus", lambda: 2.6)  # a busy machine: 3 idle CPUs
    assert runner._workers(None, 100 * PARALLEL_THRESHOLD) == 3
    monkeypatch.setattr(runner, "idle_cpus", lambda: 0.2)  # saturated: workers cannot help
    assert runner._workers(None, 100 * PARALLEL_THRESHOLD) == 1
    assert runner._workers(4, 100) == 4  # an explicit --jobs is obeyed
    assert runner._workers(10_000, 100_000) == 8  # ... up to the CPUs there are
    monkeypatch.setattr(runner, "available_cpus", lambda: 1)
    monkeypatch.setattr(runner, "idle_cpus", lambda: 1.0)
    assert runner._workers(None, 100 * PARALLEL_THRESHOLD) == 1


def test_idle_cpus_reads_the_load_average(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(runner, "available_cpus", lambda: 4)
    monkeypatch.setattr(runner.os, "getloadavg", lambda: (1.5, 0.0, 0.0), raising=False)
    assert runner.idle_cpus() == 2.5
    monkeypatch.setattr(runner.os, "getloadavg", lambda: (9.0, 0.0, 0.0), raising=False)
    assert runner.idle_cpus() == 0.0


def test_a_broken_pool_falls_back_to_checking_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from concurrent.futures.process import BrokenProcessPool

    def broken(*args: object) -> list[FileResult]:
        raise BrokenProcessPool("a worker died")

    files = make_tree(tmp_path, 6)
    expected = summary(run(files, Config(), jobs=1).results)
    monkeypatch.setattr(runner, "_in_parallel", broken)
    assert summary(run(files, Config(), jobs=3).results) == expected


def test_a_crash_on_one_file_is_that_files_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    files = make_tree(tmp_path, 3)
    real = runner.check_bytes

    def flaky(data: bytes, display: str, rules: list, **options: object) -> FileResult:
        if display.endswith("model_001.py"):
            raise RuntimeError("boom")
        return real(data, display, rules, **options)

    monkeypatch.setattr(runner, "check_bytes", flaky)
    results = run(files, Config(), jobs=1).results
    assert results[1].internal_errors == (f"{files[1]}: RuntimeError: boom",)
    assert [f.code for f in results[0].findings] == ["LRC301"]
    assert [f.code for f in results[2].findings] == []


def test_unreadable_file_is_lrc000_and_the_run_goes_on(tmp_path: Path):
    files = make_tree(tmp_path, 2)
    missing = tmp_path / "gone.py"
    results = run([missing, *files], Config(), jobs=1).results
    (finding,) = results[0].findings
    assert finding.code == "LRC000" and "cannot read the file" in finding.message
    assert [f.code for f in results[1].findings] == ["LRC301"]


def test_a_file_above_the_size_limit_is_lrc000_saying_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from pytest_lrcheck.lint import source

    files = make_tree(tmp_path, 2)
    huge = tmp_path / "huge.py"
    with huge.open("wb") as stream:  # sparse: no disk space, no memory
        stream.truncate(source.MAX_BYTES + 1)
    results = run([files[0], huge, files[1]], Config(), jobs=1).results
    (finding,) = results[1].findings
    assert finding.code == "LRC000"
    assert "too large (50 MB; lrcheck reads files up to 50 MB)" in finding.message
    assert [f.code for f in results[0].findings] == ["LRC301"]
    monkeypatch.setattr(source, "MAX_BYTES", 10)  # a file that grew after it was measured
    with pytest.raises(OSError, match="too large"):
        source.read_source(files[0])


def test_a_finding_in_a_module_two_files_import_is_reported_once(tmp_path: Path):
    (tmp_path / "model.py").write_text(
        "from tensorflow import keras\n\ndef build():\n"
        "    return keras.Sequential([keras.layers.Dense(10, activation='sigmoid')])\n",
        encoding="utf-8",
    )
    train = "from model import build\nbuild().compile(loss='categorical_crossentropy')\n"
    for name in ("train.py", "evaluate.py"):
        (tmp_path / name).write_text(train, encoding="utf-8")
    files = [tmp_path / "evaluate.py", tmp_path / "model.py", tmp_path / "train.py"]
    results = run(files, Config(), jobs=1).results
    reported = [(Path(r.path).name, Path(f.path).name, f.code) for r in results for f in r.findings]
    assert reported == [("evaluate.py", "model.py", "LRC101")]
