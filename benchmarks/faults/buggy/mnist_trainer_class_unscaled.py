import keras
from keras import layers


class Trainer:
    def __init__(self, epochs=10, batch_size=128):
        self.epochs = epochs
        self.batch_size = batch_size
        (self.x_train, self.y_train), (self.x_test, self.y_test) = keras.datasets.mnist.load_data()
        self.model = keras.Sequential([
            keras.Input(shape=(28, 28)),
            layers.Flatten(),
            layers.Dense(128, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ])

    def run(self):
        self.model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                           metrics=["accuracy"])
        self.model.fit(self.x_train, self.y_train, epochs=self.epochs, batch_size=self.batch_size)
        return self.model.evaluate(self.x_test, self.y_test)


print(Trainer().run())
