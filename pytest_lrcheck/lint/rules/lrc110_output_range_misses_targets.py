"""LRC110: a bounded output activation that cannot reach the regression targets the file shows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    Head,
    Range,
    Report,
    Rule,
    labels_of,
    output_head,
    target_range,
    vocab,
)

if TYPE_CHECKING:
    from pytest_lrcheck.lint.rulekit import FileFacts

# The share of the targets' span the output cannot reach from which training cannot fit them:
# half (sigmoid on prices, ReLU on standardised targets, tanh on 5 * sin(x)).
_UNREACHABLE_SHARE = 0.5


class OutputRangeMissesTargets(Rule):
    code = "LRC110"
    name = "output-range-misses-targets"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for model in facts.models:
            head = output_head(model, facts)
            if head is None or head.loss is None or head.loss.name not in vocab.REGRESSION_LOSSES:
                continue
            name = head.activation.name
            info = vocab.ACTIVATIONS.get(name or "")
            if info is None or name == "softmax" or (info.low, info.high) == (-_INF, _INF):
                continue
            for labels in labels_of(model):
                if labels.validation or labels.call.method not in vocab.TRAINING_METHODS:
                    continue
                found = target_range(labels.value, facts)
                if found is not None and _unreachable(found, info.low, info.high):
                    yield Report(head.node, _message(head, found, info.low, info.high))
                    break


_INF = float("inf")


def _unreachable(targets: Range, low: float, high: float) -> bool:
    outside = max(0.0, low - targets.low) + max(0.0, targets.high - high)
    span = targets.high - targets.low
    return outside > 0 and outside >= _UNREACHABLE_SHARE * span


def _message(head: Head, targets: Range, low: float, high: float) -> str:
    reach = f"[{low:g}, {high:g}]".replace("inf", "∞")
    return (
        f"a {head.activation.name} output can only produce values in {reach}, but the "
        f"targets span about {targets.shown()} ({targets.evidence}), so the model cannot "
        "fit most of them and the loss stalls; use a linear output (no activation), or "
        f"scale the targets into {reach}"
    )
