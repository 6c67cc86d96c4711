"""An experiment class: data on self, a proper validation split, and self.model.fit on it."""

import keras
from keras import layers
from sklearn.model_selection import train_test_split


class FashionExperiment:
    def __init__(self, width=256, learning_rate=5e-4, epochs=20):
        (x, y), (self.x_test, self.y_test) = keras.datasets.fashion_mnist.load_data()
        x = x.astype("float32") / 255.0
        self.x_test = self.x_test.astype("float32") / 255.0
        self.x_train, self.x_val, self.y_train, self.y_val = train_test_split(
            x, y, test_size=10_000, stratify=y, random_state=0
        )
        self.epochs = epochs
        self.optimizer = keras.optimizers.Adam(learning_rate)
        self.model = keras.Sequential(
            [
                keras.Input(shape=(28, 28)),
                layers.Flatten(),
                layers.Dense(width, activation="relu"),
                layers.Dropout(0.3),
                layers.Dense(10, activation="softmax"),
            ]
        )
        self.model.compile(
            optimizer=self.optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"]
        )

    def run(self):
        self.model.fit(
            self.x_train,
            self.y_train,
            validation_data=(self.x_val, self.y_val),
            epochs=self.epochs,
            callbacks=[keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)],
        )
        return self.model.evaluate(self.x_test, self.y_test, return_dict=True)


if __name__ == "__main__":
    print(FashionExperiment().run())
