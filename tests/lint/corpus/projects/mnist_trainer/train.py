import config
from data import load_mnist
from model import build_model
from tensorflow import keras


def main():
    (x_train, y_train), (x_test, y_test) = load_mnist()
    model = build_model()
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=config.LEARNING_RATE),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(
        x_train,
        y_train,
        batch_size=config.BATCH_SIZE,
        epochs=config.EPOCHS,
        validation_split=config.VALIDATION_SPLIT,
    )
    print(model.evaluate(x_test, y_test, verbose=0))


if __name__ == "__main__":
    main()
