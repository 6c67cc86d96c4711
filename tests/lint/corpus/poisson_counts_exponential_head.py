"""Bike rentals per hour (counts): an exponential output under the Poisson loss, plus a softplus
variant under MSE, both non-negative like the targets."""

import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler

hours = pd.read_csv("bike_sharing_hour.csv")
numeric = hours[["temp", "atemp", "hum", "windspeed"]].to_numpy("float32")
calendar = OneHotEncoder(sparse_output=False).fit_transform(hours[["hr", "weekday", "season"]])
x = tf.concat([StandardScaler().fit_transform(numeric), calendar], axis=1).numpy()
counts = hours["cnt"].to_numpy("float32")
x_train, x_test, y_train, y_test = train_test_split(x, counts, test_size=0.2, random_state=0)


def count_model(activation):
    return tf.keras.Sequential(
        [
            tf.keras.Input(shape=(x.shape[1],)),
            tf.keras.layers.Dense(64, activation="relu"),
            tf.keras.layers.Dense(1, activation=activation),
        ]
    )


poisson = count_model("exponential")
poisson.compile(optimizer="adam", loss="poisson", metrics=["mae"])
poisson.fit(x_train, y_train, epochs=30, batch_size=256, validation_data=(x_test, y_test))

softplus = count_model("softplus")
softplus.compile(optimizer="adam", loss="mse", metrics=["mae"])
softplus.fit(x_train, y_train, epochs=30, batch_size=256, validation_data=(x_test, y_test))
