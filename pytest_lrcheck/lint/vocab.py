"""What the linter knows about Keras, TensorFlow, NumPy and scikit-learn names.

Every table is keyed by canonical names (see `names.canonical`) or by Keras' string identifiers,
so the rules never compare raw spellings.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- losses ----------------------------------------------------------------------------------
# Keras string identifiers and functions -> canonical loss name.
LOSS_ALIASES: dict[str, str] = {
    "categorical_crossentropy": "categorical_crossentropy",
    "sparse_categorical_crossentropy": "sparse_categorical_crossentropy",
    "binary_crossentropy": "binary_crossentropy",
    "binary_focal_crossentropy": "binary_focal_crossentropy",
    "categorical_focal_crossentropy": "categorical_focal_crossentropy",
    "mse": "mean_squared_error",
    "mean_squared_error": "mean_squared_error",
    "MSE": "mean_squared_error",
    "mae": "mean_absolute_error",
    "mean_absolute_error": "mean_absolute_error",
    "MAE": "mean_absolute_error",
    "mape": "mean_absolute_percentage_error",
    "mean_absolute_percentage_error": "mean_absolute_percentage_error",
    "msle": "mean_squared_logarithmic_error",
    "mean_squared_logarithmic_error": "mean_squared_logarithmic_error",
    "huber": "huber",
    "huber_loss": "huber",
    "log_cosh": "log_cosh",
    "logcosh": "log_cosh",
    "kld": "kl_divergence",
    "kl_divergence": "kl_divergence",
    "kullback_leibler_divergence": "kl_divergence",
    "hinge": "hinge",
    "squared_hinge": "squared_hinge",
    "categorical_hinge": "categorical_hinge",
    "poisson": "poisson",
    "cosine_similarity": "cosine_similarity",
}
# Loss classes (``keras.losses.X``) -> canonical loss name.
LOSS_CLASSES: dict[str, str] = {
    "CategoricalCrossentropy": "categorical_crossentropy",
    "SparseCategoricalCrossentropy": "sparse_categorical_crossentropy",
    "BinaryCrossentropy": "binary_crossentropy",
    "BinaryFocalCrossentropy": "binary_focal_crossentropy",
    "CategoricalFocalCrossentropy": "categorical_focal_crossentropy",
    "MeanSquaredError": "mean_squared_error",
    "MeanAbsoluteError": "mean_absolute_error",
    "MeanAbsolutePercentageError": "mean_absolute_percentage_error",
    "MeanSquaredLogarithmicError": "mean_squared_logarithmic_error",
    "Huber": "huber",
    "LogCosh": "log_cosh",
    "KLDivergence": "kl_divergence",
    "Hinge": "hinge",
    "SquaredHinge": "squared_hinge",
    "CategoricalHinge": "categorical_hinge",
    "Poisson": "poisson",
    "CosineSimilarity": "cosine_similarity",
}
# Losses that take ``from_logits``.
LOGIT_LOSSES = frozenset(
    {
        "categorical_crossentropy",
        "sparse_categorical_crossentropy",
        "binary_crossentropy",
        "binary_focal_crossentropy",
        "categorical_focal_crossentropy",
    }
)
CATEGORICAL_LOSSES = frozenset({"categorical_crossentropy", "categorical_focal_crossentropy"})
SPARSE_LOSSES = frozenset({"sparse_categorical_crossentropy"})
BINARY_LOSSES = frozenset({"binary_crossentropy", "binary_focal_crossentropy"})
REGRESSION_LOSSES = frozenset(
    {
        "mean_squared_error",
        "mean_absolute_error",
        "mean_absolute_percentage_error",
        "mean_squared_logarithmic_error",
        "huber",
        "log_cosh",
    }
)

# --- activations -----------------------------------------------------------------------------
ACTIVATION_STRINGS: dict[str, str] = {
    "softmax": "softmax",
    "sigmoid": "sigmoid",
    "hard_sigmoid": "hard_sigmoid",
    "relu": "relu",
    "relu6": "relu6",
    "leaky_relu": "leaky_relu",
    "elu": "elu",
    "selu": "selu",
    "gelu": "gelu",
    "silu": "silu",
    "swish": "silu",
    "mish": "mish",
    "tanh": "tanh",
    "softplus": "softplus",
    "softsign": "softsign",
    "exponential": "exponential",
    "linear": "linear",
    "log_softmax": "log_softmax",
}
# Canonical names of activation functions usable as ``activation=`` -> activation name.
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
# Activations that squash to probabilities.
PROBABILITY_ACTIVATIONS = frozenset({"softmax", "sigmoid", "hard_sigmoid"})

# --- layers ----------------------------------------------------------------------------------
# Layers whose only effect is an activation; value: the activation they apply (None: depends
# on the ``activation`` argument of ``Activation``).
ACTIVATION_LAYERS: dict[str, str | None] = {
    "Activation": None,
    "Softmax": "softmax",
    "ReLU": "relu",
    "LeakyReLU": "leaky_relu",
    "PReLU": "prelu",
    "ELU": "elu",
    "ThresholdedReLU": "relu",
}
# Layers with a kernel that take ``activation=`` (the output head candidates).
DENSE_LIKE = frozenset({"Dense", "EinsumDense"})
CONV_LAYERS = frozenset(
    {
        "Conv1D",
        "Conv2D",
        "Conv3D",
        "SeparableConv1D",
        "SeparableConv2D",
        "DepthwiseConv1D",
        "DepthwiseConv2D",
        "Conv1DTranspose",
        "Conv2DTranspose",
        "Conv3DTranspose",
        "Convolution1D",
        "Convolution2D",
        "Convolution3D",
    }
)
# Layers that keep a multi-dimensional (spatial) output.
SPATIAL_LAYERS = frozenset(
    {
        *CONV_LAYERS,
        "MaxPooling2D",
        "MaxPooling3D",
        "AveragePooling2D",
        "AveragePooling3D",
        "MaxPool2D",
        "MaxPool3D",
        "AvgPool2D",
        "AvgPool3D",
        "UpSampling2D",
        "UpSampling3D",
        "ZeroPadding2D",
        "ZeroPadding3D",
        "Cropping2D",
        "Cropping3D",
    }
)
# Layers that only pass values through, so they neither add nor remove a nonlinearity.
PASSTHROUGH_LAYERS = frozenset(
    {
        "Dropout",
        "AlphaDropout",
        "GaussianDropout",
        "GaussianNoise",
        "SpatialDropout1D",
        "SpatialDropout2D",
        "SpatialDropout3D",
        "ActivityRegularization",
    }
)
# Layers that put inputs on a sane scale when they come first in a model.
INPUT_SCALING_LAYERS = frozenset(
    {
        "Rescaling",
        "Normalization",
        "BatchNormalization",
        "LayerNormalization",
        "UnitNormalization",
        "CenterCrop",  # only with Rescaling in practice, but never flag a preprocessing stack
        "Resizing",
    }
)
# Layers that never see the data's scale (token ids, sequences of ids...).
INTEGER_INPUT_LAYERS = frozenset(
    {"Embedding", "StringLookup", "IntegerLookup", "TextVectorization", "CategoryEncoding"}
)


# --- optimizers ------------------------------------------------------------------------------
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
    "LossScaleOptimizer": OptimizerInfo("LossScaleOptimizer", 0.0, float("inf")),
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
OPTIMIZER_STRINGS: dict[str, str] = {
    "sgd": "SGD",
    "rmsprop": "RMSprop",
    "adam": "Adam",
    "adamw": "AdamW",
    "adamax": "Adamax",
    "nadam": "Nadam",
    "adagrad": "Adagrad",
    "adadelta": "Adadelta",
    "ftrl": "Ftrl",
    "lion": "Lion",
    "adafactor": "Adafactor",
}

# --- metrics ---------------------------------------------------------------------------------
ACCURACY_METRIC_STRINGS = frozenset({"accuracy", "acc"})
METRIC_CLASSES: dict[str, str] = {
    "Accuracy": "accuracy_exact",
    # The function ``keras.metrics.accuracy`` is exact equality too; only the *string*
    # 'accuracy' lets Keras pick binary/categorical/sparse accuracy from the shapes.
    "accuracy": "accuracy_exact",
    "BinaryAccuracy": "binary_accuracy",
    "CategoricalAccuracy": "categorical_accuracy",
    "SparseCategoricalAccuracy": "sparse_categorical_accuracy",
}


# --- datasets --------------------------------------------------------------------------------
@dataclass(frozen=True)
class DatasetInfo:
    name: str
    images: bool  # uint8 pixels in 0-255
    classes: int | None  # None: regression or variable
    sparse_labels: bool = True  # labels are integer class ids


DATASETS: dict[str, DatasetInfo] = {
    "mnist": DatasetInfo("mnist", True, 10),
    "fashion_mnist": DatasetInfo("fashion_mnist", True, 10),
    "cifar10": DatasetInfo("cifar10", True, 10),
    "cifar100": DatasetInfo("cifar100", True, 100),
    "cifar100_coarse": DatasetInfo("cifar100_coarse", True, 20),
    "imdb": DatasetInfo("imdb", False, 2),
    "reuters": DatasetInfo("reuters", False, 46),
    "boston_housing": DatasetInfo("boston_housing", False, None, sparse_labels=False),
    "california_housing": DatasetInfo("california_housing", False, None, sparse_labels=False),
}
