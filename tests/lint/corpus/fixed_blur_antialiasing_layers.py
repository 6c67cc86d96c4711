"""Anti-aliased downsampling: frozen box-blur filters with constant weights before each stride.

The blur layers are not trained (trainable=False), so their identical, constant weights are the
point, not a symmetry problem.
"""

from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0


def blur_pool(x):
    x = layers.DepthwiseConv2D(
        3,
        padding="same",
        depthwise_initializer=keras.initializers.Constant(1 / 9),
        use_bias=False,
        trainable=False,
    )(x)
    return layers.MaxPooling2D(pool_size=2)(x)


inputs = keras.Input((32, 32, 3))
luminance = layers.Conv2D(
    1,
    1,
    kernel_initializer=keras.initializers.Constant(1 / 3),
    use_bias=False,
    trainable=False,
    name="grey",
)(inputs)
x = layers.concatenate([inputs, luminance])
for filters in (32, 64, 128):
    x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    x = blur_pool(x)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=128, epochs=20, validation_data=(x_test, y_test))
