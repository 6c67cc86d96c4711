import numpy as np
from tensorflow import keras


class FraudDetector:
    n_outputs = 1

    def __init__(self, n_features):
        self.model = keras.Sequential([
            keras.layers.Input(shape=(n_features,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.BatchNormalization(),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(self.n_outputs, activation="softmax"),
        ])
        self.model.compile(optimizer="adam", loss="binary_crossentropy",
                           metrics=[keras.metrics.Recall(), keras.metrics.Precision()])

    def fit(self, x, y, class_weight=None):
        return self.model.fit(x, y, epochs=20, batch_size=2048, class_weight=class_weight,
                              validation_split=0.2)


data = np.load("creditcard.npz")
x, y = data["x"], data["y"]
x = (x - x.mean(axis=0)) / x.std(axis=0)
detector = FraudDetector(x.shape[1])
detector.fit(x, y, class_weight={0: 1.0, 1: 50.0})
