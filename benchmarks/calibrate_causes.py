"""Calibrate the diagnosis: does the check name the right first cause of a failing run?

Runs every labelled scenario of `benchmarks/calibration` (at least 40 failures across model
kinds, each with its expected first cause and verdict) through `check_training`, or through
a `LossWatcher` on the user's own ``fit`` where the scenario is about ``fit``, on each backend
in a process of its own, and prints for each: the expected cause and verdict, the verdict
got, the ranked causes (loss-curve shapes left out: they say what happened, not why), the
warnings, and whether the first cause named is right.  Then, per backend: the rank-1 rate,
the verdict accuracy and the time to verdict.  A cause the runtime has no way to say yet
counts as wrong.

    python benchmarks/calibrate_causes.py [--backend tensorflow,jax,torch] [--seeds 1]
                                          [--only NAME,NAME] [--verify]

``--verify`` checks the labels instead of the check: each scenario is trained with a plain
``fit`` and a "fail" that learns (held-out loss clearly below the constant guess) or a "warn"
whose training loss does not fall is printed as a label to fix.  It measures and prints; it
always exits 0 unless a worker itself fails.
"""

from __future__ import annotations

import argparse
import collections
import math
import os
import statistics
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from benchmarks.calibration import SCENARIOS, Scenario  # noqa: E402
from tests.zoo import BACKENDS, installed  # noqa: E402
from tests.zoo.backends import WorkerFailed, missing, stream_json  # noqa: E402
from tests.zoo.case import keras  # noqa: E402

# A "fail" whose plain fit reaches this share of the constant guess's held-out loss learned
# as well as the zoo's healthy entries do (0.1-0.35): its label is wrong.  An unstable run
# that still learns something (the first report reached 86-90% accuracy) stays a failure.
LEARNED = 0.5


def _names(text: str) -> list[str]:
    return list(dict.fromkeys(filter(None, text.split(","))))


def _selected(backend: str, only: list[str]) -> list[Scenario]:
    return [
        s
        for s in SCENARIOS
        if backend in s.backends
        and all(installed(p) for p in s.needs)
        and (not only or s.name in only)
    ]


def _verify(scenario: Scenario, seed: int) -> dict[str, Any]:
    """Train the scenario with a plain fit: does it behave as its label says?"""
    import warnings

    from benchmarks.calibration.judge import STEPS
    from tests.zoo import seeded
    from tests.zoo.scoring import held_out_ratios, worst_ratio

    seeded(seed)
    case = scenario.build(seed)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            history = case.model.fit(
                case.inputs.x, case.inputs.y, **case.inputs.fit_keywords(STEPS)
            ).history.get("loss", [])
        ratio = worst_ratio(held_out_ratios(case.model, case.held_out))
    except Exception as error:
        return {"scenario": scenario.name, "label": "?", "note": f"fit raised {error!r:.120}"}
    first, last = (history[0], history[-1]) if history else (math.nan, math.nan)
    falls = math.isfinite(last) and last < 0.9 * first
    contradiction = ratio <= LEARNED if scenario.verdict == "fail" else not falls
    return {
        "scenario": scenario.name,
        "label": scenario.verdict,
        "ratio": ratio,
        "first_loss": first,
        "last_loss": last,
        "note": "LABEL CONTRADICTED" if contradiction else "",
    }


def worker(args: argparse.Namespace) -> int:
    import json

    from benchmarks.calibration.judge import judge

    backend = keras().backend.backend()
    for scenario in _selected(backend, _names(args.only)):
        for seed in range(args.seeds):
            record = _verify(scenario, seed) if args.verify else asdict(judge(scenario, seed))
            print(json.dumps({"backend": backend, "seed": seed, **record}), flush=True)
    return 0


def _line(run: dict[str, Any]) -> str:
    if "expected" not in run:  # --verify
        figures = " ".join(
            f"{key}={run[key]:.3g}" for key in ("ratio", "first_loss", "last_loss") if key in run
        )
        return f"{run['scenario']:31s} label={run['label']:4s} {figures} {run['note']}"
    mark = "right" if run["rank1_right"] else "WRONG"
    verdict = run["got"] + ("" if run["verdict_right"] else "(!)")
    ranked = ",".join(run["causes"]) or "-"
    warned = ",".join(run["warnings"]) or "-"
    tail = f"  {run['error']}" if run["error"] else ""
    return (
        f"{run['scenario']:31s} s{run['seed']} expect {run['cause']:16s} {run['expected']:4s} "
        f"got {verdict:15s} ranked {ranked:22s} warnings {warned:8s} rank1 {mark} "
        f"{run['seconds']:5.1f}s step={run['verdict_step']}{tail}"
    )


def summarize(backend: str, runs: list[dict[str, Any]]) -> list[str]:
    if not runs or "expected" not in runs[0]:
        flagged = [r["scenario"] for r in runs if r.get("note")]
        return [f"{backend}: {len(runs)} verified, {len(flagged)} flagged: {', '.join(flagged)}"]
    n = len(runs)
    right = sum(r["rank1_right"] for r in runs)
    verdicts = sum(r["verdict_right"] for r in runs)
    got = collections.Counter(r["got"] for r in runs)
    caught = [r for r in runs if r["got"] in ("fail", "warn")]
    steps = [r["verdict_step"] for r in caught if r["verdict_step"] is not None]
    seconds = [r["seconds"] for r in caught]
    lines = [
        f"{backend}: {n} runs; rank-1 right {right}/{n} ({right / n:.0%}); "
        f"verdict right {verdicts}/{n} ({verdicts / n:.0%})",
        "  verdicts got: " + ", ".join(f"{k} {v}" for k, v in got.most_common()),
    ]
    if caught:
        lines.append(
            f"  time to verdict over {len(caught)} caught runs: "
            f"median {statistics.median(seconds):.1f} s (max {max(seconds):.1f} s)"
            + (f", median verdict step {statistics.median(steps):g}" if steps else "")
        )
    by_cause: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for r in runs:
        by_cause[r["cause"]][0] += r["rank1_right"]
        by_cause[r["cause"]][1] += 1
    lines.append(
        "  rank-1 by cause: " + ", ".join(f"{c} {a}/{b}" for c, (a, b) in sorted(by_cause.items()))
    )
    errors = collections.Counter(r["error"] for r in runs if r["error"])
    lines += [f"  error x{count}: {error}" for error, count in errors.most_common()]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", default=",".join(BACKENDS), help="comma-separated")
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    parser.add_argument("--verify", action="store_true", help="check the labels with plain fit")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)
    unknown = set(_names(args.only)) - {s.name for s in SCENARIOS}
    if unknown:
        parser.error(f"no scenario named {', '.join(sorted(unknown))}")
    summaries: list[str] = []
    failed = 0
    for backend in _names(args.backend):
        reason = missing(backend)
        if reason is not None:
            summaries.append(f"{backend}: not run: {reason}")
            continue
        command = [str(Path(__file__).resolve()), "--worker", "--seeds", str(args.seeds)]
        command += ["--only", args.only] if args.only else []
        command += ["--verify"] if args.verify else []
        runs: list[dict[str, Any]] = []
        print(f"== {backend}", flush=True)
        try:
            for run in stream_json(backend, command):
                runs.append(run)
                print(_line(run), flush=True)
        except WorkerFailed as failure:
            summaries.append(f"{backend}: the worker failed after {len(runs)} runs: {failure}")
            failed += 1
        summaries += summarize(backend, runs)
    print("\n".join(["", *summaries]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
