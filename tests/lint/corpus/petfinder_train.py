"""Adoption speed (five ordered classes) from pet photos: the backbone of petfinder_backbone.py
behind a Rescaling layer, with a softmax head; images come from image_dataset_from_directory."""

import keras
from keras import layers
from petfinder_backbone import make_backbone

IMAGE_SIZE = 160

train_ds = keras.utils.image_dataset_from_directory(
    "petfinder/train", image_size=(IMAGE_SIZE, IMAGE_SIZE), batch_size=64,
    validation_split=0.15, subset="training", seed=7,
)  # fmt: skip
val_ds = keras.utils.image_dataset_from_directory(
    "petfinder/train", image_size=(IMAGE_SIZE, IMAGE_SIZE), batch_size=64,
    validation_split=0.15, subset="validation", seed=7,
)  # fmt: skip

model = keras.Sequential(
    [
        keras.Input(shape=(IMAGE_SIZE, IMAGE_SIZE, 3)),
        layers.RandomFlip("horizontal"),
        layers.Rescaling(1.0 / 255),
        make_backbone(IMAGE_SIZE),
        layers.Dropout(0.3),
        layers.Dense(len(train_ds.class_names), activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.Adam(3e-4),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(train_ds, validation_data=val_ds, epochs=20)
