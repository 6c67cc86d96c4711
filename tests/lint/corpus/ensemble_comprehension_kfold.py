"""Five-fold cross-validation with an ensemble built by a comprehension in each fold."""

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_wine
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

wine = load_wine()
x, y = wine.data, wine.target


def member(seed, width=32):
    tf.keras.utils.set_random_seed(seed)
    model = tf.keras.Sequential(
        [
            tf.keras.Input(shape=(13,)),
            tf.keras.layers.Dense(width, activation="relu"),
            tf.keras.layers.Dense(3, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


fold_scores = []
for train_idx, test_idx in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(x, y):
    scaler = StandardScaler().fit(x[train_idx])
    x_fit, x_held = scaler.transform(x[train_idx]), scaler.transform(x[test_idx])
    members = [member(seed) for seed in range(3)]
    for model in members:
        model.fit(x_fit, y[train_idx], epochs=60, batch_size=16, verbose=0)
    mean_probs = np.mean([m.predict(x_held, verbose=0) for m in members], axis=0)
    fold_scores.append(np.mean(mean_probs.argmax(axis=1) == y[test_idx]))
print(f"accuracy {np.mean(fold_scores):.3f} +/- {np.std(fold_scores):.3f}")
