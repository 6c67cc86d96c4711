"""Tabular multi-class data: a ColumnTransformer for the features, OneHotEncoder for the target."""

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from tensorflow import keras

frame = pd.read_csv("covertype_sample.csv")
numeric = ["elevation", "aspect", "slope", "horizontal_distance_to_hydrology"]
categorical = ["wilderness_area", "soil_type"]

features = ColumnTransformer(
    [
        ("num", StandardScaler(), numeric),
        ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical),
    ]
)
target_encoder = OneHotEncoder(sparse_output=False)
x = features.fit_transform(frame[numeric + categorical])
y = target_encoder.fit_transform(frame[["cover_type"]])
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=1)

model = keras.Sequential(
    [
        keras.Input(shape=(x.shape[1],)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(y.shape[1], activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=30, batch_size=256, validation_data=(x_test, y_test))
