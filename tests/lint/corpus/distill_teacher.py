"""The teacher of distill_student.py: a CNN trained on CIFAR-10 that outputs logits."""

from tensorflow import keras
from tensorflow.keras import layers


def load_cifar10():
    (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
    return (x_train / 255.0, y_train), (x_test / 255.0, y_test)


def build_teacher(num_classes=10):
    return keras.Sequential(
        [
            keras.Input(shape=(32, 32, 3)),
            layers.Conv2D(128, 3, padding="same", activation="relu"),
            layers.Conv2D(128, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(),
            layers.Conv2D(256, 3, padding="same", activation="relu"),
            layers.GlobalAveragePooling2D(),
            layers.Dense(num_classes),
        ],
        name="teacher",
    )


if __name__ == "__main__":
    (x_train, y_train), (x_test, y_test) = load_cifar10()
    teacher = build_teacher()
    teacher.compile(
        optimizer=keras.optimizers.Adam(1e-3),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    teacher.fit(x_train, y_train, epochs=40, batch_size=128, validation_data=(x_test, y_test))
    teacher.save("teacher.keras")
