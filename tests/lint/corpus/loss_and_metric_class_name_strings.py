"""Losses and metrics given as class-name strings, each matching its head and labels."""

import keras
from keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0

onehot = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        layers.Dense(128, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ]
)
onehot.compile(optimizer="adam", loss="CategoricalCrossentropy", metrics=["CategoricalAccuracy"])
onehot.fit(x_train, keras.utils.to_categorical(y_train, 10), epochs=3)

sparse = keras.Sequential(
    [keras.Input(shape=(784,)), layers.Dense(128, activation="relu"), layers.Dense(10)]
)
sparse.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["SparseCategoricalAccuracy"],
)
sparse.fit(x_train, y_train, epochs=3, validation_data=(x_test, y_test))

is_zero = (y_train == 0).astype("float32")
detector = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        layers.Dense(32, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ]
)
detector.compile(optimizer="adam", loss="BinaryCrossentropy", metrics=["BinaryAccuracy"])
detector.fit(x_train, is_zero, epochs=3)
