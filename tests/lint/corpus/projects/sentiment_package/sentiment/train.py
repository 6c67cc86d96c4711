"""python -m sentiment.train"""

from . import build_classifier
from .data import load


def main():
    (x_train, y_train), (x_test, y_test) = load()
    model = build_classifier()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=3, batch_size=64, validation_data=(x_test, y_test))


if __name__ == "__main__":
    main()
