"""What a training check found: symptoms with their evidence, and the report that ranks them.

Plain values with no TensorFlow in them, so a report pickles, compares and prints anywhere.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

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
            text = f"training healthy: loss {_curve_ends(self.losses)} over {self.steps_run} steps"
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
        """A multi-line diagnosis: verdict, loss sparkline, ranked causes with evidence."""
        lines = [self.headline()]
        if self.losses:
            scale = " (log scale)" if is_log_scale(self.losses) else ""
            chance = "" if self.chance_loss is None else f"; chance level {_num(self.chance_loss)}"
            lines.append(
                f"  loss {self.sparkline()}  batch loss {_curve_ends(self.losses)} "
                f"(first and last batch) over {len(self.losses)} steps{scale}{chance}"
            )
        if self.symptoms and not self.healthy:
            headline = self._verdict()
            lines.extend(
                f"  also seen: {s}"
                for s in self.symptoms
                if s.code in VERDICT_CODES and s is not headline
            )
            causes = [s for s in self.causes if s is not headline]
            lines.append(
                "  likely causes, most likely first:"
                if causes
                else "  likely causes: none found beyond the loss curve"
            )
            for rank, symptom in enumerate(causes, start=1):
                lines.append(
                    f"    {rank}. {symptom.code} {symptom.name} "
                    f"(confidence {symptom.confidence:.2f}): {symptom.message}"
                )
                if symptom.evidence:
                    lines.append(f"       evidence: {_evidence(symptom.evidence)}")
        if self.warnings:
            lines.append("  warnings (the loss falls, but):")
            for symptom in self.warnings:
                lines.append(f"    - {symptom.code} {symptom.name}: {symptom.message}")
        lines.extend(f"  note: {note}" for note in self.notes)
        lines.append(f"  {self._footer()}")
        return "\n".join(lines)

    def assert_healthy(self, *, strict: bool = False) -> None:
        """Raise with the diagnosis unless healthy; under ``strict`` a warning fails too."""
        if not self.passes(strict=strict):
            raise AssertionError(self.explain())

    def _footer(self) -> str:
        parts = [f"{self.source}: {self.steps_run} steps in {self.seconds:.2f} s"]
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


def _num(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
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
