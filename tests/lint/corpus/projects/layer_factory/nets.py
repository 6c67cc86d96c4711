import blocks
from tensorflow import keras


def small_cnn(input_shape=(32, 32, 3), n_classes=10):
    inputs = keras.Input(shape=input_shape)
    x = blocks.conv_block(inputs, 32)
    x = blocks.conv_block(x, 64, dropout=0.25)
    return keras.Model(inputs, blocks.classification_head(x, n_classes))


def tabular_mlp(n_features):
    return keras.Sequential(
        [keras.Input(shape=(n_features,))]  # noqa: RUF005  (blocks are lists of layers)
        + blocks.dense_block(64, dropout=0.2)
        + blocks.dense_block(32)
        + [keras.layers.Dense(1)]
    )
