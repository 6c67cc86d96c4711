"""House prices: a one-output regression, then the most expensive predicted house by argmax.

With a single output unit, `np.argmax(predictions)` over the (n, 1) array is the index of a
sample, which is exactly what is wanted here.
"""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.boston_housing.load_data()
mean, std = x_train.mean(axis=0), x_train.std(axis=0)
x_train = (x_train - mean) / std
x_test = (x_test - mean) / std

model = keras.Sequential(
    [
        keras.Input(shape=(13,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1),
    ]
)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(x_train, y_train, epochs=100, batch_size=16, validation_split=0.2, verbose=0)

predicted_prices = model.predict(x_test)
most_expensive = np.argmax(predicted_prices)
cheapest = np.argmin(predicted_prices)
print(f"most expensive: house {most_expensive}, ${1000 * predicted_prices[most_expensive, 0]:,.0f}")
print(f"cheapest: house {cheapest}, ${1000 * predicted_prices[cheapest, 0]:,.0f}")
print(f"actual price of the first: ${1000 * y_test[most_expensive]:,.0f}")
