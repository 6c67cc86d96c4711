import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


class DigitsExperiment:
    def __init__(self, epochs=50):
        digits = load_digits()
        x = digits.data / 16.0
        self.x_train, self.x_test, self.y_train, self.y_test = train_test_split(
            x, digits.target, test_size=0.2, random_state=0
        )
        self.epochs = epochs
        self.model = keras.Sequential([
            keras.Input(shape=(64,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        self.model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                           metrics=["accuracy"])

    def train(self):
        stop = keras.callbacks.EarlyStopping(patience=5, restore_best_weights=True)
        return self.model.fit(
            self.x_train,
            self.y_train,
            epochs=self.epochs,
            validation_split=0.2,
            callbacks=[stop],
        )

    def test(self):
        return self.model.evaluate(self.x_test, self.y_test)


exp = DigitsExperiment()
exp.train()
print(exp.test())
