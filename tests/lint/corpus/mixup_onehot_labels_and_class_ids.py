"""CIFAR-10 with mixup (one-hot labels mixed between images) next to a baseline on class ids."""

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

BATCH_SIZE = 64
(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0
y_train = keras.utils.to_categorical(y_train, 10).astype("float32")
y_test = keras.utils.to_categorical(y_test, 10).astype("float32")


def sample_beta(size, alpha=0.2):
    gamma_1 = tf.random.gamma(shape=[size], alpha=alpha)
    gamma_2 = tf.random.gamma(shape=[size], alpha=alpha)
    return gamma_1 / (gamma_1 + gamma_2)


def mix_up(ds_one, ds_two, alpha=0.2):
    images_one, labels_one = ds_one
    images_two, labels_two = ds_two
    batch_size = tf.shape(images_one)[0]
    lam = sample_beta(batch_size, alpha)
    x_l = tf.reshape(lam, (batch_size, 1, 1, 1))
    y_l = tf.reshape(lam, (batch_size, 1))
    images = images_one * x_l + images_two * (1 - x_l)
    labels = labels_one * y_l + labels_two * (1 - y_l)
    return images, labels


train_one = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(1024).batch(BATCH_SIZE)
train_two = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(1024).batch(BATCH_SIZE)
train_mixed = tf.data.Dataset.zip((train_one, train_two)).map(mix_up)
test_ds = tf.data.Dataset.from_tensor_slices((x_test, y_test)).batch(BATCH_SIZE)


def get_model():
    return keras.Sequential(
        [
            keras.Input(shape=(32, 32, 3)),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Conv2D(64, 3, activation="relu"),
            layers.GlobalAveragePooling2D(),
            layers.Dense(10, activation="softmax"),
        ]
    )


mixup_model = get_model()
mixup_model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
mixup_model.fit(train_mixed, validation_data=test_ds, epochs=10)

# The baseline trains on plain class ids.
y_train_ids = np.argmax(y_train, axis=1)
y_test_ids = np.argmax(y_test, axis=1)
baseline = get_model()
baseline.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
baseline.fit(
    x_train, y_train_ids, batch_size=BATCH_SIZE, epochs=10, validation_data=(x_test, y_test_ids)
)
