"""Reusable pieces: every network in the project is built from these."""

from tensorflow.keras import layers


def conv_block(x, filters, dropout=0.0):
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    if dropout:
        x = layers.Dropout(dropout)(x)
    return x


def dense_block(units, activation="relu", dropout=None):
    block = [layers.Dense(units), layers.Activation(activation)]
    if dropout is not None:
        block.append(layers.Dropout(dropout))
    return block


def classification_head(x, n_classes):
    x = layers.GlobalAveragePooling2D()(x)
    return layers.Dense(n_classes, activation="softmax", name="probabilities")(x)
