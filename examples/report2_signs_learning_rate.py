"""Hand signs with a three-layer network: accuracy stuck at 1/6 and the cost stuck near 1.9.

A real report, re-created with Keras: the SIGNS dataset of the deeplearning.ai course (64x64 RGB
pictures of hands showing 0 to 5 fingers), a LINEAR->RELU->LINEAR->RELU->LINEAR->SOFTMAX network
and Adam.  "When I raise the learning rate, the cost stays around 1.9 and the accuracy at
0.1666667 ... it happens more often the higher the learning rate; at 0.0001 it does not happen."

At learning_rate=1.0 the first Adam steps move every weight by about 1.0: the ReLU units die and
the network gives the same answer for every picture (accuracy 1/6, and a cost that cannot drop
below ln(6) = 1.79 on these six balanced classes).  LRC301 flags the rate.
The repaired program is report2_signs_learning_rate_fixed.py.
"""

import h5py
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers


def load_signs(path, split):
    with h5py.File(path, "r") as data:
        images = np.array(data[f"{split}_set_x"][:])
        labels = np.array(data[f"{split}_set_y"][:])
    return images, labels


x_train, y_train = load_signs("datasets/train_signs.h5", "train")
x_test, y_test = load_signs("datasets/test_signs.h5", "test")

# Flatten the 64x64x3 pictures into 12288 features in [0, 1]; one-hot encode the 6 classes.
x_train = x_train.reshape(x_train.shape[0], -1) / 255.0
x_test = x_test.reshape(x_test.shape[0], -1) / 255.0
y_train = keras.utils.to_categorical(y_train, 6)
y_test = keras.utils.to_categorical(y_test, 6)

model = keras.Sequential(
    [
        keras.Input(shape=(12288,)),
        layers.Dense(25, activation="relu"),
        layers.Dense(12, activation="relu"),
        layers.Dense(6, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1.0),  # lrcheck: LRC301 expected
    loss="categorical_crossentropy",
    metrics=["accuracy"],
)
history = model.fit(
    x_train,
    y_train,
    epochs=1500,
    batch_size=32,
    validation_data=(x_test, y_test),
    verbose=0,
)
print("Train accuracy:", history.history["accuracy"][-1])
print("Test accuracy:", model.evaluate(x_test, y_test, verbose=0)[1])
