"""Diabetes progression: features and target standardised, a linear head, predictions unscaled."""

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

x, y = load_diabetes(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.25, random_state=0)
x_scaler = StandardScaler().fit(x_train)
y_mean, y_std = y_train.mean(), y_train.std()

model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(10,)),
        tf.keras.layers.Dense(32, activation="relu"),
        tf.keras.layers.Dense(16, activation="relu"),
        tf.keras.layers.Dense(1),
    ]
)
model.compile(optimizer=tf.keras.optimizers.Adam(1e-3), loss="huber", metrics=["mae"])
model.fit(x_scaler.transform(x_train), (y_train - y_mean) / y_std, epochs=200, verbose=0)
predicted = model.predict(x_scaler.transform(x_test)).ravel() * y_std + y_mean
print("RMSE:", float(np.sqrt(np.mean((predicted - y_test) ** 2))))
