"""LRC302: a Keras 2 optimizer argument (``lr=``, ``decay=``...) that current Keras rejects."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pytest_lrcheck.lint.rulekit import (
    Const,
    Fix,
    FixRequest,
    OptimizerFact,
    Report,
    Rule,
    rename_keyword,
    vocab,
)

if TYPE_CHECKING:
    import libcst as cst

    from pytest_lrcheck.lint.rulekit import FileFacts


@dataclass(frozen=True)
class _Removed:
    what: str  # what Keras does with the argument now
    instead: str  # what to write instead
    # Still accepted by the legacy optimizers (``tf.keras.optimizers.legacy.X``, TF <= 2.10).
    legacy_ok: bool = True


_REMOVED = {
    "lr": _Removed(
        "Keras 3 rejects it (ValueError: Argument(s) not recognized) and tf.keras 2.11-2.15 "
        "ignores it with a logged warning, training at the default rate",
        "write learning_rate={value}",
        legacy_ok=False,
    ),
    "decay": _Removed(
        "tf.keras 2.11-2.15 raises ValueError for it and Keras 3 ignores it with a warning",
        "to decay the rate as it did, pass learning_rate=keras.optimizers.schedules."
        "InverseTimeDecay({rate}, decay_steps=1, decay_rate={value})",
    ),
    "schedule_decay": _Removed(
        "Keras 3 rejects it (ValueError: Argument(s) not recognized)",
        "remove it: Nadam applies its momentum schedule by itself",
    ),
    "gradient_aggregator": _Removed(
        "Keras 3 rejects it (ValueError: Argument(s) not recognized)",
        "remove it and aggregate gradients in a custom train_step",
    ),
    "gradient_transformers": _Removed(
        "Keras 3 rejects it (ValueError: Argument(s) not recognized)",
        "remove it; clip with clipnorm=, clipvalue= or global_clipnorm=",
    ),
    "jit_compile": _Removed(
        "Keras 3 rejects it (ValueError: Argument(s) not recognized)",
        "remove it; XLA compilation is chosen with model.compile(jit_compile=...)",
        legacy_ok=False,
    ),
}
# Spellings of optimizers that predate TF 2.11's rewrite and accept ``decay=``.
_LEGACY_MARKERS = (".optimizers.legacy.", ".optimizer_v2.", "compat.v1.keras.optimizers.")


class RemovedOptimizerArgument(Rule):
    code = "LRC302"
    name = "removed-optimizer-argument"
    fix_safety = "safe"

    def check(self, facts: FileFacts) -> Iterator[Report]:
        if not any(_REMOVED.keys() & optimizer.keywords.keys() for optimizer in facts.optimizers):
            return
        scopes = {id(site.node): site.scope for site in facts.calls}
        for optimizer in facts.optimizers:
            node = optimizer.node
            if optimizer.form != "instance" or not isinstance(node, ast.Call):
                continue  # TF1 optimizers take learning_rate and always have
            if optimizer.name == "LossScaleOptimizer":
                continue
            scope = scopes.get(id(node))
            spelled = facts.resolver.dotted_name(node.func, scope) if scope is not None else None
            legacy = spelled is not None and any(m in f".{spelled}" for m in _LEGACY_MARKERS)
            for argument, keyword in optimizer.keywords.items():
                removed = _REMOVED.get(argument)
                if removed is None or (legacy and removed.legacy_ok):
                    continue
                yield _report(optimizer, argument, keyword, removed, facts, legacy=legacy)

    def rewrite(self, node: cst.CSTNode, fix: Fix) -> cst.CSTNode:
        return rename_keyword(node, "learning_rate")


def _report(
    optimizer: OptimizerFact,
    argument: str,
    keyword: ast.keyword,
    removed: _Removed,
    facts: FileFacts,
    *,
    legacy: bool,
) -> Report:
    value = ast.unparse(keyword.value)
    rate_keyword = optimizer.keywords.get("learning_rate") or optimizer.keywords.get("lr")
    if rate_keyword is not None:
        rate = ast.unparse(rate_keyword.value)
    else:
        info = vocab.OPTIMIZERS.get(optimizer.name or "")
        rate = f"{info.default_lr:g}" if info is not None else "initial_rate"
    instead = removed.instead.format(value=value, rate=rate)
    literal = facts.value_of(keyword.value)
    if argument == "decay" and isinstance(literal, Const) and literal.value in (0, None):
        instead = "remove it (a decay of 0 never changed the rate)"
    what = removed.what
    if legacy:
        what = "a deprecated alias of learning_rate, and Keras 3 has no legacy optimizers"
    fix = None
    unpacked = isinstance(node := optimizer.node, ast.Call) and keyword not in node.keywords
    if unpacked:  # written in a dict unpacked into the call: other code may read the key
        where = f"the dict unpacked into {optimizer.name}() at line {optimizer.node.lineno}"
        if argument == "lr":
            instead = f"name the key learning_rate in {where}"
        else:
            instead = f"{instead} ({argument} comes from {where})"
    elif argument == "lr" and "learning_rate" not in optimizer.keywords:
        fix = FixRequest("Rename lr= to learning_rate=", keyword, "Arg", "safe")
    elif argument == "lr":
        instead = "remove lr= and keep learning_rate= (Keras 2 used lr= when both were given)"
    return Report(
        keyword,
        f"{optimizer.name}({argument}=...) is a Keras 2 argument: {what}; {instead}",
        fix,
    )
