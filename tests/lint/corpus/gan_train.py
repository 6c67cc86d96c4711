"""Trains the DCGAN of gan_models.py on MNIST scaled to [-1, 1], the generator's tanh range."""

import numpy as np
import tensorflow as tf
from gan_models import LATENT_DIM, build_discriminator, build_generator
from tensorflow import keras

(x_train, _), _ = keras.datasets.mnist.load_data()
x_train = (x_train.astype("float32") - 127.5) / 127.5
x_train = x_train[..., np.newaxis]
dataset = tf.data.Dataset.from_tensor_slices(x_train)
dataset = dataset.shuffle(60_000).batch(256, drop_remainder=True)

generator = build_generator()
discriminator = build_discriminator()
discriminator.compile(
    optimizer=keras.optimizers.Adam(2e-4, beta_1=0.5),
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
)

discriminator.trainable = False
noise = keras.Input(shape=(LATENT_DIM,))
gan = keras.Model(noise, discriminator(generator(noise)), name="gan")
gan.compile(
    optimizer=keras.optimizers.Adam(2e-4, beta_1=0.5),
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
)

for _epoch in range(50):
    for real in dataset:
        batch = real.shape[0]
        fake = generator.predict(np.random.normal(size=(batch, LATENT_DIM)), verbose=0)
        discriminator.train_on_batch(real, np.ones((batch, 1)))
        discriminator.train_on_batch(fake, np.zeros((batch, 1)))
        gan.train_on_batch(np.random.normal(size=(batch, LATENT_DIM)), np.ones((batch, 1)))
generator.save("generator.keras")
