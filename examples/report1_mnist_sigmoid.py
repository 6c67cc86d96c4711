"""MNIST with a single Dense layer: the loss sits in the hundreds and grows with the learning rate.

A real report: "I'm training a simple neural network with a single Dense layer on the MNIST
dataset ... From my understanding the decrease in the loss should be proportional to the learning
rate, not the loss itself."  With SGD(0.01) the loss hovers around 240; with 0.03 around 700.

Two mistakes hide behind the 88% accuracy, and `lrcheck` finds both before anything runs:
- a sigmoid output under categorical cross-entropy (LRC101): ten independent sigmoids are not a
  probability distribution over ten classes;
- raw 0-255 pixels (LRC201): the first layer's pre-activations are hundreds of times too large,
  so the loss (and its gradient) scales with whatever the learning rate does to the weights.

The repaired program is report1_mnist_sigmoid_fixed.py.
"""

import tensorflow as tf
from tensorflow.keras.datasets import mnist
from tensorflow.keras.layers import Dense, Flatten, Input
from tensorflow.keras.models import Sequential
from tensorflow.keras.utils import to_categorical

(x_train, y_train), (x_test, y_test) = mnist.load_data()
y_train = to_categorical(y_train, 10)
y_test = to_categorical(y_test, 10)

model = Sequential()
model.add(Input(shape=(28, 28)))
model.add(Flatten())
model.add(Dense(10, activation="sigmoid"))  # lrcheck: LRC101 expected

model.compile(
    optimizer=tf.keras.optimizers.SGD(learning_rate=0.01),
    loss="categorical_crossentropy",
    metrics=["accuracy"],
)

history = model.fit(
    x_train,  # lrcheck: LRC201 expected
    y_train,
    validation_data=(x_test, y_test),
    batch_size=32,
    epochs=10,
)
