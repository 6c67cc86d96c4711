"""A custom Loss subclass: mean squared error weighted per output, for a multi-target regression."""

import numpy as np
import tensorflow as tf


class WeightedMSE(tf.keras.losses.Loss):
    def __init__(self, weights, name="weighted_mse"):
        super().__init__(name=name)
        self.weights = tf.constant(weights, dtype=tf.float32)

    def call(self, y_true, y_pred):
        return tf.reduce_mean(self.weights * tf.square(y_true - y_pred), axis=-1)

    def get_config(self):
        return {"weights": self.weights.numpy().tolist(), "name": self.name}


x = np.load("sensor_features.npy").astype("float32")
y = np.load("targets_three.npy").astype("float32")  # temperature, pressure, humidity
x_mean, x_std = x.mean(axis=0), x.std(axis=0)
y_mean, y_std = y.mean(axis=0), y.std(axis=0)

model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(x.shape[1],)),
        tf.keras.layers.Dense(128, activation="relu"),
        tf.keras.layers.Dense(3),
    ]
)
model.compile(optimizer="adam", loss=WeightedMSE([1.0, 0.5, 2.0]))
model.fit((x - x_mean) / x_std, (y - y_mean) / y_std, epochs=50, batch_size=64)
