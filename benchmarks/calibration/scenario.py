"""A labelled failure: how to build it, the first cause a right diagnosis names, the verdict."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from tests.zoo import BACKENDS, Case

from .causes import CAUSES

Verdict = Literal["fail", "warn"]
Runner = Literal["check", "watch"]


@dataclass(frozen=True)
class Scenario:
    """``verdict`` is ``fail`` (training fails) or ``warn`` (the loss falls, yet the user must
    hear about ``cause``).  ``runner`` is ``check`` (`check_training` on the user's fit
    inputs) or ``watch`` (a `LossWatcher` on the user's own ``fit``).  ``refusal``, when set,
    is a phrase a clear up-front error may name instead of a training verdict (a NaN in an
    array is seen before training).  ``accepts`` lists other causes whose advice is the same
    first change.  ``source`` says where the scenario comes from."""

    name: str
    cause: str
    verdict: Verdict
    build: Callable[[int], Case]
    model_kind: str
    source: str
    runner: Runner = "check"
    refusal: str | None = None
    accepts: tuple[str, ...] = ()
    needs: frozenset[str] = frozenset()
    backends: frozenset[str] = frozenset(BACKENDS)

    def __post_init__(self) -> None:
        for label in (self.cause, *self.accepts):
            if label not in CAUSES:
                raise ValueError(f"scenario {self.name!r}: unknown cause {label!r}")
        if self.verdict not in ("fail", "warn"):
            raise ValueError(f"scenario {self.name!r}: verdict must be 'fail' or 'warn'")

    @property
    def right_causes(self) -> tuple[str, ...]:
        return (self.cause, *self.accepts)
