"""python -m sentiment.train"""
from sentiment.data import load
from sentiment.model import build_model


def main():
    (x_train, y_train), (x_test, y_test) = load()
    x_val, partial_x_train = x_train[:10000], x_train[10000:]
    y_val, partial_y_train = y_train[:10000], y_train[10000:]

    model = build_model()
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(partial_x_train, partial_y_train, epochs=40, batch_size=512,
              validation_data=(x_val, y_val), verbose=1)
    print(model.evaluate(x_test, y_test))


if __name__ == "__main__":
    main()
