"""What the results cache and the worker processes buy, as ratios measured in one run.

1. Cache: ``lrcheck`` (the installed command, as users run it) on a generated tree, first with
   an empty cache directory (cold: every file is analysed and its entry written), then again
   (warm: every file is read and hashed, every result comes from the cache).  Also in-process,
   without the interpreter's start-up, which a command line run pays whatever it does.
2. Parallelism: in-process checks of the first N files with one process and with a worker per
   CPU, for growing N, to show where worker processes start to pay (`PARALLEL_THRESHOLD`).

    python benchmarks/bench_cache.py [--count 300] [--repeat 5] [--sizes 8,16,32,48,64,128,256]

Prints figures; never fails on them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_keras_files import generate

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.runner import PARALLEL_THRESHOLD, available_cpus, run


def median_seconds(
    action: Callable[[], object], repeat: int, before: Callable[[], object]
) -> float:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("lrcheck")
    base = [str(script)] if script.is_file() else [sys.executable, "-m", "pytest_lrcheck"]
    return [*base, *args]


def bench_cache(directory: Path, files: list[Path], repeat: int) -> None:
    cache = directory.parent / "cache"

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def cli() -> None:
        args = command(
            "--quiet", "--exit-zero", "-j", "1", "--cache-dir", str(cache), str(directory)
        )
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)

    def nothing() -> None:
        pass

    def in_process() -> None:
        run(files, Config(), jobs=1, cache_dir=cache)

    uncached = median_seconds(
        lambda: subprocess.run(
            command("--quiet", "--exit-zero", "-j", "1", "--no-cache", str(directory)),
            check=True,
            stdout=subprocess.DEVNULL,
        ),
        repeat,
        nothing,
    )
    cold = median_seconds(cli, repeat, clear)
    cli()
    warm = median_seconds(cli, repeat, nothing)
    startup = median_seconds(
        lambda: subprocess.run(command("--version"), check=True, stdout=subprocess.DEVNULL),
        repeat,
        nothing,
    )
    cold_in = median_seconds(in_process, repeat, clear)
    warm_in = median_seconds(in_process, repeat, nothing)
    print(f"cache, {len(files)} files (median of {repeat} runs)")
    print(f"  command, --no-cache          {uncached:8.3f} s")
    print(f"  command, cold cache          {cold:8.3f} s   (writes {len(files)} entries at most)")
    print(f"  command, warm cache          {warm:8.3f} s")
    print(f"  command, start-up only       {startup:8.3f} s   (lrcheck --version)")
    print(f"  in-process, cold cache       {cold_in:8.3f} s")
    print(f"  in-process, warm cache       {warm_in:8.3f} s")
    print(f"  warm/cold, command:          {warm / cold:8.3f}")
    print(f"  warm/cold, in-process:       {warm_in / cold_in:8.3f}")
    print(f"  cold cache/--no-cache:       {cold / uncached:8.3f}   (the cost of writing entries)")


def pool_startup(repeat: int) -> float:
    """Starting and stopping the worker pool, with the workers' rules built, doing nothing."""
    from concurrent.futures import ProcessPoolExecutor

    from pytest_lrcheck.lint.runner import _start_worker

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with ProcessPoolExecutor(
            available_cpus(), initializer=_start_worker, initargs=(Config(),)
        ) as pool:
            list(pool.map(abs, range(available_cpus())))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cpu_seconds(action: Callable[[], object]) -> tuple[float, float]:
    """(own, children's) user+system CPU seconds spent by ``action``."""
    before = os.times()
    action()
    after = os.times()
    own = (after.user - before.user) + (after.system - before.system)
    children = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return own, children


def bench_parallel(files: list[Path], sizes: list[int], repeat: int) -> None:
    cpus = available_cpus()
    print(f"\nparallelism: 1 process vs {cpus} worker processes, no cache (median of {repeat})")
    if cpus < 2:
        print("  only one CPU available: workers cannot help here")
        return
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        load = float("nan")
    print(f"  load average {load:.1f} on {cpus} CPUs (wall times suffer when it exceeds {cpus})")
    print(f"  {'files':>6} {'1 process s':>12} {f'{cpus} workers s':>12} {'ratio':>7}")
    for size in sizes:
        subset = files[:size]
        serial = median_seconds(lambda s=subset: run(s, Config(), jobs=1), repeat, lambda: None)
        pooled = median_seconds(lambda s=subset: run(s, Config(), jobs=cpus), repeat, lambda: None)
        print(f"  {len(subset):>6} {serial:>12.3f} {pooled:>12.3f} {pooled / serial:>7.2f}")
    # Costs that do not depend on how busy the machine is, for the break-even on idle CPUs.
    own, _ = cpu_seconds(lambda: run(files, Config(), jobs=1))
    _, children = cpu_seconds(lambda: run(files, Config(), jobs=cpus))
    per_file = own / len(files)
    overhead = children / own if own else float("nan")
    startup = pool_startup(repeat)
    gain = per_file * (1 - overhead / cpus)
    print(f"  CPU per file, one process:   {per_file * 1000:7.2f} ms")
    print(f"  CPU in workers / one process:{overhead:7.2f}")
    print(f"  pool start-up and shutdown:  {startup * 1000:7.1f} ms")
    if gain > 0:
        print(f"  break-even on {cpus} idle CPUs:  {startup / gain:7.0f} files")
    print(f"  automatic mode starts workers from {PARALLEL_THRESHOLD} files, on idle CPUs only")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300, help="files in the generated tree")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="8,16,32,48,64,128,256")
    args = parser.parse_args(argv)
    sizes = [int(part) for part in args.sizes.split(",") if part]
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary) / "tree"
        files = generate(directory, args.count)
        lines = sum(path.read_text(encoding="utf-8").count("\n") for path in files)
        print(f"generated {len(files)} files ({lines} lines)\n")
        bench_cache(directory, files, args.repeat)
        bench_parallel(files, [s for s in sizes if s <= len(files)], args.repeat)


if __name__ == "__main__":
    main()
