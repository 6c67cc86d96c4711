"""California housing regression with a Normalization layer adapted to the training features."""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.california_housing.load_data(
    version="small", test_split=0.2, seed=113
)
# Targets are prices in dollars; model them in units of 100k so the loss is of order 1.
y_train = y_train / 100_000.0
y_test = y_test / 100_000.0

normalizer = layers.Normalization(axis=-1)
normalizer.adapt(np.array(x_train))

model = keras.Sequential(
    [
        keras.Input(shape=(x_train.shape[1],)),
        normalizer,
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1),
    ]
)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001), loss="mse", metrics=["mae"])
history = model.fit(x_train, y_train, validation_split=0.2, epochs=100, verbose=0)

test_mse, test_mae = model.evaluate(x_test, y_test, verbose=0)
print(f"test MAE: ${test_mae * 100_000:,.0f}")
predictions = model.predict(x_test[:10]).flatten()
for predicted, actual in zip(predictions, y_test[:10], strict=True):
    print(f"{predicted * 100_000:>10,.0f} {actual * 100_000:>10,.0f}")
