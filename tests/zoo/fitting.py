"""Fit zoo entries with plain ``model.fit`` and score them on held-out data.

Run on one backend per process (Keras reads ``KERAS_BACKEND`` once, at import)::

    KERAS_BACKEND=jax python -m tests.zoo.fitting [--seed 0] [--only NAME,NAME]

prints one JSON object per entry: its name, what it was expected to do, what ``fit`` did
(``learned``, ``stalled``, ``raised``, ``trained-nothing``), the held-out loss/baseline ratio
of its worst output and the seconds the fit took.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
import traceback
import warnings
from dataclasses import asdict, dataclass

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from tests.zoo.case import Entry, keras
from tests.zoo.registry import selected
from tests.zoo.scoring import held_out_ratios, worst_ratio

# Held-out loss at most this share of the constant guess's: clearly learned.
LEARNED = 0.75
# At least this share (or non-finite): did not learn.  Between the two: neither, say so.
STALLED = 0.9


@dataclass(frozen=True)
class FitOutcome:
    name: str
    expect: str
    outcome: str
    ratio: float | None
    seconds: float
    detail: str = ""

    @property
    def as_expected(self) -> bool:
        wanted = {"healthy": ("learned",), "unhealthy": ("stalled",)}
        return self.outcome in wanted.get(self.expect, ("raised", "trained-nothing"))


def fit_entry(
    entry: Entry, seed: int = 0, steps: int | None = None, order: int | None = None
) -> FitOutcome:
    """Build ``entry`` on ``seed``, fit it for about ``steps`` batches, score it.

    ``order`` reseeds everything after the build, so the same starting weights train under
    another batch order (and dropout draws)."""
    began = time.perf_counter()
    case = entry.build(seed)
    if order is not None:
        keras().utils.set_random_seed(order)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            history = case.model.fit(
                case.inputs.x, case.inputs.y, **case.inputs.fit_keywords(steps or entry.steps)
            )
    except Exception as error:  # the outcome to report, for entries Keras cannot train on
        first = (str(error).strip().splitlines() or [""])[0]
        return FitOutcome(
            entry.name,
            entry.expect,
            "raised",
            None,
            time.perf_counter() - began,
            f"{type(error).__name__}: {first[:200]}",
        )
    seconds = time.perf_counter() - began
    if not history.history:
        return FitOutcome(entry.name, entry.expect, "trained-nothing", None, seconds)
    ratio = worst_ratio(held_out_ratios(case.model, case.held_out))
    if ratio <= LEARNED:
        outcome = "learned"
    elif ratio >= STALLED or not math.isfinite(ratio):
        outcome = "stalled"
    else:
        outcome = "unclear"
    return FitOutcome(entry.name, entry.expect, outcome, ratio, seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--steps", type=int, default=None, help="batches per fit (default: the entry's)"
    )
    parser.add_argument("--only", default="", help="comma-separated entry names")
    args = parser.parse_args(argv)
    backend = keras().backend.backend()
    for entry in selected(backend, args.only):
        try:
            outcome = fit_entry(entry, args.seed, args.steps)
        except Exception:  # a broken builder: report it as such, keep going
            outcome = FitOutcome(
                entry.name, entry.expect, "broken", None, 0.0, traceback.format_exc(limit=3)
            )
        print(json.dumps(asdict(outcome)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
