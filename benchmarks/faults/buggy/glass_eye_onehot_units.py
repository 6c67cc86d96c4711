import numpy as np
import pandas as pd
from tensorflow import keras

glass = pd.read_csv("glass.csv")
X = glass.drop(columns="Type").to_numpy(dtype="float32")
X = (X - X.mean(axis=0)) / X.std(axis=0)
type_ids = glass["Type"].astype("category").cat.codes.to_numpy()
Y = np.eye(7)[type_ids]

model = keras.Sequential([
    keras.layers.Dense(32, activation="relu", input_shape=(X.shape[1],)),
    keras.layers.Dense(6, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(X, Y, epochs=200, batch_size=16, validation_split=0.2, verbose=0)
