"""A trainer class owning the model, the optimizer and the loss, with a custom training step."""

import tensorflow as tf


class Trainer:
    def __init__(self, num_classes=10, learning_rate=1e-3):
        self.model = tf.keras.Sequential(
            [
                tf.keras.Input(shape=(28, 28)),
                tf.keras.layers.Flatten(),
                tf.keras.layers.Dense(256, activation="relu"),
                tf.keras.layers.Dense(num_classes),
            ]
        )
        self.optimizer = tf.keras.optimizers.Adam(learning_rate=learning_rate)
        self.loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        self.accuracy = tf.keras.metrics.SparseCategoricalAccuracy()

    @tf.function
    def train_step(self, images, labels):
        with tf.GradientTape() as tape:
            logits = self.model(images, training=True)
            loss = self.loss_fn(labels, logits)
        grads = tape.gradient(loss, self.model.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.model.trainable_variables, strict=True))
        self.accuracy.update_state(labels, logits)
        return loss

    def fit(self, dataset, epochs=5):
        for epoch in range(epochs):
            self.accuracy.reset_state()
            for images, labels in dataset:
                loss = self.train_step(images, labels)
            accuracy = float(self.accuracy.result())
            print(f"epoch {epoch}: loss {float(loss):.4f} accuracy {accuracy:.4f}")


(x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
train_ds = (
    tf.data.Dataset.from_tensor_slices((x_train.astype("float32") / 255.0, y_train))
    .shuffle(60_000)
    .batch(128)
)
Trainer().fit(train_ds)
