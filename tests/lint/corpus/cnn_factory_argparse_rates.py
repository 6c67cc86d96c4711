"""A CNN factory whose learning rate, dropout and width come from argparse, with sane defaults."""

import argparse

import keras
from keras import layers


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="CIFAR-10 baseline")
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--weight-decay", type=float, default=1e-4)
    parser.add_argument("--dropout", type=float, default=0.3)
    parser.add_argument("--width", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=128)
    return parser.parse_args(argv)


def build_cnn(num_classes, width, dropout, lr, weight_decay):
    inputs = keras.Input(shape=(32, 32, 3))
    x = layers.Rescaling(1.0 / 255)(inputs)
    for multiplier in (1, 2, 4):
        x = layers.Conv2D(width * multiplier, 3, padding="same", activation="relu")(x)
        x = layers.BatchNormalization()(x)
        x = layers.MaxPooling2D()(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(dropout)(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    model = keras.Model(inputs, outputs)
    model.compile(
        optimizer=keras.optimizers.AdamW(learning_rate=lr, weight_decay=weight_decay),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def main(argv=None):
    args = parse_args(argv)
    (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
    model = build_cnn(10, args.width, args.dropout, args.lr, args.weight_decay)
    model.fit(
        x_train,
        y_train,
        epochs=args.epochs,
        batch_size=args.batch_size,
        validation_split=0.1,
    )
    print(model.evaluate(x_test, y_test, return_dict=True))


if __name__ == "__main__":
    main()
