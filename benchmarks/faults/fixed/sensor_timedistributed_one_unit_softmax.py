import numpy as np
import tensorflow as tf

# 0/1 anomaly flag for every time step of a sensor window
windows = np.load("sensor_windows.npy")          # (n, 120, 6)
flags = np.load("sensor_flags.npy")[..., None]   # (n, 120, 1)
windows = (windows - windows.mean(axis=(0, 1))) / windows.std(axis=(0, 1))

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(120, 6)),
    tf.keras.layers.LSTM(64, return_sequences=True),
    tf.keras.layers.TimeDistributed(tf.keras.layers.Dense(32, activation="relu")),
    tf.keras.layers.TimeDistributed(tf.keras.layers.Dense(1, activation="sigmoid")),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(windows, flags, epochs=20, batch_size=64, validation_split=0.2)
