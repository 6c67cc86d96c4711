"""Predicting a click-through rate in [0, 1]: a sigmoid output under MSE, on purpose."""

import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(42)
n_ads = 20_000
features = rng.normal(size=(n_ads, 12)).astype("float32")
weights = rng.normal(size=12)
# The rate is a probability: a logistic function of the features plus noise, clipped to [0, 1].
rate = 1.0 / (1.0 + np.exp(-(features @ weights) / 4.0))
rate = np.clip(rate + rng.normal(scale=0.02, size=n_ads), 0.0, 1.0)

x_train, x_test, y_train, y_test = train_test_split(features, rate, test_size=0.2, random_state=0)
scaler = MinMaxScaler()
x_train = scaler.fit_transform(x_train)
x_test = scaler.transform(x_test)

inputs = keras.Input(shape=(12,))
hidden = layers.Dense(64, activation="relu")(inputs)
hidden = layers.Dense(32, activation="relu")(hidden)
ctr = layers.Dense(1, activation="sigmoid", name="ctr")(hidden)
model = keras.Model(inputs=inputs, outputs=ctr)
model.compile(
    optimizer=keras.optimizers.Adam(3e-4),
    loss="mse",
    metrics=[keras.metrics.MeanAbsoluteError(), keras.metrics.RootMeanSquaredError()],
)
model.fit(x_train, y_train, epochs=20, batch_size=256, validation_split=0.1)
print(model.evaluate(x_test, y_test, return_dict=True))
