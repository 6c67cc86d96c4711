"""The one verdict path: rank the symptoms, find the verdict step, build the `TrainingReport`.

`check_training`, `check_step` and `LossWatcher` all end in `conclude`, so a report means the
same whichever of them wrote it.  The verdict itself rests on the loss curve
(`detectors.curve`), which every kind of check has; `check_training`, which also holds the
trained model, adds what the model's outputs say (`judge`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from pytest_lrcheck.runtime import other_order
from pytest_lrcheck.runtime.codes import (
    BRINGS_ABOUT,
    CAUSE_TIERS,
    LOWER_RATE_CAUSES,
    LOWER_RATE_CURVES,
    VERDICT_CODES,
)
from pytest_lrcheck.runtime.detectors import (
    curve,
    curve_stats,
    data,
    learning_rate,
    mismatch,
    not_decreasing,
    stopping,
    units,
)
from pytest_lrcheck.runtime.detectors.reference import LossReference, reference_of
from pytest_lrcheck.runtime.evidence import (
    ACTIVITY,
    DATASET_LABELS,
    INPUT_SCALE,
    MISMATCH,
    OUTPUT_LOSSES,
    PENALTY,
    PREDICTIONS,
    PROBE_LOSS,
    Evidence,
)
from pytest_lrcheck.runtime.probes import (
    Predictions,
    collapsed,
    collapsed_outputs,
    summarize_outputs,
)
from pytest_lrcheck.runtime.report import Symptom, TrainingReport, for_output, make_symptom
from pytest_lrcheck.runtime.reruns import HALF_RATE, OVERFIT
from pytest_lrcheck.runtime.session import Session
from pytest_lrcheck.runtime.validate import output_labels
from pytest_lrcheck.runtime.warnings_tier import DATASET_ORDER, warnings_for


def judge(evidence: Evidence) -> list[Symptom]:
    """`check_training`'s verdict: the loss curve, then what the trained model's outputs add.

    A curve that looks healthy can still hide a model that learned nothing useful; the
    `MODEL_VERDICTS`, cheapest first, look for that, and the first that finds it is the verdict.
    A curve that seems no better than the constant guess, while the trained model beats that
    guess on the probe batch, is left to them too (`_beats_constant_on_probe`).
    """
    losses = evidence.run.losses
    predictions = evidence.get(PREDICTIONS) if losses else None
    found = _judge_curve(evidence, predictions)
    if [s.code for s in found] == ["LRC503"]:
        stalled = not _not_stalled(evidence, found[0])
        found = [other_order.stalled_twice(evidence, found[0])] if stalled else []
    if found or not losses or not math.isfinite(losses[-1]):
        return found
    for check in MODEL_VERDICTS:
        symptom = check(evidence, predictions)
        if symptom is not None:
            return [symptom]
    return []


Outputs = tuple[Predictions, ...]  # the predictions of each output (`probes.summarize_outputs`)


def _judge_curve(evidence: Evidence, predictions: Outputs | None) -> list[Symptom]:
    """The loss curve's verdict, told whether the model predicts the same for every probe
    sample (`probes.collapsed`: for several outputs, every classifier output)."""
    facts = evidence.facts
    constant = None if predictions is None else collapsed(predictions, facts)
    names = () if predictions is None else collapsed_outputs(predictions, facts)
    return curve.judge_curve(evidence.run.losses, evidence.reference, constant, names)


# The curve's verdict is a median of batch losses; the probe batch scores the model as a whole.
# Near the constant guess, on skewed labels (a 95/5 task), the two disagree: the batch median
# sits under the mean a constant guess is measured by, and batches of the rare class are few.
NEAR_CONSTANT = 1.1  # LRC503 this close to the constant guess is read again on the probe


def _beats_constant_on_probe(evidence: Evidence, stall: Symptom) -> bool:
    """Whether the trained model's loss on the probe batch is clearly under what a constant
    guess scores on the same labels, for an LRC503 close to that guess."""
    scores = _probe_against_constant(evidence, stall)
    return scores is not None and scores[0] < not_decreasing.BEAT_REFERENCE * scores[1]


def _not_stalled(evidence: Evidence, stall: Symptom) -> bool:
    """An LRC503 near the constant guess that the probe batch or a run under another batch
    order (`other_order`) contradicts."""
    if _beats_constant_on_probe(evidence, stall):
        return True
    ratio = stall.evidence.get("ratio")
    near = isinstance(ratio, float) and ratio < NEAR_CONSTANT
    return near and other_order.learns_under_another_order(evidence)


def _probe_against_constant(evidence: Evidence, stall: Symptom) -> tuple[float, float] | None:
    """The trained model's loss on the probe batch and a constant guess's on its labels, for
    an LRC503 close to that guess (`NEAR_CONSTANT`); None otherwise or when unknown."""
    ratio = stall.evidence.get("ratio")
    if not isinstance(ratio, float) or ratio >= NEAR_CONSTANT:
        return None
    on_probe = reference_of(evidence.facts, evidence.probe_y)
    if not on_probe.constant:
        return None
    probe_loss = evidence.get(PROBE_LOSS)
    if probe_loss is None or not math.isfinite(probe_loss):
        return None
    return probe_loss, on_probe.constant


# The probe beats the constant guess by less than this share: the run passes, with a warning.
THIN = 0.9


def _thin_margin(evidence: Evidence) -> Symptom | None:
    """A warning for a run passed on the probe batch (`_beats_constant_on_probe`) by a thin
    margin: its batch losses end near the constant guess, the probe only just under it."""
    found = _judge_curve(evidence, evidence.peek(PREDICTIONS))  # as the verdict judged it
    if [s.code for s in found] != ["LRC503"]:
        return None
    scores = _probe_against_constant(evidence, found[0])
    if scores is None:
        return None
    probe_loss, constant = scores
    if not THIN * constant <= probe_loss < not_decreasing.BEAT_REFERENCE * constant:
        return None
    return make_symptom(
        "LRC503",
        f"the batch losses end at {found[0].evidence['ratio']:.2f}x the constant guess, and "
        f"on the probe batch the model scores {probe_loss:.3g} against the guess's "
        f"{constant:.3g}: it has only just learned more than the label frequencies; train "
        "longer before trusting it",
        {"probe_loss": probe_loss, "constant_guess_loss": constant},
        0.4,
    )


def _stalled_run(evidence: Evidence, predictions: Outputs | None) -> Symptom | None:
    """A curve that stalled (`not_decreasing.stalled`): failed when retraining shows why.  Half the
    rate on the same batches trains clearly better (LRC512); or the curve barely beats the
    constant guess and the first loss was implausible (LRC510), or a weight penalty weighs
    beside the data loss and the model cannot fit one batch (LRC514).  The diagnosis then
    names the cause, from the same evidence."""
    stats, losses = evidence.loss_curve, evidence.run.losses
    if stats is None or not not_decreasing.stalled(stats):
        return None
    reference, rate = evidence.reference, evidence.facts.learning_rate
    barely = not_decreasing.barely_beats_constant(stats, reference)
    retrains = evidence.cannot_retrain is None and rate is not None
    if retrains and rate is not None:
        half = evidence.get(HALF_RATE)
        evidence.settle()
        heals = None
        if half is not None:
            heals = learning_rate.lower_rate_heals(rate, rate / 2, losses, half.losses, reference)
        if heals is not None and learning_rate.clear_gain(heals, reference):
            return barely or heals
    if barely is None:
        return None
    if data.implausible_initial_loss(losses[0], reference) is not None:
        return barely
    # A regularizer that outweighs the data holds the loss near the guess whatever the rate.
    if retrains and learning_rate.penalty_weighs(evidence.get(PENALTY), stats.end):
        found = evidence.get(OVERFIT)
        evidence.settle()
        if found is not None and learning_rate.cannot_overfit(found[0].losses, found[1]):
            return barely
    return None


def _outputs_contradict_loss(evidence: Evidence, predictions: Outputs | None) -> Symptom | None:
    """LRC516: only a mismatched activation/loss pair can make the outputs disagree with it.
    A model with several outputs has each output's pair judged on its own."""
    if predictions is None:
        return None
    if evidence.facts.outputs:
        return _each_output_contradicts_loss(evidence, predictions)
    pairing = evidence.get(MISMATCH)
    if pairing is None:
        return None
    probe_loss = evidence.get(PROBE_LOSS)
    if probe_loss is None:
        return None
    return mismatch.outputs_contradict_loss(
        evidence.facts, pairing, predictions[0], evidence.probe_y, probe_loss
    )


def _each_output_contradicts_loss(evidence: Evidence, predictions: Outputs) -> Symptom | None:
    """LRC516 for the first output whose own activation/loss pair is mismatched and whose
    own outputs, against its own labels, score far worse than its own loss in training; the
    symptom names that output, and the other outputs stay silent."""
    facts, labels = evidence.facts, evidence.session.labels
    if len(predictions) != len(facts.outputs):
        return None  # outputs the probe could not tell apart
    pairings = [
        mismatch.config_mismatch(own, output_labels(labels, name, index))
        for index, (name, own) in enumerate(facts.outputs)
    ]
    # Outputs that all fit their losses cost no pass over the probe batch.
    losses = evidence.get(OUTPUT_LOSSES) if any(pairings) else None
    if losses is None:
        return None
    for index, ((name, own), pairing) in enumerate(zip(facts.outputs, pairings, strict=True)):
        trained = losses.get(name)
        if pairing is None or trained is None:
            continue
        y = output_labels(evidence.probe_y, name, index)
        symptom = mismatch.outputs_contradict_loss(own, pairing, predictions[index], y, trained)
        if symptom is not None:
            return for_output(name, symptom)
    return None


def _stalled_by_saturation(evidence: Evidence, predictions: Outputs | None) -> Symptom | None:
    """LRC515: a loss that barely beat the constant guess behind a saturated hidden layer."""
    stats = evidence.loss_curve
    if not evidence.facts.saturating_layers or stats is None:
        return None
    activity = evidence.get(ACTIVITY)
    if activity is None:
        return None
    return units.stalled_by_saturation(activity, stats.end, evidence.reference)


ModelVerdict = Callable[[Evidence, Outputs | None], Symptom | None]
MODEL_VERDICTS: tuple[ModelVerdict, ...] = (
    _outputs_contradict_loss,
    _stalled_by_saturation,
    _stalled_run,  # retrains: last
)


def stop_when_certain(session: Session) -> Callable[[Sequence[float]], bool]:
    """The training loop's stop: a divergence far past recovery (`stopping.certain`), or a loss
    collapsed onto the constant guess (`stopping.collapsing`) whose model predicts the same for
    every probe sample: more steps would not change the verdict (LRC504)."""

    def stop(losses: Sequence[float]) -> bool:
        if stopping.certain(losses):
            return True
        if not stopping.collapsing(losses, session.reference):
            return False
        outputs = session.trainer.predict_outputs(session.probe[0])
        return collapsed(summarize_outputs(outputs, session.facts), session.facts)

    return stop


def caution(evidence: Evidence) -> tuple[Symptom, ...]:
    """The warnings of a run whose curve is healthy: see `runtime.warnings_tier`."""
    ordered = evidence.get(DATASET_LABELS)
    found = warnings_for(
        evidence.facts,
        pairing=evidence.get(MISMATCH),
        scale=evidence.get(INPUT_SCALE),
        y=evidence.session.labels,
        ordered=ordered,
        order_source=DATASET_ORDER,
    )
    stats = evidence.loss_curve
    short = None if stats is None else not_decreasing.cut_short(stats, evidence.reference)
    extra = [s for s in (other_order.plateau_warning(evidence), _thin_margin(evidence), short) if s]
    return (*found, *extra[:1])  # one word on the curve: the thin margin, else the cut


def rank(symptoms: Iterable[Symptom]) -> tuple[Symptom, ...]:
    """The loss-curve symptoms (what happened) first, then the causes, upstream before what
    they bring about (`codes.CAUSE_TIERS`), most confident first within a tier; ties keep
    the order the evidence was gathered in.  The curve's advice on the rate follows the
    evidence: see `_rate_advice`."""
    ranked = sorted(symptoms, key=lambda symptom: (_tier(symptom.code), -symptom.confidence))
    return tuple(_rate_advice(_effects_after_causes(ranked)))


def _effects_after_causes(ranked: list[Symptom]) -> list[Symptom]:
    """Each effect of a cause found in the same run (`codes.BRINGS_ABOUT`) right after it."""
    for cause, effects in BRINGS_ABOUT.items():
        at = next((i for i, s in enumerate(ranked) if s.code == cause), None)
        if at is None:
            continue
        moved = [s for s in ranked[:at] if s.code in effects]
        if moved:
            rest = [s for s in ranked if s not in moved]
            at = rest.index(ranked[at])
            ranked = [*rest[: at + 1], *moved, *rest[at + 1 :]]
    return ranked


def _rate_advice(ranked: list[Symptom]) -> list[Symptom]:
    """A loss that does not fall says nothing about which way the rate is wrong: LRC503 asks
    to raise it only when the range test found it too low (LRC513) and no finding says to
    lower it (`codes.LOWER_RATE_CAUSES`, or a curve that blew up or swings); LRC504 asks to
    lower it unless the range test found it too low."""
    codes = {symptom.code for symptom in ranked}
    too_low = "LRC513" in codes
    keep_raise = too_low and not codes & (LOWER_RATE_CAUSES | LOWER_RATE_CURVES)
    dropped = [] if keep_raise else [not_decreasing.RAISE_RATE]
    if too_low:
        dropped.append(curve.LOWER_RATE)
    kept = []
    for symptom in ranked:
        message = symptom.message
        for phrase in dropped:
            message = message.replace(phrase, "")
        kept.append(symptom if message == symptom.message else replace(symptom, message=message))
    return kept


def _tier(code: str) -> int:
    if code in VERDICT_CODES:
        return -1
    return next((n for n, tier in enumerate(CAUSE_TIERS) if code in tier), len(CAUSE_TIERS))


def decided_at(
    losses: Sequence[float], found: Sequence[Symptom], reference: LossReference
) -> int | None:
    """The step from which the curve showed the verdict for good: that of the headline, the
    first of ``found`` the curve shows (a footer's step agrees with the headline's); the last
    step when only the trained model showed it; None for a healthy run."""
    codes = [symptom.code for symptom in rank(found) if symptom.code in VERDICT_CODES]
    if not codes:
        return len(losses) - 1 if found and losses else None
    return curve.verdict_step(losses, codes[0], reference)


def conclude(
    losses: Sequence[float],
    found: Sequence[Symptom],
    reference: LossReference,
    *,
    source: str,
    seconds: float,
    causes: Sequence[Symptom] | None = None,
    over_budget: bool = False,
    notes: Sequence[str] = (),
    steps_requested: int | None = None,
    learning_rate: float | None = None,
    seed: int | None = None,
    val_losses: Sequence[float] | None = None,
    val_accuracy: Sequence[float] | None = None,
    warnings: Sequence[Symptom] = (),
) -> TrainingReport:
    """The report of a check whose verdict rests on ``found`` (empty: healthy).

    ``causes`` are the verdict's symptoms with what the diagnosis added to explain them
    (``found`` alone by default); they are ranked here.  A run the time budget cut before
    `curve_stats.MIN_STEPS` steps, with nothing found, is inconclusive: not healthy, and no causes.
    """
    inconclusive = over_budget and len(losses) < curve_stats.MIN_STEPS and not found
    healthy = not found and not inconclusive
    return TrainingReport(
        healthy=healthy,
        symptoms=rank(found if causes is None else causes) if found else (),
        losses=tuple(losses),
        val_losses=None if val_losses is None else tuple(val_losses),
        val_accuracy=None if val_accuracy is None else tuple(val_accuracy),
        steps_run=len(losses),
        seconds=seconds,
        budget_exceeded=over_budget,
        steps_requested=steps_requested,
        learning_rate=learning_rate,
        seed=seed,
        verdict_step=decided_at(losses, found, reference),
        # Labels of one class make a constant guess perfect: no chance level to quote.
        chance_loss=reference.constant if reference.chance_level and reference.constant else None,
        source=source,
        notes=tuple(notes),
        # A failing run's warnings are among its causes; only a healthy run warns.
        warnings=tuple(warnings) if healthy else (),
    )
