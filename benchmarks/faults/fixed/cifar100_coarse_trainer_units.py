from dataclasses import dataclass

from tensorflow import keras
from tensorflow.keras import layers


@dataclass
class Config:
    epochs: int = 40
    batch_size: int = 128
    num_classes: int = 20
    learning_rate: float = 1e-3


class Trainer:
    def __init__(self, config: Config):
        self.config = config
        (x, y), (xt, yt) = keras.datasets.cifar100.load_data(label_mode="coarse")
        self.x_train, self.y_train = x / 255.0, y
        self.x_test, self.y_test = xt / 255.0, yt
        self.model = self.build_model()

    def build_model(self):
        model = keras.Sequential([
            keras.Input(shape=(32, 32, 3)),
            layers.Conv2D(64, 3, activation="relu", padding="same"),
            layers.MaxPooling2D(),
            layers.Conv2D(128, 3, activation="relu", padding="same"),
            layers.GlobalAveragePooling2D(),
            layers.Dense(self.config.num_classes, activation="softmax"),
        ])
        model.compile(
            optimizer=keras.optimizers.Adam(self.config.learning_rate),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        return model

    def run(self):
        return self.model.fit(self.x_train, self.y_train, epochs=self.config.epochs,
                              batch_size=self.config.batch_size,
                              validation_data=(self.x_test, self.y_test))


Trainer(Config()).run()
