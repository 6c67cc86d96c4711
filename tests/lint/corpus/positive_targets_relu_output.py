"""Taxi trip durations (log minutes, always positive) regressed with a ReLU output and MAE."""

import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split

trips = pd.read_csv("taxi_trips.csv")
features = trips[["distance_km", "pickup_hour", "passengers", "weekday"]].to_numpy("float32")
features = (features - features.mean(axis=0)) / features.std(axis=0)
log_minutes = np.log1p(trips["duration_s"].to_numpy("float32") / 60.0)

x_train, x_val, y_train, y_val = train_test_split(features, log_minutes, test_size=0.1)
model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(4,)),
        tf.keras.layers.Dense(64, activation="relu"),
        tf.keras.layers.Dense(64, activation="relu"),
        tf.keras.layers.Dense(1, activation="relu"),
    ]
)
model.compile(optimizer="adam", loss="mae")
model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=20, batch_size=512)
minutes = np.expm1(model.predict(x_val[:5]).ravel())
print(np.round(minutes, 1))
