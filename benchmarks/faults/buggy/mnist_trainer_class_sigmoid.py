import tensorflow as tf


class MnistTrainer:
    def __init__(self, hidden=128, lr=1e-3):
        self.hidden = hidden
        self.lr = lr
        self.model = self._build()

    def _build(self):
        model = tf.keras.Sequential([
            tf.keras.layers.Flatten(input_shape=(28, 28)),
            tf.keras.layers.Dense(self.hidden, activation="relu"),
            tf.keras.layers.Dense(10, activation="sigmoid"),
        ])
        model.compile(optimizer=tf.keras.optimizers.Adam(self.lr),
                      loss="categorical_crossentropy", metrics=["accuracy"])
        return model

    def load(self):
        (x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
        self.x_train, self.x_test = x_train / 255.0, x_test / 255.0
        self.y_train = tf.keras.utils.to_categorical(y_train, 10)
        self.y_test = tf.keras.utils.to_categorical(y_test, 10)

    def train(self, epochs=10):
        return self.model.fit(self.x_train, self.y_train, epochs=epochs,
                              validation_data=(self.x_test, self.y_test))


if __name__ == "__main__":
    trainer = MnistTrainer()
    trainer.load()
    trainer.train()
