"""A class-based trainer: the model lives on ``self.model``, settings on the instance.

Fashion-MNIST pixels are scaled in ``load``; the learning rate is a class attribute a subclass
lowers for fine-tuning.
"""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers


class FashionTrainer:
    learning_rate = 1e-3
    epochs = 15

    def __init__(self, num_classes=10, hidden=256):
        self.num_classes = num_classes
        self.hidden = hidden
        self.model = None
        self.history = None

    def load(self):
        (x, y), (xt, yt) = keras.datasets.fashion_mnist.load_data()
        self.x_train, self.y_train = x.astype("float32") / 255.0, y
        self.x_test, self.y_test = xt.astype("float32") / 255.0, yt

    def build(self):
        self.model = keras.Sequential(
            [
                keras.Input(shape=(28, 28)),
                layers.Flatten(),
                layers.Dense(self.hidden, activation="relu"),
                layers.Dropout(0.2),
                layers.Dense(self.num_classes, activation="softmax"),
            ]
        )
        self.model.compile(
            optimizer=keras.optimizers.Adam(self.learning_rate),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )

    def train(self):
        self.history = self.model.fit(
            self.x_train,
            self.y_train,
            epochs=self.epochs,
            batch_size=128,
            validation_data=(self.x_test, self.y_test),
        )
        return self

    def accuracy(self):
        probabilities = self.model.predict(self.x_test)
        return float(np.mean(np.argmax(probabilities, axis=1) == self.y_test))


class FineTuner(FashionTrainer):
    learning_rate = 1e-4
    epochs = 5


trainer = FashionTrainer()
trainer.load()
trainer.build()
print(trainer.train().accuracy())
tuner = FineTuner(hidden=512)
tuner.load()
tuner.build()
print(tuner.train().accuracy())
