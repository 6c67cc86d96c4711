"""Class labels made by encoders and toy generators, each with the head that fits it.

A LabelEncoder fitted on the known species and a softmax sized from its classes, blobs with
four centres under sparse cross-entropy, np.eye one-hot rows under categorical cross-entropy,
two moons on one sigmoid unit, and a multi-label 0/1 matrix on independent sigmoids.
"""

import numpy as np
import pandas as pd
from sklearn.datasets import make_blobs, make_moons
from sklearn.preprocessing import LabelEncoder, OneHotEncoder, StandardScaler
from tensorflow import keras
from tensorflow.keras import layers

SPECIES = ["Adelie", "Chinstrap", "Gentoo"]

penguins = pd.read_csv("penguins.csv").dropna()
features = StandardScaler().fit_transform(penguins[["bill_length_mm", "flipper_length_mm"]])
encoder = LabelEncoder().fit(SPECIES)
species = keras.utils.to_categorical(encoder.transform(penguins["species"]))
species_model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        layers.Dense(16, activation="relu"),
        layers.Dense(len(encoder.classes_), activation="softmax"),
    ]
)
species_model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
species_model.fit(features, species, epochs=50, validation_split=0.2)

islands = OneHotEncoder(sparse_output=False).fit_transform(penguins[["island"]])
island_model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        layers.Dense(8, activation="relu"),
        layers.Dense(3, activation="softmax"),
    ]
)
island_model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
island_model.fit(features, islands, epochs=30)

points, centre = make_blobs(n_samples=1000, centers=4, n_features=2, random_state=0)
blob_model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        layers.Dense(16, activation="relu"),
        layers.Dense(4, activation="softmax"),
    ]
)
blob_model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
blob_model.fit(points, centre, epochs=20)

one_hot_model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        layers.Dense(16, activation="relu"),
        layers.Dense(4, activation="softmax"),
    ]
)
one_hot_model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
one_hot_model.fit(points, np.eye(4)[centre], epochs=5)

moons, side = make_moons(n_samples=500, noise=0.2, random_state=0)
moon_model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        layers.Dense(16, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ]
)
moon_model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
moon_model.fit(moons, side, epochs=50)

rng = np.random.default_rng(0)
signals = rng.normal(size=(800, 12))
tags = np.random.randint(0, 2, size=(800, 5))
tag_model = keras.Sequential(
    [
        keras.Input(shape=(12,)),
        layers.Dense(32, activation="relu"),
        layers.Dense(5, activation="sigmoid"),
    ]
)
tag_model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["binary_accuracy"])
tag_model.fit(signals, tags, epochs=10)

visits = np.random.randint(0, 30, size=800)  # counts, not classes
count_model = keras.Sequential(
    [keras.Input(shape=(12,)), layers.Dense(32, activation="relu"), layers.Dense(1)]
)
count_model.compile(optimizer="adam", loss="mse")
count_model.fit(signals, visits, epochs=10)
