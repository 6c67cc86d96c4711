"""Keras layer classes grouped by what they do to the values passing through them, and the
model methods that take data."""

from __future__ import annotations

# Layers whose only effect is an activation; value: the activation they apply (None: the
# ``activation`` argument of ``Activation`` says).
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
    {"Conv1D", "Conv2D", "Conv3D", "SeparableConv1D", "SeparableConv2D", "DepthwiseConv1D",
     "DepthwiseConv2D", "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose",
     "Convolution1D", "Convolution2D", "Convolution3D"}
)  # fmt: skip
# Convolutions whose first argument is the number of filters, i.e. the channels a softmax over
# the last axis normalises.  Depthwise convolutions take ``kernel_size`` first: not listed.
FILTER_LAYERS = CONV_LAYERS - {"DepthwiseConv1D", "DepthwiseConv2D"}
# Layers that keep a multi-dimensional (spatial) output.
SPATIAL_LAYERS = frozenset(
    {*CONV_LAYERS, "MaxPooling2D", "MaxPooling3D", "AveragePooling2D", "AveragePooling3D",
     "MaxPool2D", "MaxPool3D", "AvgPool2D", "AvgPool3D", "UpSampling2D", "UpSampling3D",
     "ZeroPadding2D", "ZeroPadding3D", "Cropping2D", "Cropping3D"}
)  # fmt: skip
# Layers that pass values through unchanged at inference, so they neither add nor remove a
# nonlinearity: the activation before them is the one after them.
PASSTHROUGH_LAYERS = frozenset(
    {"Dropout", "AlphaDropout", "GaussianDropout", "GaussianNoise", "SpatialDropout1D",
     "SpatialDropout2D", "SpatialDropout3D", "ActivityRegularization", "Identity"}
)  # fmt: skip
# Layers that keep every value but move them to other axes.
RESHAPING_LAYERS = frozenset({"Reshape", "Flatten"})
# Layers that put their inputs on a sane scale (what Rescaling(1/255) or a Normalization does).
SCALING_LAYERS = frozenset(
    {"Rescaling", "Normalization", "BatchNormalization", "LayerNormalization",
     "GroupNormalization", "UnitNormalization"}
)  # fmt: skip
# Image preprocessing layers that in practice come with a scaling layer.
RESIZING_LAYERS = frozenset({"CenterCrop", "Resizing"})
# Layers that read token or category ids, not values on a scale.
INTEGER_INPUT_LAYERS = frozenset(
    {"Embedding", "StringLookup", "IntegerLookup", "TextVectorization", "CategoryEncoding"}
)
RECURRENT_LAYERS = frozenset({"LSTM", "GRU", "SimpleRNN", "RNN", "Bidirectional", "ConvLSTM2D"})
# Wrappers that apply the layer they are given (their first argument) at every time step: its
# units, activation and initializer are theirs.  (``Bidirectional`` is not one: it concatenates
# two copies, doubling the units.)
PER_STEP_WRAPPERS = frozenset({"TimeDistributed"})

# ``Model`` methods that take data, by what they do with it (Keras 2's ``*_generator`` included).
TRAINING_METHODS = frozenset({"fit", "fit_generator", "train_on_batch"})
EVALUATION_METHODS = frozenset({"evaluate", "evaluate_generator", "test_on_batch"})
PREDICTION_METHODS = frozenset({"predict", "predict_generator", "predict_on_batch"})
