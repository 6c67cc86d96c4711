"""One builder for two tasks, and a small learning-rate sweep through a training helper.

The builder is called once per head: a sigmoid unit for the binary task and a softmax for the
ten-class one, each with its matching loss.  The sweep calls the helper with sane rates only.
"""

import keras
import numpy as np
from keras import layers
from sklearn.datasets import load_breast_cancer, load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def build(n_features, units, activation, loss, learning_rate=1e-3, hidden=(64, 32)):
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for width in hidden:
        model.add(layers.Dense(width, activation="relu"))
    model.add(layers.Dense(units, activation=activation))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss=loss,
        metrics=["accuracy"],
    )
    return model


def fit_and_score(model, x, y, x_val, y_val, epochs=30):
    model.fit(x, y, epochs=epochs, batch_size=32, validation_data=(x_val, y_val), verbose=0)
    return model.evaluate(x_val, y_val, verbose=0)[1]


cancer = load_breast_cancer()
xb_train, xb_test, yb_train, yb_test = train_test_split(
    cancer.data, cancer.target, test_size=0.2, stratify=cancer.target, random_state=0
)
scaler = StandardScaler().fit(xb_train)
xb_train, xb_test = scaler.transform(xb_train), scaler.transform(xb_test)
binary = build(xb_train.shape[1], 1, "sigmoid", "binary_crossentropy")
print("binary", fit_and_score(binary, xb_train, yb_train, xb_test, yb_test))

digits = load_digits()
xd = digits.data / 16.0
xd_train, xd_test, yd_train, yd_test = train_test_split(xd, digits.target, test_size=0.2)
for rate in (3e-4, 1e-3, 3e-3):
    multi = build(64, 10, "softmax", "sparse_categorical_crossentropy", learning_rate=rate)
    print(rate, fit_and_score(multi, xd_train, yd_train, xd_test, yd_test, epochs=40))
wide = build(64, 10, "softmax", "sparse_categorical_crossentropy", 1e-2, hidden=(256,))
print("wide", fit_and_score(wide, xd_train, yd_train, xd_test, yd_test))
np.save("digits_done.npy", np.array([1]))
