"""A star import of Keras layers, with Dense shadowed by a local helper that defaults to ReLU."""
# ruff: noqa: F405

import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.layers import *  # noqa: F403


def Dense(units, activation="relu", **kwargs):
    """Our Dense: ReLU and He initialisation unless told otherwise."""
    kwargs.setdefault("kernel_initializer", "he_normal")
    return layers.Dense(units, activation=activation, **kwargs)


(x_train, y_train), (x_test, y_test) = tf.keras.datasets.fashion_mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = tf.keras.Sequential(
    [
        Input(shape=(28, 28)),
        Flatten(),
        Dense(512),
        Dropout(0.3),
        Dense(256),
        BatchNormalization(),
        Dense(128),
        Dense(10, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=15, batch_size=128, validation_data=(x_test, y_test))
