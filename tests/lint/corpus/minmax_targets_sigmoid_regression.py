"""Concrete strength regression: targets min-max scaled to [0, 1] for a sigmoid output, inverted
after prediction."""

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler, StandardScaler
from tensorflow import keras

frame = pd.read_csv("concrete.csv")
x = frame.drop(columns="strength").to_numpy("float32")
y = frame[["strength"]].to_numpy("float32")
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=2)

x_scaler = StandardScaler().fit(x_train)
y_scaler = MinMaxScaler(feature_range=(0, 1)).fit(y_train)

model = keras.Sequential(
    [
        keras.Input(shape=(x.shape[1],)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse", metrics=["mae"])
model.fit(
    x_scaler.transform(x_train),
    y_scaler.transform(y_train),
    epochs=300,
    batch_size=32,
    validation_split=0.1,
    verbose=0,
)
predicted = y_scaler.inverse_transform(model.predict(x_scaler.transform(x_test)))
print("test MAE (MPa):", float(np.mean(np.abs(predicted - y_test))))
