"""Penguin species: LabelEncoder ids under the sparse loss, decoded back with argmax per row."""

import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder, StandardScaler

FEATURES = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]

penguins = pd.read_csv("penguins.csv").dropna(subset=[*FEATURES, "species"])
encoder = LabelEncoder()
y = encoder.fit_transform(penguins["species"])
x = penguins[FEATURES].to_numpy(dtype="float32")
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, stratify=y, random_state=0)
scaler = StandardScaler().fit(x_train)

model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(len(FEATURES),)),
        tf.keras.layers.Dense(32, activation="relu"),
        tf.keras.layers.Dense(len(encoder.classes_), activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(scaler.transform(x_train), y_train, epochs=100, batch_size=16, verbose=0)

probabilities = model.predict(scaler.transform(x_test))
predicted = encoder.inverse_transform(np.argmax(probabilities, axis=1))
print(pd.crosstab(encoder.inverse_transform(y_test), predicted))
