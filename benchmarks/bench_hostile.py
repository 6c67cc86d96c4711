"""Soak figures for hostile input: what the corpus of broken, huge and deep files costs, whether
repeated runs stay identical and bounded, and how the engine scales, as ratios measured in one
run against ordinary Keras programs (the bundled examples).

1. The hostile corpus (``tests/hardening/hostile_corpus.py``) through the command in-process,
   ``--rounds`` times: identical output every round, time per round against the same number
   of example files, peak memory before and after.
2. The 5 MB generated module: seconds and MB/s against the examples' MB/s.
3. Scaling: a model of N to 8N ``add`` calls; linear code takes about 2x for 2x the lines
   (it took 4x where a layer list was scanned on every ``add``, and 2.3x while the cyclic
   garbage collector ran during the analysis).
4. Deep nesting: a 2,500-term sum (analysed on a deep stack) against a flat file of the same
   size.
5. Fixing soak: ``--unsafe-fixes`` on copies of the examples, then again: every second run
   must change nothing.

    python benchmarks/bench_hostile.py [--rounds 20]

Prints figures; never fails on them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pytest_lrcheck.cli import main  # noqa: E402
from pytest_lrcheck.lint.engine import check_text, make_rules  # noqa: E402
from tests.hardening.hostile_corpus import build, generated_module  # noqa: E402

EXAMPLES = sorted((ROOT / "examples").glob("*.py"))
RULES = make_rules()


def seconds(action: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(list(args))
    return status, out.getvalue()


def peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def bench_corpus(work: Path, rounds: int) -> None:
    corpus = work / "corpus"
    corpus.mkdir()
    cases = build(corpus, big=False)
    baseline = work / "baseline"
    baseline.mkdir()
    for index in range(len(cases)):
        source = EXAMPLES[index % len(EXAMPLES)]
        shutil.copy(source, baseline / f"{index:03d}_{source.name}")
    args = ("--no-cache", "-j", "1", "--output-format", "json")
    first_status, first = command(*args, str(corpus))
    memory_before = peak_mb()
    times, identical = [], True
    for _ in range(rounds):
        start = time.perf_counter()
        status, out = command(*args, str(corpus))
        times.append(time.perf_counter() - start)
        identical = identical and (status, out) == (first_status, first)
    ordinary = seconds(lambda: command(*args, str(baseline)))
    print(f"hostile corpus: {len(cases)} files, {rounds} rounds of `lrcheck` in-process")
    print(f"  exit status {first_status}, output identical in every round: {identical}")
    print(
        f"  per round: min {min(times):.3f} s, median {statistics.median(times):.3f} s, "
        f"max {max(times):.3f} s"
    )
    print(f"  {len(cases)} example files:       {ordinary:8.3f} s")
    print(f"  hostile/ordinary:            {statistics.median(times) / ordinary:8.2f}")
    print(f"  peak memory after round 1 {memory_before:.0f} MB, after all {peak_mb():.0f} MB")


def bench_big_file(work: Path) -> None:
    text = generated_module()
    path = work / "generated_weights.py"
    path.write_text(text, encoding="utf-8")
    megabytes = len(text.encode()) / 1e6
    big = seconds(lambda: command("--no-cache", "--quiet", str(path)), repeat=1)
    examples = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    example_mb = sum(len(t.encode()) for t in examples) / 1e6

    def all_examples() -> None:
        for source in examples:
            check_text(source, "x.py", RULES)

    ordinary = seconds(all_examples, repeat=5)
    print(f"\n{megabytes:.1f} MB generated module: {big:.2f} s, {megabytes / big:.2f} MB/s")
    print(f"  examples ({len(examples)} files): {example_mb / ordinary:.2f} MB/s")
    print(f"  big/ordinary throughput:     {(megabytes / big) / (example_mb / ordinary):8.2f}")
    print(f"  peak memory so far {peak_mb():.0f} MB")


def sequential(adds: int) -> str:
    lines = ["from tensorflow import keras", "model = keras.Sequential()"]
    lines += [
        f"model.add(keras.layers.Dense({n % 50 + 1}, activation='relu'))" for n in range(adds)
    ]
    lines.append("model.compile(loss='categorical_crossentropy')")
    return "\n".join(lines) + "\n"


def bench_scaling() -> None:
    print("\nscaling: one model with N add() calls (median of 3)")
    previous = None
    for adds in (5_000, 10_000, 20_000, 40_000):
        source = sequential(adds)
        took = seconds(lambda source=source: check_text(source, "x.py", RULES))
        ratio = f"   x{took / previous:.2f} for 2x the lines" if previous else ""
        print(f"  N={adds:6d}: {took:7.3f} s{ratio}")
        previous = took


def bench_deep() -> None:
    deep = "from tensorflow import keras\nx = " + " + ".join(["1"] * 2500) + "\n"
    flat = "from tensorflow import keras\n" + "".join(
        f"x{n} = 1 + 1 + 1 + 1 + 1\n" for n in range(len(deep) // 22)
    )
    deep_time = seconds(lambda: check_text(deep, "x.py", RULES), repeat=5)
    flat_time = seconds(lambda: check_text(flat, "x.py", RULES), repeat=5)
    print(f"\ndeep nesting: a 2,500-term sum ({len(deep)} bytes) on the deep stack")
    print(f"  deep {deep_time:.3f} s, flat file of the same size {flat_time:.3f} s")
    print(f"  deep/flat:                   {deep_time / flat_time:8.2f}")


def bench_fix_soak(work: Path, rounds: int) -> None:
    fixed_again = 0
    times = []
    for round_number in range(rounds):
        folder = work / f"fix{round_number}"
        shutil.copytree(ROOT / "examples", folder)
        start = time.perf_counter()
        command("--no-cache", "--unsafe-fixes", "--quiet", str(folder))
        times.append(time.perf_counter() - start)
        before = {p: p.read_bytes() for p in folder.glob("*.py")}
        command("--no-cache", "--unsafe-fixes", "--quiet", str(folder))
        fixed_again += sum(p.read_bytes() != data for p, data in before.items())
        shutil.rmtree(folder)
    print(f"\nfixing soak: --unsafe-fixes on the {len(EXAMPLES)} examples, {rounds} rounds")
    print(f"  median {statistics.median(times):.3f} s per round")
    print(f"  files changed by a second --unsafe-fixes: {fixed_again} (must be 0)")


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        bench_corpus(work, args.rounds)
        bench_big_file(work)
        bench_scaling()
        bench_deep()
        bench_fix_soak(work, max(1, args.rounds // 4))


if __name__ == "__main__":
    main_bench()
