"""A CNN without Flatten, and predictions reduced to a single number.

- The Dense head is applied to the 5x5x64 feature maps of the last pooling layer (LRC402): it
  classifies each of the 25 positions separately, so the model outputs (batch, 5, 5, 10) where
  the labels are one class per image, and `fit` stops with a shape error.  Flatten (or
  GlobalAveragePooling2D) belongs in between.
- `np.argmax(predictions)` without `axis` (LRC404) flattens the (10000, 10) array and returns one
  index for the whole test set instead of one class per image.
The repair is mnist_cnn_missing_flatten_fixed.py.
"""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = np.expand_dims(x_train, -1).astype("float32") / 255.0
x_test = np.expand_dims(x_test, -1).astype("float32") / 255.0

model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Dense(10, activation="softmax"),  # lrcheck: LRC402 expected
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=128, epochs=5, validation_split=0.1)

predictions = model.predict(x_test)
predicted_classes = np.argmax(predictions)  # lrcheck: LRC404 expected
print("accuracy:", np.mean(predicted_classes == y_test))
