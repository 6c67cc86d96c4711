"""Keras optimizers, their default learning rates and the highest rates still usual for them."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class OptimizerInfo:
    name: str
    default_lr: float
    # Highest rate that is still within this optimizer's usual range; see LRC301's document.
    high_lr: float


OPTIMIZERS: dict[str, OptimizerInfo] = {
    "SGD": OptimizerInfo("SGD", 0.01, 1.0),
    "RMSprop": OptimizerInfo("RMSprop", 0.001, 0.1),
    "Adam": OptimizerInfo("Adam", 0.001, 0.1),
    "AdamW": OptimizerInfo("AdamW", 0.001, 0.1),
    "Adamax": OptimizerInfo("Adamax", 0.002, 0.1),
    "Nadam": OptimizerInfo("Nadam", 0.002, 0.1),
    "Adagrad": OptimizerInfo("Adagrad", 0.001, 1.0),
    "Adadelta": OptimizerInfo("Adadelta", 0.001, 10.0),
    "Ftrl": OptimizerInfo("Ftrl", 0.001, 1.0),
    "Lion": OptimizerInfo("Lion", 0.001, 0.01),
    "Adafactor": OptimizerInfo("Adafactor", 0.001, 0.1),
    "LossScaleOptimizer": OptimizerInfo("LossScaleOptimizer", 0.0, math.inf),
}
# TensorFlow 1 optimizers (``tf.train.XOptimizer``) -> the Keras optimizer they correspond to.
TF1_OPTIMIZERS: dict[str, str] = {
    "tensorflow.train.GradientDescentOptimizer": "SGD",
    "tensorflow.train.MomentumOptimizer": "SGD",
    "tensorflow.train.AdamOptimizer": "Adam",
    "tensorflow.train.RMSPropOptimizer": "RMSprop",
    "tensorflow.train.AdagradOptimizer": "Adagrad",
    "tensorflow.train.AdadeltaOptimizer": "Adadelta",
    "tensorflow.train.FtrlOptimizer": "Ftrl",
}
# ``optimizer="<string>"`` -> optimizer class name.
OPTIMIZER_STRINGS: dict[str, str] = {
    name.lower(): name for name in OPTIMIZERS if name != "LossScaleOptimizer"
}
