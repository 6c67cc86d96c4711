"""Denoising 1D signals: Conv1D feature extractor, then a per-time-step Dense regression head."""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(3)
steps = 512
t = np.linspace(0.0, 1.0, steps, dtype="float32")
frequencies = rng.uniform(2.0, 20.0, size=(6000, 1)).astype("float32")
phases = rng.uniform(0.0, 2 * np.pi, size=(6000, 1)).astype("float32")
clean = np.sin(2 * np.pi * frequencies * t + phases)[..., np.newaxis]
noisy = clean + rng.normal(scale=0.3, size=clean.shape).astype("float32")

inputs = keras.Input(shape=(steps, 1))
x = layers.Conv1D(32, 9, padding="same", activation="relu")(inputs)
x = layers.Conv1D(32, 9, padding="same", activation="relu")(x)
x = layers.Conv1D(32, 9, padding="same", dilation_rate=2, activation="relu")(x)
x = layers.Dense(16, activation="relu")(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs, name="denoiser")

model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse", metrics=["mae"])
model.fit(noisy[:5000], clean[:5000], validation_data=(noisy[5000:], clean[5000:]), epochs=20)
