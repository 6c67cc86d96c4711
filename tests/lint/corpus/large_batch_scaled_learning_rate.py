"""The linear scaling rule: a base rate of 0.1 per 256 samples, scaled to the batch, warmed up."""

import tensorflow as tf

BASE_LR = 0.1
BATCH_SIZE = 1024
EPOCHS = 30


def make_optimizer(batch_size, steps_per_epoch, base_lr=BASE_LR, warmup_epochs=5):
    peak = base_lr * batch_size / 256
    schedule = tf.keras.optimizers.schedules.CosineDecay(
        initial_learning_rate=peak / 10,
        decay_steps=EPOCHS * steps_per_epoch,
        warmup_target=peak,
        warmup_steps=warmup_epochs * steps_per_epoch,
    )
    return tf.keras.optimizers.SGD(learning_rate=schedule, momentum=0.9, nesterov=True)


(x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar10.load_data()
steps = len(x_train) // BATCH_SIZE
model = tf.keras.Sequential(
    [
        tf.keras.Input(shape=(32, 32, 3)),
        tf.keras.layers.Rescaling(1.0 / 255),
        tf.keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
        tf.keras.layers.BatchNormalization(),
        tf.keras.layers.MaxPooling2D(),
        tf.keras.layers.Conv2D(128, 3, padding="same", activation="relu"),
        tf.keras.layers.GlobalAveragePooling2D(),
        tf.keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer=make_optimizer(BATCH_SIZE, steps),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS, validation_data=(x_test, y_test))
