"""LRC301: a literal learning rate far above the optimizer's usual range, or not positive."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from pytest_lrcheck.lint.rulekit import Report, Rule, given_at, vocab

if TYPE_CHECKING:
    from pytest_lrcheck.lint.rulekit import FileFacts


class LearningRateTooHigh(Rule):
    code = "LRC301"
    name = "learning-rate-too-high"
    # Settings: the highest rate accepted per optimizer, by lower-case class name.
    default_settings: ClassVar[Mapping[str, Any]] = {
        name.lower(): info.high_lr for name, info in vocab.OPTIMIZERS.items()
    }

    def check(self, facts: FileFacts) -> Iterator[Report]:
        for optimizer in facts.optimizers:
            rate = optimizer.learning_rate
            if rate is None or optimizer.name is None or optimizer.lr_node is None:
                continue
            info = vocab.OPTIMIZERS.get(optimizer.name)
            if info is None:
                continue
            # A rate handed to a function is reported where it is written, naming the call.
            node, origin = given_at(optimizer.lr_value, optimizer.lr_node)
            origin = f" ({origin})" if origin else ""
            if rate <= 0:
                yield Report(
                    node,
                    f"{optimizer.name} learning rate {rate:g}{origin} is not positive, so training "
                    f"cannot make progress; use a positive rate such as {info.default_lr:g}",
                )
                continue
            limit = float(self.settings.get(optimizer.name.lower(), info.high_lr))
            if rate > limit:
                ratio = rate / info.default_lr
                yield Report(
                    node,
                    f"{optimizer.name} learning rate {rate:g}{origin} is {ratio:,.0f}x its default "
                    f"({info.default_lr:g}) and above {limit:g}, where training diverges or "
                    f"freezes at chance level; start from {info.default_lr:g}",
                )
