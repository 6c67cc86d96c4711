"""Fashion-MNIST, softmax applied twice: once by the model, again by the loss and by hand.

The TensorFlow "basic classification" tutorial ends the model with a linear `Dense(10)`, passes
`from_logits=True` to the loss and applies softmax to the predictions.  Adding
activation="softmax" to the last layer while keeping the rest makes softmax run twice:
- in the loss (LRC104): the loss squashes probabilities that are already squashed, so its
  gradient is weak and training slows down;
- on the predictions (LRC109): the "probabilities" printed are squashed twice and never exceed
  e / (e + 9) = 0.23, however confident the model is.
The repair is fashion_mnist_double_softmax_fixed.py (linear output, as in the tutorial).
"""

import numpy as np
import tensorflow as tf
from tensorflow import keras

class_names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]  # fmt: skip

(train_images, train_labels), (test_images, test_labels) = (
    keras.datasets.fashion_mnist.load_data()
)
train_images = train_images / 255.0
test_images = test_images / 255.0

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),  # lrcheck: LRC104 expected
    metrics=["accuracy"],
)
model.fit(train_images, train_labels, epochs=10)

test_loss, test_acc = model.evaluate(test_images, test_labels, verbose=2)
print("Test accuracy:", test_acc)

probabilities = tf.nn.softmax(model.predict(test_images))  # lrcheck: LRC109 expected
first = probabilities[0]
print(class_names[np.argmax(first)], float(np.max(first)))
