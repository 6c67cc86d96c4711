"""Keras activations: string identifiers, the functions users pass instead, their output range."""

from __future__ import annotations

import math
from dataclasses import dataclass

_INF = math.inf


@dataclass(frozen=True)
class Activation:
    name: str
    low: float  # the range of the output
    high: float
    aliases: tuple[str, ...] = ()
    # Flat at both ends of its range: units driven there stop learning.
    saturates: bool = False
    # Zero gradient for every input at or below 0: units pushed there never recover.
    dies: bool = False
    # Usable as ``activation="<name>"`` (PReLU exists only as a layer).
    identifier: bool = True


_ACTIVATIONS = (
    Activation("softmax", 0.0, 1.0),
    Activation("sigmoid", 0.0, 1.0, saturates=True),
    Activation("hard_sigmoid", 0.0, 1.0, saturates=True),
    Activation("relu", 0.0, _INF, dies=True),
    Activation("relu6", 0.0, 6.0, dies=True),
    Activation("leaky_relu", -_INF, _INF),
    Activation("prelu", -_INF, _INF, identifier=False),
    Activation("elu", -1.0, _INF),
    Activation("selu", -1.7581, _INF),
    Activation("gelu", -0.17, _INF),
    Activation("silu", -0.28, _INF, aliases=("swish",)),
    Activation("mish", -0.31, _INF),
    Activation("tanh", -1.0, 1.0, saturates=True),
    Activation("softplus", 0.0, _INF),
    Activation("softsign", -1.0, 1.0, saturates=True),
    Activation("exponential", 0.0, _INF),
    Activation("linear", -_INF, _INF),
    Activation("log_softmax", -_INF, 0.0),
)

ACTIVATIONS: dict[str, Activation] = {a.name: a for a in _ACTIVATIONS}
# ``activation="<string>"`` -> activation name.
ACTIVATION_STRINGS: dict[str, str] = {
    spelled: a.name for a in _ACTIVATIONS if a.identifier for spelled in (a.name, *a.aliases)
}
# Canonical names of the functions usable as ``activation=`` -> activation name.
ACTIVATION_FUNCTIONS: dict[str, str] = {
    **{f"keras.activations.{k}": v for k, v in ACTIVATION_STRINGS.items()},
    "tensorflow.nn.softmax": "softmax",
    "tensorflow.softmax": "softmax",
    "tensorflow.sigmoid": "sigmoid",
    "tensorflow.nn.relu": "relu",
    "tensorflow.nn.relu6": "relu6",
    "tensorflow.nn.elu": "elu",
    "tensorflow.nn.selu": "selu",
    "tensorflow.nn.gelu": "gelu",
    "tensorflow.nn.silu": "silu",
    "tensorflow.nn.swish": "silu",
    "tensorflow.nn.leaky_relu": "leaky_relu",
    "tensorflow.tanh": "tanh",
    "tensorflow.nn.log_softmax": "log_softmax",
    "tensorflow.nn.softplus": "softplus",
}
# Outputs in [0, 1]: probabilities.
PROBABILITY_ACTIVATIONS = frozenset(a.name for a in _ACTIVATIONS if (a.low, a.high) == (0.0, 1.0))
# Independent per-unit probabilities (as opposed to softmax's competing ones).
SIGMOIDS = PROBABILITY_ACTIVATIONS - {"softmax"}
SATURATING_ACTIVATIONS = frozenset(a.name for a in _ACTIVATIONS if a.saturates)
RELU_FAMILY = frozenset(a.name for a in _ACTIVATIONS if a.dies)
