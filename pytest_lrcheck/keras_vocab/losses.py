"""Keras losses: their names, the labels they read and the output they expect.

Keyed by the name of the loss function (``keras.losses.<name>``), which is also what
``keras.losses.get`` returns for every string identifier and what a loss object wraps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What ``y_true`` holds: one-hot rows, integer class ids, 0/1 per output, real targets,
# probability distributions, -1/+1 (or 0/1) margins, or non-negative counts.
Labels = Literal["one_hot", "class_ids", "binary", "real", "distribution", "signed", "counts"]
# What ``y_pred`` must be when ``from_logits`` is False: rows that sum to 1, independent
# probabilities in [0, 1], any real values, positive rates, or vectors compared by direction.
Output = Literal[
    "class_probabilities", "probabilities", "real_values", "positive_values", "directions"
]
# What the best constant prediction scores, when it has a closed form: the entropy of the label
# prior (cross-entropy), the variance (squared error) or the mean deviation from the median.
ConstantGuess = Literal["entropy", "variance", "median_deviation"]
# How the activation/loss pairing table groups losses (``pairing.py``).
LossGroup = Literal["categorical", "binary", "regression", "other"]


@dataclass(frozen=True)
class Loss:
    name: str
    class_name: str
    labels: Labels
    expects: Output
    takes_logits: bool = False  # accepts ``from_logits=``
    aliases: tuple[str, ...] = ()  # other string identifiers and function names
    # The same loss for the other label encoding (one-hot rows <-> class ids), if Keras has it.
    twin: str | None = None
    constant_guess: ConstantGuess | None = None


_LOSSES = (
    Loss("categorical_crossentropy", "CategoricalCrossentropy", "one_hot", "class_probabilities",
         takes_logits=True, twin="sparse_categorical_crossentropy", constant_guess="entropy"),
    Loss("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy", "class_ids",
         "class_probabilities", takes_logits=True, twin="categorical_crossentropy",
         constant_guess="entropy"),
    Loss("binary_crossentropy", "BinaryCrossentropy", "binary", "probabilities",
         takes_logits=True, constant_guess="entropy"),
    # Focal losses down-weight easy samples: their value is not a log-likelihood.
    Loss("binary_focal_crossentropy", "BinaryFocalCrossentropy", "binary", "probabilities",
         takes_logits=True),
    Loss("categorical_focal_crossentropy", "CategoricalFocalCrossentropy", "one_hot",
         "class_probabilities", takes_logits=True),
    Loss("mean_squared_error", "MeanSquaredError", "real", "real_values", aliases=("mse", "MSE"),
         constant_guess="variance"),
    Loss("mean_absolute_error", "MeanAbsoluteError", "real", "real_values",
         aliases=("mae", "MAE"), constant_guess="median_deviation"),
    Loss("mean_absolute_percentage_error", "MeanAbsolutePercentageError", "real", "real_values",
         aliases=("mape",)),
    Loss("mean_squared_logarithmic_error", "MeanSquaredLogarithmicError", "real", "real_values",
         aliases=("msle",)),
    Loss("huber", "Huber", "real", "real_values", aliases=("huber_loss",)),
    Loss("log_cosh", "LogCosh", "real", "real_values", aliases=("logcosh",)),
    Loss("kl_divergence", "KLDivergence", "distribution", "class_probabilities",
         aliases=("kld", "kullback_leibler_divergence")),
    Loss("hinge", "Hinge", "signed", "real_values"),
    Loss("squared_hinge", "SquaredHinge", "signed", "real_values"),
    Loss("categorical_hinge", "CategoricalHinge", "one_hot", "real_values"),
    Loss("poisson", "Poisson", "counts", "positive_values"),
    Loss("cosine_similarity", "CosineSimilarity", "real", "directions"),
)  # fmt: skip

LOSSES: dict[str, Loss] = {loss.name: loss for loss in _LOSSES}
# String identifiers and function names -> loss name.
LOSS_ALIASES: dict[str, str] = {
    alias: loss.name for loss in _LOSSES for alias in (loss.name, *loss.aliases)
}
# Loss classes (``keras.losses.X``) -> loss name.
LOSS_CLASSES: dict[str, str] = {loss.class_name: loss.name for loss in _LOSSES}

LOGIT_LOSSES = frozenset(loss.name for loss in _LOSSES if loss.takes_logits)
# One-hot labels, one class per sample.
CATEGORICAL_LOSSES = frozenset(
    loss.name
    for loss in _LOSSES
    if loss.labels == "one_hot" and loss.expects == "class_probabilities"
)
# Integer class ids, one class per sample.
SPARSE_LOSSES = frozenset(loss.name for loss in _LOSSES if loss.labels == "class_ids")
# One 0/1 label per output: binary or multi-label classification.
BINARY_LOSSES = frozenset(loss.name for loss in _LOSSES if loss.labels == "binary")
CLASSIFICATION_LOSSES = CATEGORICAL_LOSSES | SPARSE_LOSSES | BINARY_LOSSES
# Real-valued targets, real-valued outputs.
REGRESSION_LOSSES = frozenset(
    loss.name for loss in _LOSSES if loss.labels == "real" and loss.expects == "real_values"
)


def loss_named(name: str | None) -> Loss | None:
    """The loss with this function name; None for other names (custom losses) and None."""
    return None if name is None else LOSSES.get(name)


def loss_group(name: str | None) -> LossGroup | None:
    """How the pairing table groups this loss; None when the loss is not known."""
    if name is None or name not in LOSSES:
        return None
    if name in CATEGORICAL_LOSSES or name in SPARSE_LOSSES:
        return "categorical"
    if name in BINARY_LOSSES:
        return "binary"
    if name in REGRESSION_LOSSES:
        return "regression"
    return "other"
