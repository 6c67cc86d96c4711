"""Checking many files: the cache first, then worker processes when there is enough work.

The main process reads every file once, answers what the cache knows, and sends the rest (path
and bytes, so that what is checked is exactly what was hashed) to worker processes, but only
when there are at least `PARALLEL_THRESHOLD` of them and CPUs are idle: below that, starting
processes costs more than it saves (``benchmarks/bench_cache.py`` measures where the lines
cross).  Results come back in the order of the files, whatever order the workers finish in.
Only the main process writes the cache.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from pickle import PicklingError

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.engine import (
    FileResult,
    check_bytes,
    make_rules,
    reaches_keras,
    unreadable,
)
from pytest_lrcheck.lint.rule import Rule
from pytest_lrcheck.lint.source import is_relevant, read_source

# Files to analyse (cache misses that mention Keras) before worker processes are worth it.
# Measured (benchmarks/bench_cache.py): about 8 ms of CPU per file, 9% more CPU in workers, and
# 15-260 ms to start and stop a pool depending on load; on two idle CPUs that breaks even
# between 4 and 70 files.  48 keeps a pre-commit run over a few staged files in one process.
PARALLEL_THRESHOLD = 48
_SKIPPED = "does not mention keras or tensorflow"


@dataclass(frozen=True)
class RunOutcome:
    results: tuple[FileResult, ...]
    cache_hits: int = 0
    cache_misses: int = 0
    workers: int = 1
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Work:
    index: int
    path: Path
    display: str
    data: bytes
    digest: str


def check_data(
    data: bytes, display: str, rules: Sequence[Rule], follow_imports: bool = True
) -> FileResult:
    """One file's bytes, Python or notebook (told apart by the name), with the project modules
    it imports unless told not to.  A bug in lrcheck on one file becomes that file's internal
    error; the other files are still checked."""
    try:
        if display.endswith(".ipynb"):
            from pytest_lrcheck.lint.notebook import check_notebook_bytes

            return check_notebook_bytes(data, display, rules)
        from pytest_lrcheck.lint.project import Project

        project = Project(display) if follow_imports else None
        return check_bytes(data, display, rules, project=project)
    except Exception as error:
        return FileResult(display, internal_errors=(f"{display}: {type(error).__name__}: {error}",))


def _reaches_keras(data: bytes, path: Path, display: str) -> bool:
    from pytest_lrcheck.lint.project import Project

    return reaches_keras(data, Project(path, display))


def keep_enabled(result: FileResult, config: Config) -> FileResult:
    """The result without the codes ``per-file-ignores`` (or ``ignore``) turn off for it."""
    kept = tuple(f for f in result.findings if config.is_enabled_for(f.code, f.path))
    return result if len(kept) == len(result.findings) else replace(result, findings=kept)


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run(
    files: Sequence[Path],
    config: Config,
    *,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    follow_imports: bool = True,
) -> RunOutcome:
    """Check ``files``; ``jobs`` None or 0 means as many workers as CPUs when it pays off;
    ``follow_imports``: whether each file's imports of its own project are read with it."""
    from pytest_lrcheck.lint.cache import Cache, digest

    rules = make_rules(config)
    cache = Cache(cache_dir, rules, follow_imports) if cache_dir is not None else None
    results: list[FileResult | None] = [None] * len(files)
    work: list[_Work] = []
    for index, path in enumerate(files):
        display = str(path)
        try:
            data = read_source(path)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            results[index] = FileResult(
                display, (unreadable(display, f"cannot read the file: {reason}"),)
            )
            continue
        # A notebook's code may mention Keras in pieces (one string per character, UTF-16):
        # its own check looks at the joined cells.
        if (
            not is_relevant(data)
            and not display.endswith(".ipynb")
            and not (follow_imports and _reaches_keras(data, path, display))
        ):
            results[index] = FileResult(display, skipped=_SKIPPED)
            continue
        sha = digest(data) if cache is not None else ""
        cached = cache.get(path, sha, display) if cache is not None else None
        if cached is not None:
            results[index] = cached
        else:
            work.append(_Work(index, path, display, data, sha))
    workers = _workers(jobs, len(work))
    checked = _check_all(work, config, rules, workers, follow_imports)
    for item, result in zip(work, checked, strict=True):
        results[item.index] = result
        if cache is not None:
            cache.put(item.path, item.digest, result)
    warnings = []
    if cache is not None:
        warning = cache.flush()
        if warning:
            warnings.append(warning)
    done = once_each(tuple(keep_enabled(r, config) for r in results if r is not None))
    return RunOutcome(
        done,
        cache_hits=cache.hits if cache else 0,
        cache_misses=cache.misses if cache else 0,
        workers=workers,
        warnings=tuple(warnings),
    )


def once_each(results: tuple[FileResult, ...]) -> tuple[FileResult, ...]:
    """Each finding on an imported module's line once: a module that two checked files import
    (or that is checked itself) shows its finding with the first, or with its own result."""
    own = {(f.path, f.code, f.span) for r in results for f in r.findings if f.path == r.path}
    seen: set[tuple[str, str, object]] = set()
    kept_results = []
    for result in results:
        kept = []
        for finding in result.findings:
            key = (finding.path, finding.code, finding.span)
            if finding.path != result.path and (key in own or key in seen):
                continue
            seen.add(key)
            kept.append(finding)
        if len(kept) != len(result.findings):
            result = replace(result, findings=tuple(kept))
        kept_results.append(result)
    return tuple(kept_results)


def idle_cpus() -> float:
    """CPUs not busy with other work, by the one-minute load average."""
    cpus = available_cpus()
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on Unix
        return float(cpus)
    return max(0.0, cpus - load)


def _workers(jobs: int | None, pending: int) -> int:
    if jobs is not None and jobs > 0:
        # More workers than CPUs only share them, each with its own start-up and memory.
        return max(1, min(jobs, pending, available_cpus()))
    if pending < PARALLEL_THRESHOLD:
        return 1
    # Workers only help with idle CPUs: on a saturated machine they get no more CPU time
    # between them than one process, and pay about 10% more in CPU for the hand-over.
    idle = int(idle_cpus() + 0.5)
    return max(1, min(available_cpus(), idle, pending // (PARALLEL_THRESHOLD // 2)))


def _check_all(
    work: list[_Work], config: Config, rules: Sequence[Rule], workers: int, follow: bool
) -> list[FileResult]:
    if workers > 1:
        try:
            return _in_parallel(work, config, workers, follow)
        except (OSError, BrokenProcessPool, PicklingError):
            pass  # no processes on this platform, or one died: do it here instead
    return [check_data(item.data, item.display, rules, follow) for item in work]


def _in_parallel(work: list[_Work], config: Config, workers: int, follow: bool) -> list[FileResult]:
    chunk = max(1, len(work) // (workers * 4))
    initargs = (config, follow)
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=initargs) as pool:
        items = [(item.data, item.display) for item in work]
        return list(pool.map(_check_in_worker, items, chunksize=chunk))


_WORKER_RULES: list[Rule] = []
_WORKER_FOLLOWS: list[bool] = [True]


def _start_worker(config: Config, follow: bool) -> None:
    _WORKER_RULES[:] = make_rules(config)
    _WORKER_FOLLOWS[0] = follow


def _check_in_worker(item: tuple[bytes, str]) -> FileResult:
    data, display = item
    return check_data(data, display, _WORKER_RULES, _WORKER_FOLLOWS[0])
