"""A check's session without a model: what `Evidence` and the diagnosis loop read of it."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

from pytest_lrcheck.runtime.budget import Budget
from pytest_lrcheck.runtime.evidence import Evidence
from pytest_lrcheck.runtime.loop import RunResult
from pytest_lrcheck.runtime.model_facts import ModelFacts


def facts(**changed: Any) -> ModelFacts:
    values: dict[str, Any] = dict(
        output_activation=None,
        output_units=None,
        loss=None,
        loss_label="custom",
        from_logits=False,
        label_smoothing=0.0,
        optimizer="SGD",
        learning_rate=0.01,
        lr_schedule=False,
        input_scaling_layer=None,
        embedding_input=False,
        relu_layers=(),
        saturating_layers=(),
    )
    return ModelFacts(**{**values, **changed})


class FakeTrainer:
    """Records what the evidence asks of the trainer; a snapshot is a label."""

    def __init__(self, has_gradients: bool = True) -> None:
        self.has_gradients = has_gradients
        self.calls: list[tuple[str, Any]] = []
        self.optimizer = SimpleNamespace(
            learning_rate=SimpleNamespace(assign=lambda v: self.calls.append(("rate", v)))
        )

    def snapshot(self) -> str:
        self.calls.append(("snapshot", None))
        return "end of run"

    def restore(self, snapshot: Any) -> None:
        self.calls.append(("restore", snapshot))


def evidence(seconds: float = 60.0, *, trainer: FakeTrainer | None = None, **changed) -> Evidence:
    budget = Budget(time.perf_counter() + seconds, abandonable=False)
    session: Any = SimpleNamespace(
        budget=budget,
        facts=facts(**changed),
        trainer=trainer or FakeTrainer(),
        probe=([[0.0]] * 4, [0.0] * 4),
    )
    run = RunResult(losses=(1.0, 0.5), grad_norms=None, seconds=0.0, budget_exceeded=False)
    return Evidence(session, run, start="start of run", steps=200)  # type: ignore[arg-type]
