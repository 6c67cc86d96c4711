"""A learning-rate range test: short runs over a geometric grid of rates, then a final fit."""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0


def build(learning_rate):
    model = keras.Sequential(
        [
            keras.Input(shape=(784,)),
            layers.Dense(256, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=learning_rate, momentum=0.9),
        loss="sparse_categorical_crossentropy",
    )
    return model


rates = np.geomspace(1e-5, 1.0, num=12)
losses = []
for rate in rates:
    history = build(rate).fit(x_train[:5000], y_train[:5000], epochs=1, batch_size=128, verbose=0)
    losses.append(history.history["loss"][-1])

best = float(rates[int(np.nanargmin(losses))]) / 10
print(f"chosen learning rate: {best:.2e}")
final = build(best)
final.fit(x_train, y_train, epochs=20, batch_size=128, validation_split=0.1)
