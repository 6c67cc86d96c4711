"""The public names of the Keras modules users star-import, so ``from keras.layers import *``
resolves ``Dense`` and nothing else.

Keyed by the canonical module name (``tensorflow.keras.layers`` folds to ``keras.layers``).
A name missing here only makes the checker silent about it, never wrong; a name listed that the
module does not export would bind a user's own undefined name to Keras, so lists are exact.
"""

from __future__ import annotations

from pytest_lrcheck.keras_vocab.activations import ACTIVATION_STRINGS
from pytest_lrcheck.keras_vocab.data import DATASETS, METRIC_CLASSES
from pytest_lrcheck.keras_vocab.layers import (
    ACTIVATION_LAYERS,
    CONV_LAYERS,
    DENSE_LIKE,
    INTEGER_INPUT_LAYERS,
    PASSTHROUGH_LAYERS,
    PER_STEP_WRAPPERS,
    RECURRENT_LAYERS,
    RESHAPING_LAYERS,
    RESIZING_LAYERS,
    SCALING_LAYERS,
    SPATIAL_LAYERS,
)
from pytest_lrcheck.keras_vocab.losses import LOSS_ALIASES, LOSS_CLASSES
from pytest_lrcheck.keras_vocab.optimizers import OPTIMIZERS

_OTHER_LAYERS = frozenset(
    {"Input", "InputLayer", "Layer", "Lambda", "Masking", "RepeatVector", "Permute",
     "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D",
     "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D", "GlobalAvgPool2D",
     "GlobalMaxPool2D", "MaxPooling1D", "AveragePooling1D", "MaxPool1D", "AvgPool1D",
     "UpSampling1D", "ZeroPadding1D", "Cropping1D", "Add", "Subtract", "Multiply", "Average",
     "Maximum", "Minimum", "Concatenate", "Dot", "add", "subtract", "multiply", "average",
     "maximum", "minimum", "concatenate", "dot", "MultiHeadAttention", "Attention",
     "AdditiveAttention", "LSTMCell", "GRUCell", "SimpleRNNCell", "Rescaling", "RandomFlip",
     "RandomRotation", "RandomZoom", "RandomCrop", "RandomTranslation", "RandomContrast"}
)  # fmt: skip
_LAYERS = (
    _OTHER_LAYERS | DENSE_LIKE | CONV_LAYERS | SPATIAL_LAYERS | PASSTHROUGH_LAYERS
    | RESHAPING_LAYERS | SCALING_LAYERS | RESIZING_LAYERS | INTEGER_INPUT_LAYERS
    | RECURRENT_LAYERS | PER_STEP_WRAPPERS | frozenset(ACTIVATION_LAYERS)
)  # fmt: skip
_INITIALIZERS = frozenset(
    {"Zeros", "Ones", "Constant", "RandomNormal", "RandomUniform", "TruncatedNormal",
     "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "LecunNormal", "LecunUniform",
     "Orthogonal", "Identity", "VarianceScaling", "zeros", "ones", "constant", "glorot_uniform",
     "glorot_normal", "he_normal", "he_uniform", "random_normal", "random_uniform"}
)  # fmt: skip
_MODELS = frozenset({"Sequential", "Model", "load_model", "clone_model", "model_from_json"})

PUBLIC_NAMES: dict[str, frozenset[str]] = {
    "keras.layers": _LAYERS,
    "keras.models": _MODELS,
    "keras": _MODELS
    | {"Input", "layers", "models", "optimizers", "losses", "metrics", "activations",
       "initializers", "utils", "datasets", "callbacks", "applications", "preprocessing"},
    "keras.optimizers": frozenset(OPTIMIZERS),
    "keras.losses": frozenset(LOSS_CLASSES) | {a for a in LOSS_ALIASES if a.isidentifier()},
    "keras.metrics": frozenset(METRIC_CLASSES),
    "keras.activations": frozenset(a for a in ACTIVATION_STRINGS if a.isidentifier()),
    "keras.initializers": _INITIALIZERS,
    "keras.utils": frozenset({"to_categorical", "load_img", "img_to_array"}),
    "keras.datasets": frozenset(DATASETS),
    "keras.preprocessing.image": frozenset({"ImageDataGenerator", "load_img", "img_to_array"}),
}  # fmt: skip
