"""Which output activations fit which losses: one table for the linter and the runtime.

Each row names a way an output activation and a loss fail to fit, the evidence it needs (the
output units, ``from_logits``, what the targets are) and, in the runtime's words, what is wrong
and what to try.  `mismatches` returns every row that holds, the most fundamental first: the
runtime reports the first (LRC516); each static rule (LRC101-LRC105) reports the kinds that are
its pattern, in its own words, and offers the fix the row names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pytest_lrcheck.keras_vocab.activations import ACTIVATIONS, PROBABILITY_ACTIVATIONS, SIGMOIDS
from pytest_lrcheck.keras_vocab.losses import loss_group

MismatchKind = Literal[
    "single_unit_categorical",  # a categorical loss over one output unit
    "constant_softmax",  # a softmax over one unit: 1.0 whatever the input
    "categorical_on_sigmoid",
    "categorical_without_softmax",
    "probabilities_as_logits",  # from_logits=True after a probability activation
    "binary_without_sigmoid",
    "binary_on_softmax",  # binary cross-entropy scoring competing softmax outputs
    "regression_on_softmax",
    "regression_on_class_labels",
    "targets_out_of_reach",  # targets outside the output activation's range
]
# ``unknown``: a loss the vocabulary does not know (a custom function), or none at all.
_Group = Literal["categorical", "binary", "regression", "other", "unknown"]
_Units = Literal["any", "one", "not_one", "more_than_two"]
_Evidence = Literal["class_labels", "targets_out_of_range"]
_ANY_LOGITS: tuple[bool | None, ...] = (False, True, None)


@dataclass(frozen=True)
class Targets:
    """What a check knows of the training targets: class labels, or their range."""

    class_labels: bool = False
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Mismatch:
    kind: MismatchKind
    problem: str  # what is wrong, in one clause
    fix: str  # what to try first
    # The output activation a fix switches to, or the from_logits it sets; None: no such fix.
    use_activation: str | None = None
    use_from_logits: bool | None = None


@dataclass(frozen=True)
class _Row:
    kind: MismatchKind
    losses: frozenset[_Group]
    activations: frozenset[str] | None  # None: any known activation not in ``unless``
    problem: str  # a format string: {loss}, {activation}, {units}, {low}, {high}
    fix: str
    unless: frozenset[str] = frozenset()
    from_logits: tuple[bool | None, ...] = _ANY_LOGITS
    units: _Units = "any"
    needs: _Evidence | None = None
    use_activation: str | None = None
    use_from_logits: bool | None = None


_CONSTANT = "softmax over a single output unit is always 1.0, whatever the input"
_SOFTMAX = frozenset({"softmax"})
_CROSSENTROPY: frozenset[_Group] = frozenset({"categorical", "binary"})
_ROWS = (
    _Row("single_unit_categorical", frozenset({"categorical"}), None,
         "{loss} over a single output unit: a softmax over one unit is always 1.0",
         "give the last layer one unit per class, or use sigmoid with binary_crossentropy",
         units="one"),
    _Row("constant_softmax", frozenset({"binary"}), _SOFTMAX, _CONSTANT,
         "use activation='sigmoid' for binary classification", from_logits=(False, None),
         units="one", use_activation="sigmoid"),
    _Row("constant_softmax", frozenset({"binary"}), _SOFTMAX, _CONSTANT,
         "remove the output activation: the loss takes logits (from_logits=True)",
         from_logits=(True,), units="one"),
    _Row("constant_softmax", frozenset({"regression", "other"}), _SOFTMAX, _CONSTANT,
         "use a linear output (no activation) for real-valued targets, or 'sigmoid' for "
         "targets in [0, 1]", units="one"),
    _Row("constant_softmax", frozenset({"unknown"}), _SOFTMAX, _CONSTANT,
         "use activation='sigmoid' for a one-unit probability", units="one",
         use_activation="sigmoid"),
    _Row("categorical_on_sigmoid", frozenset({"categorical"}), frozenset({"sigmoid"}),
         "sigmoid output under {loss}: the loss is computed from the pre-activations while the "
         "outputs are independent sigmoids that saturate and tie at 1.0",
         "use activation='softmax' on the last layer", from_logits=(False,), units="not_one",
         use_activation="softmax"),
    _Row("categorical_without_softmax", frozenset({"categorical"}), None,
         "{activation} output under {loss} without from_logits=True: the loss reads the outputs "
         "as probabilities",
         "use activation='softmax', or keep a linear output and pass from_logits=True",
         unless=frozenset({"softmax", "sigmoid"}), from_logits=(False,), units="not_one",
         use_activation="softmax"),
    _Row("probabilities_as_logits", _CROSSENTROPY, PROBABILITY_ACTIVATIONS,
         "{activation} output under {loss}(from_logits=True): the loss expects raw logits",
         "drop the output activation, or set from_logits=False", from_logits=(True,),
         use_from_logits=False),
    _Row("binary_without_sigmoid", frozenset({"binary"}), None,
         "{activation} output under {loss} without from_logits=True",
         "use activation='sigmoid', or pass from_logits=True", unless=PROBABILITY_ACTIVATIONS,
         from_logits=(False,), use_activation="sigmoid"),
    _Row("binary_on_softmax", frozenset({"binary"}), _SOFTMAX,
         "softmax output under {loss}: each of the {units} outputs is scored as an independent "
         "probability, but softmax makes them compete",
         "use categorical_crossentropy (sparse_categorical_crossentropy for integer labels), or "
         "activation='sigmoid' for several labels per sample",
         from_logits=(False,), units="more_than_two"),
    _Row("regression_on_softmax", frozenset({"regression"}), _SOFTMAX,
         "softmax output trained with {loss}: the squared error of probabilities gives small, "
         "flat gradients",
         "use categorical_crossentropy (one-hot labels) or sparse_categorical_crossentropy",
         units="not_one"),
    _Row("regression_on_class_labels", frozenset({"regression"}), SIGMOIDS,
         "{activation} output under {loss} trained on class labels learns slowly and plateaus",
         "use binary_crossentropy, or softmax with categorical_crossentropy when each sample "
         "has exactly one class", needs="class_labels"),
    _Row("targets_out_of_reach", frozenset({"regression"}), SIGMOIDS,
         "{activation} output can only reach [0, 1] but the targets span [{low:.3g}, {high:.3g}]",
         "use a linear output for regression, or scale the targets to [0, 1]",
         needs="targets_out_of_range"),
)  # fmt: skip


def mismatches(
    activation: str | None,
    loss: str | None,
    *,
    from_logits: bool | None,
    units: int | None = None,
    targets: Targets | None = None,
) -> tuple[Mismatch, ...]:
    """Every way the output ``activation`` and the ``loss`` (function names) fail to fit.

    ``from_logits`` and ``units`` are None when not known; a row that needs them then does not
    hold.  An unknown activation fits everything: there is no evidence against it.
    """
    if activation is None or activation not in ACTIVATIONS:
        return ()
    group: _Group = loss_group(loss) or "unknown"
    found: list[Mismatch] = []
    for row in _ROWS:
        if group not in row.losses or from_logits not in row.from_logits:
            continue
        if row.activations is not None and activation not in row.activations:
            continue
        if activation in row.unless or not _units_match(row.units, units):
            continue
        if row.needs is not None and not _evidence(row.needs, activation, targets):
            continue
        fields: dict[str, object] = {"loss": loss, "activation": activation, "units": units}
        if targets is not None:
            fields.update(low=targets.low, high=targets.high)
        found.append(
            Mismatch(
                row.kind,
                row.problem.format(**fields),
                row.fix,
                row.use_activation,
                row.use_from_logits,
            )
        )
    return tuple(found)


def _units_match(wanted: _Units, units: int | None) -> bool:
    if wanted == "one":
        return units == 1
    if wanted == "not_one":
        return units != 1
    if wanted == "more_than_two":
        return units is not None and units > 2
    return True


def _evidence(needs: _Evidence, activation: str, targets: Targets | None) -> bool:
    if targets is None:
        return False
    if needs == "class_labels":
        return targets.class_labels
    if targets.low is None or targets.high is None:
        return False
    reach = ACTIVATIONS[activation]
    return targets.low < reach.low or targets.high > reach.high
