"""Bounded output activations on targets scaled into their range, as careful regressions do.

A sigmoid on MinMax-scaled prices, a tanh on targets scaled into [-1, 1], a softplus on
positive house values, and a sine fitted by a tanh output after dividing by its amplitude.
"""

import numpy as np
from sklearn.datasets import fetch_california_housing
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler, StandardScaler
from tensorflow import keras
from tensorflow.keras import layers


def regressor(n_features, activation):
    model = keras.Sequential(
        [
            keras.Input(shape=(n_features,)),
            layers.Dense(64, activation="relu"),
            layers.Dense(32, activation="relu"),
            layers.Dense(1, activation=activation),
        ]
    )
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    return model


X, y = fetch_california_housing(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
x_scaler = StandardScaler().fit(X_train)
X_train, X_test = x_scaler.transform(X_train), x_scaler.transform(X_test)

unit = MinMaxScaler().fit(y_train.reshape(-1, 1))
sigmoid_model = regressor(8, "sigmoid")
sigmoid_model.fit(X_train, unit.transform(y_train.reshape(-1, 1)), epochs=30, batch_size=256)

symmetric = MinMaxScaler(feature_range=(-1, 1)).fit(y_train.reshape(-1, 1))
tanh_model = regressor(8, "tanh")
tanh_model.fit(X_train, symmetric.transform(y_train.reshape(-1, 1)), epochs=30, batch_size=256)

# House values are positive: a softplus output keeps predictions positive.
positive_model = regressor(8, "softplus")
positive_model.fit(X_train, y_train, epochs=30, batch_size=256, validation_split=0.1)

x = np.linspace(-2 * np.pi, 2 * np.pi, 2000).reshape(-1, 1)
amplitude = 5.0
wave = amplitude * np.sin(x)
sine_model = regressor(1, "tanh")
sine_model.fit(x, wave / amplitude, epochs=200, batch_size=64, verbose=0)
prediction = sine_model.predict(x) * amplitude
