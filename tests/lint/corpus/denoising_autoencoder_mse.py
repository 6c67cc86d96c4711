"""Denoising dense autoencoder on Fashion-MNIST: sigmoid output under MSE, noisy inputs clipped."""

import numpy as np
import tensorflow as tf
from tensorflow.keras import layers, losses
from tensorflow.keras.datasets import fashion_mnist
from tensorflow.keras.models import Model

(x_train, _), (x_test, _) = fashion_mnist.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0

noise_factor = 0.2
x_train_noisy = x_train + noise_factor * tf.random.normal(shape=x_train.shape)
x_test_noisy = x_test + noise_factor * tf.random.normal(shape=x_test.shape)
x_train_noisy = tf.clip_by_value(x_train_noisy, clip_value_min=0.0, clip_value_max=1.0)
x_test_noisy = tf.clip_by_value(x_test_noisy, clip_value_min=0.0, clip_value_max=1.0)


class Denoise(Model):
    def __init__(self, latent_dim=64):
        super().__init__()
        self.encoder = tf.keras.Sequential(
            [
                layers.Flatten(),
                layers.Dense(256, activation="relu"),
                layers.Dense(latent_dim, activation="relu"),
            ]
        )
        self.decoder = tf.keras.Sequential(
            [
                layers.Dense(256, activation="relu"),
                layers.Dense(784, activation="sigmoid"),
                layers.Reshape((28, 28)),
            ]
        )

    def call(self, x):
        return self.decoder(self.encoder(x))


autoencoder = Denoise()
autoencoder.compile(optimizer="adam", loss=losses.MeanSquaredError())
autoencoder.fit(
    x_train_noisy,
    x_train,
    epochs=10,
    shuffle=True,
    validation_data=(x_test_noisy, x_test),
)
denoised = autoencoder.predict(x_test_noisy)
print("reconstruction MSE:", float(np.mean((denoised - x_test) ** 2)))
