import numpy as np
from sklearn.datasets import load_wine
from sklearn.preprocessing import StandardScaler
from tensorflow import keras


class WineModel:
    learning_rate = 0.01
    epochs = 150

    def __init__(self):
        self.net = keras.Sequential([
            keras.layers.Dense(32, activation="relu", input_shape=(13,)),
            keras.layers.Dense(3, activation="softmax"),
        ])
        self.optimizer = keras.optimizers.Adam(learning_rate=self.learning_rate)
        self.net.compile(optimizer=self.optimizer, loss="sparse_categorical_crossentropy",
                         metrics=["accuracy"])

    def train(self, x, y):
        return self.net.fit(x, y, epochs=self.epochs, validation_split=0.2, verbose=0)


wine = load_wine()
x = StandardScaler().fit_transform(wine.data)
m = WineModel()
hist = m.train(x, wine.target)
print(np.max(hist.history["val_accuracy"]))
