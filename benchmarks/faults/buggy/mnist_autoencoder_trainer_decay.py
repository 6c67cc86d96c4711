import keras
import numpy as np
from keras import layers


class AutoencoderTrainer:
    def __init__(self, code_size=32):
        self.encoder = keras.Sequential([
            keras.Input(shape=(784,)),
            layers.Dense(128, activation="relu"),
            layers.Dense(code_size, activation="relu"),
        ])
        self.decoder = keras.Sequential([
            keras.Input(shape=(code_size,)),
            layers.Dense(128, activation="relu"),
            layers.Dense(784, activation="sigmoid"),
        ])
        self.autoencoder = keras.Sequential([self.encoder, self.decoder])
        self.optimizer = keras.optimizers.Adam(learning_rate=1e-3, decay=1e-5)
        self.autoencoder.compile(optimizer=self.optimizer, loss="binary_crossentropy")

    def train(self, x, epochs=30):
        self.autoencoder.fit(x, x, epochs=epochs, batch_size=256, shuffle=True)


(x_train, _), (x_test, _) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
trainer = AutoencoderTrainer()
trainer.train(x_train)
np.save("codes.npy", trainer.encoder.predict(x_test.reshape(-1, 784) / 255.0))
