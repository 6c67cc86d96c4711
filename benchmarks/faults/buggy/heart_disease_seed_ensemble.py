import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("heart.csv")
X = StandardScaler().fit_transform(df.drop(columns="target").values)
y = df["target"].values
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)


def make_member(seed):
    tf.random.set_seed(seed)
    return tf.keras.Sequential([
        tf.keras.layers.Input(shape=(X.shape[1],)),
        tf.keras.layers.Dense(32, activation="relu"),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(1, activation="relu"),
    ])


ensemble = [make_member(seed) for seed in range(5)]
for member in ensemble:
    member.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    member.fit(X_train, y_train, epochs=100, batch_size=16, verbose=0)

probs = np.mean([m.predict(X_test).ravel() for m in ensemble], axis=0)
print("ensemble accuracy:", np.mean((probs > 0.5) == y_test))
