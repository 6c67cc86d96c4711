import argparse

import tensorflow as tf
from tensorflow import keras


def get_model(num_classes, hidden_units=256, dropout=0.2, output_activation="sigmoid"):
    model = keras.Sequential([
        keras.layers.Flatten(input_shape=(28, 28)),
        keras.layers.Dense(hidden_units, activation="relu"),
        keras.layers.Dropout(dropout),
        keras.layers.Dense(num_classes, activation=output_activation),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=128)
    args = parser.parse_args()

    (x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
    x_train, x_test = x_train / 255.0, x_test / 255.0

    model = get_model(10)
    model.fit(x_train, y_train, epochs=args.epochs, batch_size=args.batch_size,
              validation_data=(x_test, y_test))
    model.save("fashion_mlp.keras")
    print(tf.reduce_mean(model.predict(x_test[:100])))


if __name__ == "__main__":
    main()
