"""Explain an unhealthy run: a table of explainers, cheapest first, run in one loop.

Each `Explainer` row names the evidence it needs (a `Probe`, whose cost the time budget is
asked about before it is gathered), the symptom codes its detectors can add, and the function
that reads the evidence and calls them.  Reading the data, the model's configuration and the
recorded curve costs nothing; the probes of the trained model cost a pass over the probe batch
each; the reruns retrain from the starting weights.  A row whose evidence does not fit in the
time left is skipped with a note saying so.

Adding a runtime symptom touches four places: its code in `runtime/codes.py`, its document
``rules/LRC5xx-<name>.md``, a detector function in `runtime/detectors/`, and one row below
(plus a `Probe` in `runtime/evidence.py` when it needs evidence no row gathers yet).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pytest_lrcheck.runtime.detectors import (
    data,
    labels,
    learning_rate,
    mismatch,
    non_finite,
    targets,
    units,
    weights,
)
from pytest_lrcheck.runtime.detectors.curve import judge_curve
from pytest_lrcheck.runtime.evidence import (
    ACTIVITY,
    DATASET_LABELS,
    GRADIENTS,
    INPUT_SCALE,
    MISMATCH,
    PENALTY,
    WEIGHT_CHANGE,
    Evidence,
    Probe,
)
from pytest_lrcheck.runtime.report import Symptom
from pytest_lrcheck.runtime.reruns import (
    GRADIENT_TRACE,
    HALF_RATE,
    LOWER_RATE,
    OVERFIT,
    RANGE_TEST,
)
from pytest_lrcheck.runtime.warnings_tier import DATASET_ORDER

# A probe starts only when its predicted cost, with this much slack, ends before the deadline.
SLACK = (1.2, 0.2)  # times the predicted seconds, plus seconds


@dataclass
class Diagnosis:
    """The verdict's symptoms, what the explainers added to them, and notes on what was not
    examined."""

    symptoms: list[Symptom] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def codes(self) -> set[str]:
        return {symptom.code for symptom in self.symptoms}

    def add(self, symptom: Symptom | None) -> None:
        if symptom is not None and symptom.code not in self.codes:
            self.symptoms.append(symptom)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


Found = Sequence[Symptom | None]


@dataclass(frozen=True)
class Explainer:
    """One row of the diagnosis: the evidence it reads and the codes its detectors add."""

    feeds: tuple[str, ...]
    explain: Callable[[Evidence, Diagnosis], Found]
    needs: Probe[Any] | None = None  # the evidence it reads that the run did not record
    skip_when: frozenset[str] = frozenset()  # codes that make the row pointless
    only_when: frozenset[str] = frozenset()  # codes the row needs one of (none: always runs)


def _target_scale(e: Evidence, d: Diagnosis) -> Found:
    return [targets.unscaled_targets(e.session.labels, e.facts.loss)]


def _unscaled_inputs(e: Evidence, d: Diagnosis) -> Found:
    return [data.unscaled_inputs(e.get(INPUT_SCALE), e.facts)]


def _activation_loss_mismatch(e: Evidence, d: Diagnosis) -> Found:
    return [mismatch.mismatch_symptom(e.facts, e.get(MISMATCH))]


def _labels(e: Evidence, d: Diagnosis) -> Found:
    # The same reading as a healthy run's warnings (`runtime.warnings_tier`): here a cause.
    ordered = e.get(DATASET_LABELS)
    if ordered:
        where = DATASET_ORDER
        return [labels.class_sorted(ordered, e.facts.loss, where=where)]
    return [labels.single_valued(e.session.labels, e.facts.loss)]


def _weights_never_change(e: Evidence, d: Diagnosis) -> Found:
    return [weights.weights_never_change(e.get(WEIGHT_CHANGE), e.facts.learning_rate)]


def _non_finite_layer(e: Evidence, d: Diagnosis) -> Found:
    return [non_finite.layer_not_finite(e.non_finite)]


def _first_loss(e: Evidence, d: Diagnosis) -> Found:
    losses = e.run.losses
    return [data.implausible_initial_loss(losses[0], e.reference)] if losses else []


def _gradient_norms(e: Evidence, d: Diagnosis) -> Found:
    return [units.exploding(e.run.grad_norms or e.get(GRADIENT_TRACE))]


def _unit_activity(e: Evidence, d: Diagnosis) -> Found:
    activity = e.get(ACTIVITY)
    if activity is None:
        return []
    return [units.dead_relu(activity, e.probe_rows), units.saturated(activity)]


def _layer_gradients(e: Evidence, d: Diagnosis) -> Found:
    gradients = e.get(GRADIENTS)
    return [] if gradients is None else [units.vanishing(gradients)]


def _range_test(e: Evidence, d: Diagnosis) -> Found:
    result, rate = e.get(RANGE_TEST), e.facts.learning_rate
    if result is None or rate is None:
        return []
    # "Too low" explains only a loss that does not fall: not decreasing, or stuck at chance.
    low = learning_rate.too_low(rate, result) if {"LRC503", "LRC504"} & d.codes else None
    return [learning_rate.too_high(rate, result), low]


def _half_rate(e: Evidence, d: Diagnosis) -> Found:
    half, rate = e.get(HALF_RATE), e.facts.learning_rate
    if half is None or rate is None:
        return []
    return [learning_rate.lower_rate_heals(rate, rate / 2, e.run.losses, half.losses, e.reference)]


def _lower_rate(e: Evidence, d: Diagnosis) -> Found:
    lower, rate = e.get(LOWER_RATE), e.facts.learning_rate
    if lower is None or rate is None:
        return []
    healed = None
    if "LRC512" not in d.codes:
        healed = learning_rate.lower_rate_heals(
            rate, rate / 10, e.run.losses, lower.losses, e.reference
        )
    elif not judge_curve(lower.losses, e.reference):
        learning_rate.note_lower_rate_heals(d.symptoms, rate / 10)
    return [
        healed,
        learning_rate.scales_with_rate(
            rate, e.run.losses[: e.rerun_steps], lower.losses, e.reference
        ),
    ]


def _small_batch(e: Evidence, d: Diagnosis) -> Found:
    found = e.get(OVERFIT)
    if found is None:
        return []
    run, rate = found
    return [learning_rate.cannot_overfit(run.losses, rate, e.get(PENALTY))]


# Weights that never move, or a model that computes NaN before any step: every rerun would
# show the same again, at any rate.
_STILL = frozenset({"LRC520", "LRC521"})

EXPLAINERS: tuple[Explainer, ...] = (
    Explainer(("LRC511",), _unscaled_inputs, INPUT_SCALE),
    Explainer(("LRC516",), _activation_loss_mismatch, MISMATCH),
    # A bounded output cannot reach the targets at any scale: LRC516 says that.
    Explainer(("LRC519",), _target_scale, skip_when=frozenset({"LRC516"})),
    Explainer(("LRC517", "LRC518"), _labels, DATASET_LABELS),
    Explainer(("LRC520",), _weights_never_change, WEIGHT_CHANGE),
    Explainer(("LRC510",), _first_loss),
    # A NaN the model computes before any step, read from the search for where it started.
    Explainer(("LRC521",), _non_finite_layer, only_when=frozenset({"LRC501"})),
    Explainer(("LRC507", "LRC515"), _unit_activity, ACTIVITY),
    # Dead units pass no gradient at all: that is not a vanishing one.
    Explainer(("LRC508",), _layer_gradients, GRADIENTS, skip_when=frozenset({"LRC507"})),
    # Gradients that explode make an unstable curve: only such a curve pays for the trace.
    Explainer(
        ("LRC509",),
        _gradient_norms,
        GRADIENT_TRACE,
        only_when=frozenset({"LRC501", "LRC502", "LRC505"}),
        skip_when=_STILL,
    ),
    # Weights that never move explain every symptom below: no rerun needs to show it again.
    Explainer(("LRC512", "LRC513"), _range_test, RANGE_TEST, skip_when=_STILL),
    # Halving the rate removes the symptom: the steps were too large, whatever the range test
    # (whose sweep starts from the same weights) could single out.
    Explainer(("LRC512",), _half_rate, HALF_RATE, skip_when=_STILL | {"LRC512"}),
    Explainer(("LRC512", "LRC506"), _lower_rate, LOWER_RATE, skip_when=_STILL),
    Explainer(("LRC514",), _small_batch, OVERFIT, skip_when=_STILL),
)


def diagnose(evidence: Evidence, diagnosis: Diagnosis) -> None:
    """Add the explainers' findings to ``diagnosis`` (which holds the verdict's symptoms),
    row by row, as far as the time budget allows."""
    try:
        for row in EXPLAINERS:
            if row.skip_when & diagnosis.codes:
                continue
            if row.only_when and not row.only_when & diagnosis.codes:
                continue
            if row.needs is not None:
                if row.needs.retrains and evidence.cannot_retrain is not None:
                    diagnosis.note(evidence.cannot_retrain)
                    continue
                if not _time_for(evidence, row.needs, diagnosis):
                    continue
            for symptom in row.explain(evidence, diagnosis):
                if symptom is not None and symptom.code not in row.feeds:
                    # A row adds only what it declares: the table is the map of the diagnosis.
                    raise RuntimeError(f"{row.explain.__name__} added {symptom.code}")
                diagnosis.add(symptom)
    finally:
        evidence.settle()


def _time_for(evidence: Evidence, probe: Probe[Any], diagnosis: Diagnosis) -> bool:
    if evidence.has(probe) or probe.cost is None:
        return True
    factor, extra = SLACK
    if evidence.budget.allows(probe.cost(evidence) * factor + extra):
        return True
    if not evidence.budget.abandoned:
        diagnosis.note(f"{probe.name} skipped: the time budget is spent")
    return False
