"""One factory, three calls: a binary sigmoid head, a five-class softmax head and a linear
regression head, each compiled with the loss that suits it."""

import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler
from tensorflow import keras

frame = pd.read_csv("customers.csv")
x = StandardScaler().fit_transform(frame.drop(columns=["churned", "segment", "spend"]))
churned = frame["churned"].to_numpy("float32")
segment = frame["segment"].to_numpy("int64")  # 0..4
spend = np.log1p(frame["spend"].to_numpy("float32"))


def build(n_outputs, activation, loss, metrics, learning_rate=1e-3):
    model = keras.Sequential(
        [
            keras.Input(shape=(x.shape[1],)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(n_outputs, activation=activation),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss=loss, metrics=metrics)
    return model


churn_model = build(1, "sigmoid", "binary_crossentropy", ["accuracy"])
churn_model.fit(x, churned, epochs=20, validation_split=0.2, verbose=0)

segment_model = build(5, "softmax", "sparse_categorical_crossentropy", ["accuracy"])
segment_model.fit(x, segment, epochs=20, validation_split=0.2, verbose=0)

spend_model = build(1, None, "mse", ["mae"], learning_rate=3e-4)
spend_model.fit(x, spend, epochs=20, validation_split=0.2, verbose=0)
