#!/usr/bin/env python
"""Binary classifier for the Wisconsin breast cancer data."""
import argparse

from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--lr", type=float, default=1.0, help="learning rate")
    p.add_argument("--epochs", type=int, default=50)
    p.add_argument("--units", type=int, default=32)
    return p.parse_args()


def main():
    args = parse_args()
    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=1)
    scaler = StandardScaler()
    X_train = scaler.fit_transform(X_train)
    X_test = scaler.transform(X_test)

    model = keras.models.Sequential([
        keras.layers.Dense(args.units, activation="relu", input_shape=(X.shape[1],)),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=args.lr),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(X_train, y_train, epochs=args.epochs, validation_split=0.1)
    print(model.evaluate(X_test, y_test))


if __name__ == "__main__":
    main()
