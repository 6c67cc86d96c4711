"""A deep autoencoder for 2D embeddings with an explicit linear bottleneck (activation=None)."""

import numpy as np
from sklearn.datasets import load_digits
from sklearn.preprocessing import MinMaxScaler
from tensorflow import keras
from tensorflow.keras import layers

digits = load_digits()
x = MinMaxScaler().fit_transform(digits.data)

inputs = keras.Input(shape=(64,))
h = layers.Dense(128, activation="relu")(inputs)
h = layers.Dense(32, activation="relu")(h)
code = layers.Dense(2, activation=None, name="bottleneck")(h)
h = layers.Dense(32, activation="relu")(code)
h = layers.Dense(128, activation="relu")(h)
reconstruction = layers.Dense(64, activation="sigmoid")(h)

autoencoder = keras.Model(inputs, reconstruction)
encoder = keras.Model(inputs, code)
autoencoder.compile(optimizer="adam", loss="mse")
autoencoder.fit(x, x, epochs=200, batch_size=64, validation_split=0.1, verbose=0)

embedding = encoder.predict(x)
centroids = np.stack([embedding[digits.target == d].mean(axis=0) for d in range(10)])
print(np.round(centroids, 2))
