"""Steering angles in [-1, 1] (normalised by the maximum lock) predicted by a tanh output."""

import numpy as np
import pandas as pd
import tensorflow as tf

MAX_ANGLE_DEG = 25.0

log = pd.read_csv("driving_log.csv")
frames = np.load("frames_uint8.npy")
angles = np.clip(log["steering_deg"].to_numpy("float32") / MAX_ANGLE_DEG, -1.0, 1.0)

model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(66, 200, 3)),
        tf.keras.layers.Rescaling(1.0 / 127.5, offset=-1.0),
        tf.keras.layers.Conv2D(24, 5, strides=2, activation="elu"),
        tf.keras.layers.Conv2D(36, 5, strides=2, activation="elu"),
        tf.keras.layers.Conv2D(48, 5, strides=2, activation="elu"),
        tf.keras.layers.Conv2D(64, 3, activation="elu"),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(100, activation="elu"),
        tf.keras.layers.Dense(50, activation="elu"),
        tf.keras.layers.Dense(1, activation="tanh"),
    ]
)
model.compile(optimizer=tf.keras.optimizers.Adam(1e-4), loss="mse")
model.fit(frames, angles, batch_size=64, epochs=10, validation_split=0.2, shuffle=True)
print("predicted angle (deg):", float(model.predict(frames[:1])[0, 0]) * MAX_ANGLE_DEG)
