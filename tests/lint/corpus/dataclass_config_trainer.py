"""A trainer configured by a dataclass: CIFAR-100 fine labels, 100 output units, AdamW."""

from dataclasses import dataclass

from tensorflow import keras
from tensorflow.keras import layers


@dataclass(frozen=True)
class TrainConfig:
    num_classes: int = 100
    learning_rate: float = 2e-3
    weight_decay: float = 5e-4
    epochs: int = 50
    batch_size: int = 128
    label_smoothing: float = 0.1


class Cifar100Trainer:
    def __init__(self, config: TrainConfig):
        self.config = config
        (x, y), (xt, yt) = keras.datasets.cifar100.load_data(label_mode="fine")
        self.x_train, self.y_train = x, keras.utils.to_categorical(y, config.num_classes)
        self.x_test, self.y_test = xt, keras.utils.to_categorical(yt, config.num_classes)
        self.model = self.build()

    def build(self):
        model = keras.Sequential(
            [
                keras.Input(shape=(32, 32, 3)),
                layers.Rescaling(1.0 / 255),
                layers.Conv2D(64, 3, padding="same", activation="relu"),
                layers.BatchNormalization(),
                layers.MaxPooling2D(),
                layers.Conv2D(128, 3, padding="same", activation="relu"),
                layers.BatchNormalization(),
                layers.GlobalAveragePooling2D(),
                layers.Dense(self.config.num_classes, activation="softmax"),
            ]
        )
        model.compile(
            optimizer=keras.optimizers.AdamW(
                learning_rate=self.config.learning_rate, weight_decay=self.config.weight_decay
            ),
            loss=keras.losses.CategoricalCrossentropy(label_smoothing=self.config.label_smoothing),
            metrics=["accuracy"],
        )
        return model

    def train(self):
        return self.model.fit(
            self.x_train,
            self.y_train,
            epochs=self.config.epochs,
            batch_size=self.config.batch_size,
            validation_data=(self.x_test, self.y_test),
        )


if __name__ == "__main__":
    Cifar100Trainer(TrainConfig()).train()
