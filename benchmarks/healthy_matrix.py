"""The healthy matrix: how often `check_training` fails a model that trains fine.

Every healthy entry of the model zoo (``tests/zoo``: every kind of model and input, several
datasets, optimizers, schedules and batch sizes; each one shown to learn under a plain
``fit``) is checked on several seeds the way the ``lrcheck`` fixture does it: seed Python,
NumPy and the backend, build, then ``check_training(model, x, y, **what the user passes to
fit)``.  Each backend runs in a process of its own (Keras reads ``KERAS_BACKEND`` once).

    python benchmarks/healthy_matrix.py [--backend tensorflow,jax,torch] [--seeds 5]
                                        [--only NAME,NAME] [--max-seconds S]

Prints one line per run, then per backend: runs, healthy, warned (healthy with warnings),
false alarms (with their codes), crashes and refusals (with the exception's first line) and
inconclusive runs.  Exits 1 when any false alarm or crash was seen, else 0.  It measures; it
is not a test, and no time figure decides anything.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from tests.zoo import BACKENDS, ENTRIES, Entry, installed, seeded  # noqa: E402
from tests.zoo.backends import WorkerFailed, missing, stream_json  # noqa: E402
from tests.zoo.case import keras  # noqa: E402

OUTCOMES = ("healthy", "warned", "false alarm", "crash", "inconclusive", "fit fails too")

# A failed check is a false alarm when a plain ``fit`` of the same build, for the steps the
# check ran, learns (held-out loss clearly under the constant guess's) under most of these
# batch orders.  The zoo shows each entry learns on seed 0; another seed can build a model
# that sits on a plateau for hundreds of steps under most orders, and there the check's
# verdict is what a plain ``fit`` shows too: such a run is counted apart, never as healthy.
CONTROL_ORDERS = 5


def healthy_entries(backend: str, only: set[str]) -> list[Entry]:
    return [
        entry
        for entry in ENTRIES
        if entry.expect == "healthy"
        and entry.runs_on(backend, installed)
        and (not only or entry.name in only)
    ]


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    text = lines[0] if lines else ""
    # TensorFlow opens a traced error with its frames; the reason is the last line.
    if text.startswith("in user code:") and len(lines) > 1:
        text = f"in user code: ... {lines[-1]}"
    return f"{type(error).__name__}: {text[:200]}"


def check_one(entry: Entry, seed: int, max_seconds: float | None) -> dict[str, Any]:
    """One run, as a user's test would make it; never raises."""
    import pytest_lrcheck

    record: dict[str, Any] = {"entry": entry.name, "seed": seed}
    began = time.perf_counter()
    try:
        seeded(seed)
        case = entry.build(seed)
        options = dict(case.inputs.keywords())
        if max_seconds is not None:
            options["max_seconds"] = max_seconds
        report = pytest_lrcheck.check_training(
            case.model, case.inputs.x, case.inputs.y, seed=seed, **options
        )
    except Exception as error:  # a crash or a refusal is what this run measured
        record.update(outcome="crash", error=_first_line(error))
    else:
        warnings = [symptom.code for symptom in getattr(report, "warnings", ())]
        if report.inconclusive:
            outcome = "inconclusive"
        elif not report.healthy:
            learned = plain_fits_learning(entry, seed, report.steps_run)
            record["plain_fits_learned"] = f"{learned}/{CONTROL_ORDERS}"
            outcome = "false alarm" if 2 * learned > CONTROL_ORDERS else "fit fails too"
        else:
            outcome = "warned" if warnings else "healthy"
        record.update(
            outcome=outcome,
            codes=list(report.codes),
            warnings=warnings,
            steps=report.steps_run,
        )
    record["seconds"] = round(time.perf_counter() - began, 2)
    return record


def plain_fits_learning(entry: Entry, seed: int, steps: int) -> int:
    """How many of ``CONTROL_ORDERS`` plain fits of the seed's build learn in ``steps``."""
    from tests.zoo.fitting import fit_entry

    orders = range(10_000 + seed, 10_000 + seed + CONTROL_ORDERS)
    return sum(
        fit_entry(entry, seed, max(steps, 1), order).outcome == "learned" for order in orders
    )


def worker(args: argparse.Namespace) -> int:
    """Runs in the backend's own process: one JSON line per run."""
    import json

    backend = keras().backend.backend()
    for entry in healthy_entries(backend, _names(args.only)):
        for seed in range(args.seeds):
            print(json.dumps({"backend": backend, **check_one(entry, seed, args.max_seconds)}))
            sys.stdout.flush()
    return 0


def _names(text: str) -> set[str]:
    return set(filter(None, text.split(",")))


def _line(run: dict[str, Any]) -> str:
    detail = run.get("error") or ",".join(run.get("codes", ()))
    if "plain_fits_learned" in run:
        detail += f" (plain fits that learned: {run['plain_fits_learned']})"
    if run.get("warnings"):
        detail += f" warnings={','.join(run['warnings'])}"
    return (
        f"{run['backend']:10s} {run['entry']:31s} seed={run['seed']} {run['outcome']:12s} "
        f"{run['seconds']:6.2f}s {detail}"
    )


def _generic(error: str) -> str:
    """The error with the model's name and Keras' numbered object names (sequential_25,
    plain_net_3) made alike, so one defect is counted once."""
    error = re.sub(r"model '[^']+'", "model '...'", error)
    return re.sub(r"'([A-Za-z]\w*?)_\d+'", r"'\1_N'", error)


def summarize(backend: str, runs: list[dict[str, Any]]) -> list[str]:
    counts = collections.Counter(run["outcome"] for run in runs)
    lines = [
        f"{backend}: {len(runs)} runs, {counts['healthy']} healthy, {counts['warned']} warned, "
        f"{counts['false alarm']} false alarms, {counts['crash']} crashes/refusals, "
        f"{counts['inconclusive']} inconclusive, {counts['fit fails too']} failed where most "
        f"plain fits of the same model fail too"
    ]
    by_code: dict[str, list[str]] = collections.defaultdict(list)
    by_error: dict[str, list[str]] = collections.defaultdict(list)
    by_warning: dict[str, list[str]] = collections.defaultdict(list)
    for run in runs:
        where = f"{run['entry']}/{run['seed']}"
        if run["outcome"] in ("false alarm", "fit fails too"):
            code = run["codes"][0] if run["codes"] else "(no code)"
            by_code[code if run["outcome"] == "false alarm" else f"{code}, fit fails too"].append(
                where
            )
        if run["outcome"] == "crash":
            by_error[_generic(run["error"])].append(where)
        for code in run.get("warnings", ()):
            by_warning[code].append(where)
    for title, groups in (
        ("false alarm", by_code),
        ("crash", by_error),
        ("warning", by_warning),
    ):
        for key, places in sorted(groups.items(), key=lambda item: -len(item[1])):
            shown = ", ".join(places[:6]) + (", ..." if len(places) > 6 else "")
            lines.append(f"  {title} x{len(places)}: {key}  [{shown}]")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", default=",".join(BACKENDS), help="comma-separated")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--only", default="", help="comma-separated zoo entry names")
    parser.add_argument("--max-seconds", type=float, default=None, help="per check")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)
    unknown = _names(args.only) - {entry.name for entry in ENTRIES}
    if unknown:
        parser.error(f"no zoo entry named {', '.join(sorted(unknown))}")
    summaries: list[str] = []
    bad = 0
    for backend in dict.fromkeys(filter(None, args.backend.split(","))):
        reason = missing(backend)
        if reason is not None:
            summaries.append(f"{backend}: not run: {reason}")
            continue
        command = [str(Path(__file__).resolve()), "--worker", "--seeds", str(args.seeds)]
        command += ["--only", args.only] if args.only else []
        if args.max_seconds is not None:
            command += ["--max-seconds", str(args.max_seconds)]
        runs: list[dict[str, Any]] = []
        try:
            for run in stream_json(backend, command):
                runs.append(run)
                print(_line(run), flush=True)
        except WorkerFailed as failure:
            summaries.append(f"{backend}: the worker failed after {len(runs)} runs: {failure}")
            bad += 1
        summaries += summarize(backend, runs)
        bad += sum(run["outcome"] in ("false alarm", "crash") for run in runs)
    print("\n".join(["", *summaries]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
