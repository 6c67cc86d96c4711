"""CIFAR-10 folded into two groups, animal or vehicle, learned by one sigmoid unit."""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

ANIMALS = [2, 3, 4, 5, 6, 7]  # bird, cat, deer, dog, frog, horse

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
y_train = np.isin(y_train, ANIMALS).astype("float32")
y_test = np.isin(y_test, ANIMALS).astype("float32")

model = keras.Sequential(
    [
        keras.Input(shape=(32, 32, 3)),
        layers.Rescaling(1.0 / 255),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=15, batch_size=128, validation_data=(x_test, y_test))
