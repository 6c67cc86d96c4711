"""The image backbone shared by petfinder_train.py: a small conv net without a head."""

import keras
from keras import layers


def conv_block(x, filters):
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    return layers.MaxPooling2D()(x)


def make_backbone(image_size=160, width=32):
    inputs = keras.Input(shape=(image_size, image_size, 3))
    x = inputs
    for multiplier in (1, 2, 4, 8):
        x = conv_block(x, width * multiplier)
    outputs = layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, outputs, name="backbone")
