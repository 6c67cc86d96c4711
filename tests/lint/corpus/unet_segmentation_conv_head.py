"""Oxford pets segmentation with a U-Net-like model: a per-pixel softmax from a Conv2D head."""

import keras
import numpy as np
import tensorflow as tf
from keras import layers

img_size = (160, 160)
num_classes = 3
batch_size = 32


def load_pair(image_path, mask_path):
    image = tf.io.read_file(image_path)
    image = tf.io.decode_jpeg(image, channels=3)
    image = tf.image.resize(image, img_size)
    image = tf.cast(image, "float32") / 255.0
    mask = tf.io.read_file(mask_path)
    mask = tf.io.decode_png(mask, channels=1)
    mask = tf.image.resize(mask, img_size, method="nearest")
    # Trimap labels are 1, 2, 3; the loss wants 0, 1, 2.
    return image, tf.cast(mask, "uint8") - 1


def get_dataset(image_paths, mask_paths):
    dataset = tf.data.Dataset.from_tensor_slices((image_paths, mask_paths))
    dataset = dataset.map(load_pair, num_parallel_calls=tf.data.AUTOTUNE)
    return dataset.batch(batch_size)


def get_model(img_size, num_classes):
    inputs = keras.Input(shape=(*img_size, 3))
    x = layers.Conv2D(32, 3, strides=2, padding="same")(inputs)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    previous_block_activation = x
    for filters in [64, 128, 256]:
        x = layers.Activation("relu")(x)
        x = layers.SeparableConv2D(filters, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)
        x = layers.SeparableConv2D(filters, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.MaxPooling2D(3, strides=2, padding="same")(x)
        residual = layers.Conv2D(filters, 1, strides=2, padding="same")(previous_block_activation)
        x = layers.add([x, residual])
        previous_block_activation = x
    for filters in [256, 128, 64, 32]:
        x = layers.Activation("relu")(x)
        x = layers.Conv2DTranspose(filters, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)
        x = layers.Conv2DTranspose(filters, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.UpSampling2D(2)(x)
        residual = layers.UpSampling2D(2)(previous_block_activation)
        residual = layers.Conv2D(filters, 1, padding="same")(residual)
        x = layers.add([x, residual])
        previous_block_activation = x
    outputs = layers.Conv2D(num_classes, 3, activation="softmax", padding="same")(x)
    return keras.Model(inputs, outputs)


input_paths = sorted(tf.io.gfile.glob("images/*.jpg"))
target_paths = sorted(tf.io.gfile.glob("annotations/trimaps/*.png"))
val_samples = 1000
train_dataset = get_dataset(input_paths[:-val_samples], target_paths[:-val_samples])
valid_dataset = get_dataset(input_paths[-val_samples:], target_paths[-val_samples:])

model = get_model(img_size, num_classes)
model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy")
model.fit(train_dataset, epochs=50, validation_data=valid_dataset, verbose=2)

val_preds = model.predict(valid_dataset)
mask = np.argmax(val_preds[0], axis=-1)
print(mask.shape)
