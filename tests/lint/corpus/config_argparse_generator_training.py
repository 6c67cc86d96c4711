"""A command-line trainer: argparse defaults, a config dict, conv blocks built in a loop over
literal widths, and a Python generator that yields scaled batches.

Every setting is sane: Adam at 1e-3, blocks that end in global pooling before the Dense head,
and pixels divided by 255 inside the generator.
"""

import argparse

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

CONFIG = {
    "filters": (32, 64, 128),
    "dropout": 0.3,
    "classes": 10,
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=20)
    return parser.parse_args()


def batches(images, labels, batch_size):
    while True:
        order = np.random.permutation(len(images))
        for start in range(0, len(order) - batch_size + 1, batch_size):
            chosen = order[start : start + batch_size]
            yield images[chosen].astype("float32") / 255.0, labels[chosen]


def build(cfg, learning_rate):
    inputs = keras.Input(shape=(32, 32, 3))
    x = inputs
    for filters in cfg["filters"]:
        x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
        x = layers.BatchNormalization()(x)
        x = layers.MaxPooling2D()(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(cfg["dropout"])(x)
    outputs = layers.Dense(cfg["classes"], activation="softmax")(x)
    model = keras.Model(inputs, outputs)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def main():
    args = parse_args()
    (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
    model = build(CONFIG, args.learning_rate)
    model.fit(
        batches(x_train, y_train, args.batch_size),
        steps_per_epoch=len(x_train) // args.batch_size,
        epochs=args.epochs,
        validation_data=(x_test / 255.0, y_test),
    )
    print(model.evaluate(x_test / 255.0, y_test, verbose=0))


if __name__ == "__main__":
    main()
