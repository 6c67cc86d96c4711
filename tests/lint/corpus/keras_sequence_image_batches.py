"""A keras.utils.PyDataset that reads image files and scales each batch to [0, 1] itself."""

import math

import numpy as np
import pandas as pd
from keras import Input, Sequential, layers, utils
from PIL import Image


class ImageBatches(utils.PyDataset):
    def __init__(self, frame, batch_size=32, size=(128, 128), shuffle=True, **kwargs):
        super().__init__(**kwargs)
        self.paths = frame["path"].to_numpy()
        self.labels = frame["label"].to_numpy()
        self.batch_size = batch_size
        self.size = size
        self.shuffle = shuffle
        self.order = np.arange(len(self.paths))

    def __len__(self):
        return math.ceil(len(self.paths) / self.batch_size)

    def __getitem__(self, index):
        rows = self.order[index * self.batch_size : (index + 1) * self.batch_size]
        images = [
            np.asarray(Image.open(p).convert("RGB").resize(self.size)) for p in self.paths[rows]
        ]
        return np.stack(images).astype("float32") / 255.0, self.labels[rows]

    def on_epoch_end(self):
        if self.shuffle:
            np.random.shuffle(self.order)


train_frame = pd.read_csv("leaves/train.csv")
val_frame = pd.read_csv("leaves/val.csv")
n_classes = train_frame["label"].nunique()

model = Sequential(
    [
        Input(shape=(128, 128, 3)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(128, 3, activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(n_classes, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(
    ImageBatches(train_frame, workers=4),
    validation_data=ImageBatches(val_frame, shuffle=False),
    epochs=25,
)
