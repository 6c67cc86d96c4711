"""Two MNIST digits in, their sum out: labels 0-18 built from MNIST labels, a 19-way softmax."""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0

rng = np.random.default_rng(0)
train_pairs = rng.integers(0, len(x_train), size=(30000, 2))
test_pairs = rng.integers(0, len(x_test), size=(5000, 2))
left, right = x_train[train_pairs[:, 0]], x_train[train_pairs[:, 1]]
sums = y_train[train_pairs[:, 0]] + y_train[train_pairs[:, 1]]
test_left, test_right = x_test[test_pairs[:, 0]], x_test[test_pairs[:, 1]]
test_sums = y_test[test_pairs[:, 0]] + y_test[test_pairs[:, 1]]

encoder = keras.Sequential(
    [layers.Flatten(), layers.Dense(256, activation="relu"), layers.Dense(64, activation="relu")]
)
first = keras.Input((28, 28))
second = keras.Input((28, 28))
merged = layers.concatenate([encoder(first), encoder(second)])
hidden = layers.Dense(128, activation="relu")(merged)
total = layers.Dense(19, activation="softmax")(hidden)
model = keras.Model([first, second], total)

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit([left, right], sums, epochs=10, batch_size=128, validation_split=0.1)
print(model.evaluate([test_left, test_right], test_sums))
