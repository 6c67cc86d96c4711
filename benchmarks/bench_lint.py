"""lrcheck against pylint (and ruff, for reference) on generated Keras scripts: cold, no cache.

Every run is a fresh process, so interpreter start-up and imports are paid each time, as in a
pre-commit hook or a CI step; lrcheck runs with ``--no-cache``, pylint with ``--persistent=n``,
ruff with ``--no-cache``.  Both Python linters get the same number of worker processes.  Wall
time decides the ratio; CPU time (user + system of the child processes) is printed as well,
since it varies less on a busy machine.

    python benchmarks/bench_lint.py [--count 300] [--jobs 2] [--repeat 3] [--no-pylint]

The script prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_keras_files import generate


@dataclass(frozen=True)
class Timing:
    tool: str
    wall: tuple[float, ...]  # seconds, one per run
    cpu: tuple[float, ...]
    files: int
    note: str = ""

    @property
    def best_wall(self) -> float:
        return min(self.wall)

    @property
    def median_wall(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)

    def files_per_second(self) -> float:
        return self.files / self.median_wall


# The first words of lrcheck's closing summary line.
_SUMMARY = ("Found ", "All checks passed")


class ToolFailed(RuntimeError):
    pass


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_command(
    command: Sequence[str], cwd: Path, ok: Sequence[int], repeat: int
) -> tuple[tuple[float, ...], tuple[float, ...], str]:
    walls: list[float] = []
    cpus: list[float] = []
    output = ""
    for _ in range(repeat):
        cpu_before = _children_cpu()
        start = time.perf_counter()
        completed = subprocess.run(
            command, cwd=cwd, capture_output=True, text=True, check=False, env=_quiet_env()
        )
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu_before)
        if completed.returncode not in ok:
            tail = (completed.stderr or completed.stdout)[-800:]
            raise ToolFailed(f"{command[0]} exited {completed.returncode}: {tail}")
        output = completed.stdout
    return tuple(walls), tuple(cpus), output


def _quiet_env() -> dict[str, str]:
    return {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONDONTWRITEBYTECODE": "1"}


def _script(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.is_file() else shutil.which(name)


def lrcheck_command(directory: Path, jobs: int) -> list[str]:
    script = _script("lrcheck")
    base = [script] if script else [sys.executable, "-m", "pytest_lrcheck"]
    return [*base, "--no-cache", "--jobs", str(jobs), str(directory)]


def pylint_command(files: Sequence[Path], jobs: int) -> list[str]:
    return [sys.executable, "-m", "pylint", "--persistent=n", "-j", str(jobs), *map(str, files)]


def ruff_command(directory: Path) -> list[str] | None:
    ruff = _script("ruff")
    return None if ruff is None else [ruff, "check", "--no-cache", "--exit-zero", str(directory)]


def run_all(args: argparse.Namespace, directory: Path, files: list[Path]) -> list[Timing]:
    count = len(files)
    timings = []
    for jobs in sorted({args.jobs, 1}, reverse=True):
        wall, cpu, output = time_command(
            lrcheck_command(directory, jobs), directory, (0, 1), args.repeat
        )
        summary = next((line for line in output.splitlines() if line.startswith(_SUMMARY)), "")
        timings.append(Timing(f"lrcheck -j {jobs}", wall, cpu, count, summary))
    if args.no_pylint:
        print("pylint: skipped (--no-pylint)")
    elif importlib.util.find_spec("pylint") is None:
        print("pylint: not installed in this environment; skipped")
    else:
        # pylint's exit status is a bit mask of message categories; 32 is a usage error.
        wall, cpu, _ = time_command(
            pylint_command(files, args.jobs), directory, range(32), args.pylint_repeat
        )
        timings.append(Timing(f"pylint -j {args.jobs}", wall, cpu, count))
    command = ruff_command(directory)
    if command is None:
        print("ruff: not installed; skipped")
    else:
        wall, cpu, _ = time_command(command, directory, (0,), args.repeat)
        timings.append(Timing("ruff (Rust, all cores)", wall, cpu, count))
    return timings


def report(timings: list[Timing], lines: int, jobs: int) -> None:
    print(f"\n{'tool':<24}{'runs':>5}{'median s':>10}{'best s':>9}{'cpu s':>8}{'files/s':>10}")
    for t in timings:
        print(
            f"{t.tool:<24}{len(t.wall):>5}{t.median_wall:>10.2f}{t.best_wall:>9.2f}"
            f"{t.median_cpu:>8.2f}{t.files_per_second():>10.1f}"
        )
    for t in timings:
        if t.note:
            print(f"{t.tool}: {t.note}")
    by_tool = {t.tool: t for t in timings}
    ours, theirs = by_tool.get(f"lrcheck -j {jobs}"), by_tool.get(f"pylint -j {jobs}")
    if ours and theirs:
        wall_ratio = ours.files_per_second() / theirs.files_per_second()
        cpu_ratio = theirs.median_cpu / ours.median_cpu
        verdict = "meets" if wall_ratio >= 10 else "is below"
        print(
            f"\nthroughput lrcheck/pylint (-j {jobs}, wall): {wall_ratio:.1f}x "
            f"({verdict} the 10x aim); by CPU time: {cpu_ratio:.1f}x"
        )
    print(f"corpus: {timings[0].files} files, {lines} lines")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300, help="files to generate [300]")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for both [2]")
    parser.add_argument("--repeat", type=int, default=3, help="runs of lrcheck and ruff [3]")
    parser.add_argument("--pylint-repeat", type=int, default=1, help="runs of pylint [1]")
    parser.add_argument("--no-pylint", action="store_true", help="skip pylint (slow)")
    parser.add_argument("--keep", type=Path, help="generate into this directory and keep it")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench_lint_") as temporary:
        directory = args.keep or Path(temporary)
        files = generate(directory, args.count, args.seed)
        lines = sum(path.read_text(encoding="utf-8").count("\n") for path in files)
        print(f"generated {len(files)} files ({lines} lines) in {directory}")
        try:
            timings = run_all(args, directory, files)
        except ToolFailed as error:
            raise SystemExit(f"benchmark aborted: {error}") from None
    report(timings, lines, args.jobs)


if __name__ == "__main__":
    main()
