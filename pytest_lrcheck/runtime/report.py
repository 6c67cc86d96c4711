"""What a training check found: symptoms with their evidence, and the report that ranks them.

Plain values with no TensorFlow in them, so a report pickles, compares and prints anywhere.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from pytest_lrcheck.runtime import advice
from pytest_lrcheck.runtime.codes import SYMPTOM_NAMES, VERDICT_CODES
from pytest_lrcheck.runtime.sparkline import is_log_scale, sparkline

_CODE = re.compile(r"^LRC\d{3}$")


@dataclass(frozen=True)
class Symptom:
    """One thing that went wrong, what to do about it, and the numbers that show it."""

    code: str
    name: str
    message: str
    evidence: Mapping[str, Any] = field(hash=False)
    confidence: float

    def __post_init__(self) -> None:
        if not _CODE.match(self.code):
            raise ValueError(f"symptom code must look like 'LRC504', got {self.code!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be within [0, 1], got {self.confidence!r}")
        object.__setattr__(self, "evidence", MappingProxyType(dict(self.evidence)))

    def __reduce__(self) -> tuple[Any, ...]:
        # A mappingproxy does not pickle; pytest-xdist ships reports between processes.
        args = (self.code, self.name, self.message, dict(self.evidence), self.confidence)
        return (type(self), args)

    def __str__(self) -> str:
        return f"{self.code} {self.name}: {self.message}"


def make_symptom(
    code: str, message: str, evidence: Mapping[str, Any], confidence: float
) -> Symptom:
    """A `Symptom` whose name comes from the catalog's code table."""
    return Symptom(code, SYMPTOM_NAMES[code], message, evidence, round(confidence, 3))


def for_output(output: str, symptom: Symptom | None) -> Symptom | None:
    """``symptom`` as found on one output of a model with several: its message and evidence
    name the output."""
    if symptom is None:
        return None
    evidence = {"output": output, **symptom.evidence}
    return replace(symptom, message=f"output {output!r}: {symptom.message}", evidence=evidence)


@dataclass(frozen=True)
class NonFiniteOrigin:
    """Where a non-finite loss started (`runtime.nan_origin`): the first layer whose output
    (``where='output'``; ``'overflow'`` for a layer with weights, whose finite inputs and
    weights overflowed) or weight gradient (``'gradient'``) turned non-finite, a subclassed
    model's own operations outside its layers (``'call'``, ``layer`` is the model), the update
    that overflowed a layer's weights (``'update'``), the loss on finite outputs (``'loss'``,
    no layer), the batch itself (``'data'``), or nothing found (``'unknown'``); ``step`` is
    the training step it happened in.  ``unseen`` names
    the parts of the model that could not be looked into."""

    step: int
    where: str
    layer: str | None = None
    layer_type: str | None = None
    unseen: tuple[str, ...] = ()
    # For a gradient: the nearest layer above ``layer`` whose weights' gradient was finite.
    above: str | None = None

    def describe(self) -> str:
        layer = f"layer {self.layer!r}" + (f" ({self.layer_type})" if self.layer_type else "")
        text = {
            "output": f"{layer} is the first to output NaN/Inf, from finite inputs",
            "overflow": f"{layer} is the first to output NaN/Inf, from finite inputs and "
            "weights: their products overflow",
            "call": f"the operations {self.layer_type}.call runs outside its layers (which "
            "output finite values) are the first to output NaN/Inf",
            "gradient": f"{layer} is the layer nearest the loss whose weights got a NaN/Inf "
            "gradient"
            + (
                f" (from {self.above!r} on they are finite: it turned NaN/Inf in {self.layer!r} "
                "or in a layer without weights between the two)"
                if self.above
                else ""
            ),
            "update": f"the update of step {self.step} made the weights of {layer} NaN/Inf "
            "(their gradient was finite)",
            "loss": "every layer's output is finite: the loss itself turned NaN/Inf",
            "data": "the batch itself holds NaN/Inf",
            "unknown": "the model could not be called outside its train step",
        }.get(self.where, self.where)
        where = f"at step {self.step}, with the weights as they were before it: {text}"
        if self.unseen:
            where += f"; not looked into: {', '.join(self.unseen)}"
        return where


@dataclass(frozen=True)
class TrainingReport:
    """The verdict of a short training run.

    ``symptoms`` are ranked, most likely cause first.  ``healthy`` is False when a loss-curve
    symptom (LRC501-LRC505) was seen, when `check_training` found the trained model's
    outputs contradicting its loss (LRC516) or its loss stalled behind saturated units
    (LRC515), and also when the time budget ran out before enough steps to judge (then
    ``symptoms`` is empty and ``budget_exceeded`` is True).
    """

    healthy: bool
    symptoms: tuple[Symptom, ...]
    losses: tuple[float, ...]
    val_losses: tuple[float, ...] | None = None
    val_accuracy: tuple[float, ...] | None = None
    steps_run: int = 0
    seconds: float = 0.0
    budget_exceeded: bool = False
    steps_requested: int | None = None
    learning_rate: float | None = None
    seed: int | None = None
    verdict_step: int | None = None
    chance_loss: float | None = None
    source: str = "check_training"
    notes: tuple[str, ...] = ()
    # What a healthy run must still tell its user (`runtime.warnings_tier`), most important
    # first.  They leave ``healthy`` True; ``strict`` checks fail on them.
    warnings: tuple[Symptom, ...] = ()
    # Where a non-finite loss started, when the check could replay the step (LRC501).
    non_finite: NonFiniteOrigin | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.symptoms)

    @property
    def inconclusive(self) -> bool:
        """Too few steps ran within the time budget to judge the loss curve."""
        return self.budget_exceeded and not self.healthy and not self.symptoms

    def symptom(self, code: str) -> Symptom | None:
        return next((s for s in self.symptoms if s.code == code.upper()), None)

    @property
    def warning_codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.warnings)

    def passes(self, *, strict: bool = False) -> bool:
        """Healthy and, under ``strict``, without warnings."""
        return self.healthy and not (strict and self.warnings)

    def sparkline(self, width: int = 40) -> str:
        return sparkline(self.losses, width)

    def headline(self) -> str:
        """One line: the verdict and, when unhealthy, the most likely cause."""
        if self.healthy:
            text = (
                f"training healthy: loss {_curve_ends(self.losses)} over {_steps(self.steps_run)}"
            )
            if self.warnings:
                count = len(self.warnings)
                text += f", with {count} warning{'s' if count > 1 else ''}: {self.warnings[0]}"
            return text
        if self.inconclusive:
            return (
                f"time budget exceeded after {self.steps_run} of {self.steps_requested} steps "
                f"({self.seconds:.1f} s): too few to judge; raise max_seconds or shrink the model"
            )
        return f"training unhealthy: {self._verdict()}"

    def _verdict(self) -> Symptom:
        """The headline's symptom: the first loss-curve symptom, else the first cause."""
        verdicts = [s for s in self.symptoms if s.code in VERDICT_CODES]
        return (verdicts or list(self.symptoms))[0]

    @property
    def causes(self) -> tuple[Symptom, ...]:
        """The ranked symptoms that say why (the loss-curve shapes say what happened)."""
        return tuple(s for s in self.symptoms if s.code not in VERDICT_CODES)

    @property
    def steps_saved(self) -> int:
        """Steps not trained because the verdict was certain before the last one."""
        if self.healthy or self.budget_exceeded or self.steps_requested is None:
            return 0
        return max(0, self.steps_requested - self.steps_run)

    def explain(self) -> str:
        """A multi-line diagnosis: verdict, loss sparkline, ranked causes with evidence, each
        ending with the one change to try first (`runtime.advice`)."""
        lines = [self.headline()]
        if self.losses:
            scale = " (log scale)" if is_log_scale(self.losses) else ""
            chance = "" if self.chance_loss is None else f"; chance level {_num(self.chance_loss)}"
            lines.append(
                f"  loss {self.sparkline()}  batch loss {_curve_ends(self.losses)} "
                f"(first and last batch, not smoothed) over {_steps(len(self.losses))}"
                f"{scale}{chance}"
            )
        if self.non_finite is not None:
            lines.append(f"  NaN/Inf started {self.non_finite.describe()}")
        if self.symptoms and not self.healthy:
            lines.extend(self._diagnosis())
        if self.warnings:
            lines.append("  warnings (the loss falls, but):")
            for symptom in self.warnings:
                lines.append(f"    - {symptom.code} {symptom.name}: {symptom.message}")
                lines.append(f"      try first: {self.first_change(symptom)}")
        lines.extend(f"  note: {note}" for note in self.notes)
        lines.append(f"  {self._footer()}")
        return "\n".join(lines)

    def first_change(self, symptom: Symptom) -> str:
        """The one change to try first for ``symptom``, read from this report's evidence."""
        return advice.first_change(
            symptom.code, symptom.evidence, self._advice_context(), symptom.message
        )

    def _advice_context(self) -> advice.Context:
        origin = self.non_finite
        return advice.Context(
            evidence={s.code: s.evidence for s in (*self.symptoms, *self.warnings)},
            learning_rate=self.learning_rate,
            non_finite_layer=None if origin is None else origin.layer,
            non_finite_where=None if origin is None else origin.where,
        )

    def _diagnosis(self) -> list[str]:
        """The lines under the headline: other curve symptoms, then the numbered causes.  The
        headline's symptom is never listed again; when it is a cause itself (the model's
        outputs, not the curve, decided the verdict), when nothing explains it, or when the
        layer where NaN/Inf started is known, its own change to try comes first."""
        headline = self._verdict()
        lines = [
            f"  also seen: {s}"
            for s in self.symptoms
            if s.code in VERDICT_CODES and s is not headline
        ]
        causes = [s for s in self.causes if s is not headline]
        given: dict[str, int] = {}
        # Where NaN/Inf started names an operation to fix: that comes before any cause.
        origin = self.non_finite
        pinpointed = origin is not None and origin.where in ("output", "call", "gradient", "data")
        if headline.code not in VERDICT_CODES or not causes or pinpointed:
            lines.append(f"  try first: {self.first_change(headline)}")
            given[self.first_change(headline)] = 0
        if not causes:
            beyond = "the loss curve" if headline.code in VERDICT_CODES else "the verdict"
            lines.append(f"  likely causes: none found beyond {beyond}")
            return lines
        lines.append("  likely causes, most likely first:")
        for rank, symptom in enumerate(causes, start=1):
            lines.append(
                f"    {rank}. {symptom.code} {symptom.name} "
                f"(confidence {symptom.confidence:.2f}): {symptom.message}"
            )
            if symptom.evidence:
                lines.append(f"       evidence: {_evidence(symptom.evidence)}")
            change = self.first_change(symptom)
            same = given.setdefault(change, rank)
            lines.append(f"       try first: {_same_as(same) if same != rank else change}")
        return lines

    def assert_healthy(self, *, strict: bool = False) -> None:
        """Raise with the diagnosis unless healthy; under ``strict`` a warning fails too."""
        if not self.passes(strict=strict):
            raise AssertionError(self.explain())

    def _footer(self) -> str:
        parts = [f"{self.source}: {_steps(self.steps_run)} in {self.seconds:.2f} s"]
        if self.budget_exceeded:
            parts.append("time budget exceeded")
        if self.seed is not None:
            parts.append(f"seed {self.seed}")
        if self.learning_rate is not None:
            parts.append(f"learning rate {_num(self.learning_rate)}")
        if self.verdict_step is not None and not self.healthy:
            parts.append(f"verdict at step {self.verdict_step}")
        if self.steps_saved:
            parts.append(
                f"training stopped at the verdict: {self.steps_saved} of "
                f"{self.steps_requested} steps saved"
            )
        text = ", ".join(parts)
        if self.symptoms and not self.healthy:
            first = (self.causes or self.symptoms)[0]
            text += f"; `lrcheck --explain {first.code}` tells more"
        elif self.warnings:
            text += f"; `lrcheck --explain {self.warnings[0].code}` tells more"
        return text


def _steps(count: int) -> str:
    return f"{count} step" if count == 1 else f"{count} steps"


def _same_as(first: int) -> str:
    """A change advised before (0: under the headline), named once rather than repeated."""
    return "the same change as above" if first == 0 else f"the same change as for cause {first}"


def _num(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return str(value)
    # Spelled as the symptoms' messages spell them.
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Inf" if value > 0 else "-Inf"
    return f"{value:.3g}"


def _curve_ends(losses: tuple[float, ...]) -> str:
    if not losses:
        return "(no steps)"
    return f"{_num(losses[0])} -> {_num(losses[-1])}"


def _evidence(evidence: Mapping[str, Any]) -> str:
    items = []
    for key, value in evidence.items():
        if isinstance(value, (list, tuple)):
            shown = (
                "["
                + ", ".join(_num(v) for v in value[:6])
                + (", ..." if len(value) > 6 else "")
                + "]"
            )
        else:
            shown = _num(value)
        items.append(f"{key}={shown}")
    return ", ".join(items)
