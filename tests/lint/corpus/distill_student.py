"""Distils the teacher of distill_teacher.py into a small student on softened soft targets."""

import tensorflow as tf
from distill_teacher import load_cifar10
from tensorflow import keras
from tensorflow.keras import layers

TEMPERATURE = 4.0
ALPHA = 0.3

(x_train, y_train), (x_test, y_test) = load_cifar10()
teacher = keras.models.load_model("teacher.keras")
soft_targets = tf.nn.softmax(teacher.predict(x_train, batch_size=512) / TEMPERATURE).numpy()

student = keras.Sequential(
    [
        keras.Input(shape=(32, 32, 3)),
        layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, padding="same", activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(10),
    ],
    name="student",
)


def distillation_loss(y_true, logits):
    hard, soft = y_true[:, :1], y_true[:, 1:]
    hard_loss = keras.losses.sparse_categorical_crossentropy(hard, logits, from_logits=True)
    soft_loss = keras.losses.kl_divergence(soft, tf.nn.softmax(logits / TEMPERATURE))
    return ALPHA * hard_loss + (1 - ALPHA) * soft_loss * TEMPERATURE**2


targets = tf.concat([tf.cast(y_train, tf.float32), soft_targets], axis=1)
student.compile(optimizer=keras.optimizers.Adam(1e-3), loss=distillation_loss)
student.fit(x_train, targets, epochs=30, batch_size=128)
predictions = tf.argmax(student.predict(x_test), axis=-1)
print("student accuracy:", float(tf.reduce_mean(tf.cast(predictions == y_test[:, 0], tf.float32))))
