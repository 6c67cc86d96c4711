"""One-vs-rest: ten binary detectors, one per digit, each a single sigmoid on "is it digit k?"."""

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorflow import keras

digits = load_digits()
x = digits.data / 16.0
x_train, x_test, y_train, y_test = train_test_split(x, digits.target, test_size=0.3, random_state=0)


def detector():
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model


scores = []
for digit in range(10):
    model = detector()
    model.fit(x_train, (y_train == digit).astype("float32"), epochs=30, verbose=0)
    scores.append(model.predict(x_test, verbose=0)[:, 0])

predicted = np.argmax(np.stack(scores, axis=1), axis=1)
print("one-vs-rest accuracy:", np.mean(predicted == y_test))
