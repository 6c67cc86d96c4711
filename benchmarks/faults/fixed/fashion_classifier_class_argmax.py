import numpy as np
import tensorflow as tf


class FashionClassifier:
    def __init__(self):
        self.model = tf.keras.Sequential([
            tf.keras.layers.Input(shape=(28, 28)),
            tf.keras.layers.Flatten(),
            tf.keras.layers.Dense(256, activation="relu"),
            tf.keras.layers.Dense(10, activation="softmax"),
        ])
        self.model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                           metrics=["accuracy"])

    def fit(self, x, y, epochs=10):
        self.model.fit(x, y, epochs=epochs, batch_size=64)

    def predict_classes(self, x):
        return np.argmax(self.model.predict(x), axis=1)


(x_train, y_train), (x_test, y_test) = tf.keras.datasets.fashion_mnist.load_data()
clf = FashionClassifier()
clf.fit(x_train / 255.0, y_train)
predicted = clf.predict_classes(x_test / 255.0)
print((predicted == y_test).mean())
