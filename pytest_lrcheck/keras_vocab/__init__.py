"""What the package knows about Keras: one vocabulary for the linter and the runtime.

Pure data and pure functions; nothing here imports Keras, TensorFlow or NumPy.  The linter keys
its facts by these names (``keras.layers.Dense`` folds to the class name ``Dense``, a loss string
to the loss function's name) and the runtime reads the same names off live objects, so both
halves know the same losses, activations, layers and optimizers, and decide whether an output
activation fits a loss with one table (`pairing`).
"""

from __future__ import annotations

from pytest_lrcheck.keras_vocab.activations import (
    ACTIVATION_FUNCTIONS,
    ACTIVATION_STRINGS,
    ACTIVATIONS,
    PROBABILITY_ACTIVATIONS,
    RELU_FAMILY,
    SATURATING_ACTIVATIONS,
    SIGMOIDS,
    Activation,
)
from pytest_lrcheck.keras_vocab.data import (
    ACCURACY_METRIC_STRINGS,
    DATASETS,
    IMAGE_LOADERS,
    METRIC_CLASSES,
    SKLEARN_CLASSIFICATION_SETS,
    SKLEARN_REGRESSION_SETS,
    DatasetInfo,
)
from pytest_lrcheck.keras_vocab.layers import (
    ACTIVATION_LAYERS,
    CONV_LAYERS,
    DENSE_LIKE,
    EVALUATION_METHODS,
    FILTER_LAYERS,
    INTEGER_INPUT_LAYERS,
    PASSTHROUGH_LAYERS,
    PER_STEP_WRAPPERS,
    PREDICTION_METHODS,
    RECURRENT_LAYERS,
    RESHAPING_LAYERS,
    RESIZING_LAYERS,
    SCALING_LAYERS,
    SPATIAL_LAYERS,
    TRAINING_METHODS,
)
from pytest_lrcheck.keras_vocab.losses import (
    BINARY_LOSSES,
    CATEGORICAL_LOSSES,
    CLASSIFICATION_LOSSES,
    LOGIT_LOSSES,
    LOSS_ALIASES,
    LOSS_CLASSES,
    LOSSES,
    REGRESSION_LOSSES,
    SPARSE_LOSSES,
    Loss,
    loss_group,
    loss_named,
)
from pytest_lrcheck.keras_vocab.modules import PUBLIC_NAMES
from pytest_lrcheck.keras_vocab.optimizers import (
    OPTIMIZER_STRINGS,
    OPTIMIZERS,
    TF1_OPTIMIZERS,
    OptimizerInfo,
)
from pytest_lrcheck.keras_vocab.pairing import Mismatch, MismatchKind, Targets, mismatches

__all__ = [
    "ACCURACY_METRIC_STRINGS",
    "ACTIVATIONS",
    "ACTIVATION_FUNCTIONS",
    "ACTIVATION_LAYERS",
    "ACTIVATION_STRINGS",
    "BINARY_LOSSES",
    "CATEGORICAL_LOSSES",
    "CLASSIFICATION_LOSSES",
    "CONV_LAYERS",
    "DATASETS",
    "DENSE_LIKE",
    "EVALUATION_METHODS",
    "FILTER_LAYERS",
    "IMAGE_LOADERS",
    "INTEGER_INPUT_LAYERS",
    "LOGIT_LOSSES",
    "LOSSES",
    "LOSS_ALIASES",
    "LOSS_CLASSES",
    "METRIC_CLASSES",
    "OPTIMIZERS",
    "OPTIMIZER_STRINGS",
    "PASSTHROUGH_LAYERS",
    "PER_STEP_WRAPPERS",
    "PREDICTION_METHODS",
    "PROBABILITY_ACTIVATIONS",
    "PUBLIC_NAMES",
    "RECURRENT_LAYERS",
    "REGRESSION_LOSSES",
    "RELU_FAMILY",
    "RESHAPING_LAYERS",
    "RESIZING_LAYERS",
    "SATURATING_ACTIVATIONS",
    "SCALING_LAYERS",
    "SIGMOIDS",
    "SKLEARN_CLASSIFICATION_SETS",
    "SKLEARN_REGRESSION_SETS",
    "SPARSE_LOSSES",
    "SPATIAL_LAYERS",
    "TF1_OPTIMIZERS",
    "TRAINING_METHODS",
    "Activation",
    "DatasetInfo",
    "Loss",
    "Mismatch",
    "MismatchKind",
    "OptimizerInfo",
    "Targets",
    "loss_group",
    "loss_named",
    "mismatches",
]
