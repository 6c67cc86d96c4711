import tensorflow as tf
from tensorflow.keras import layers, models


def hidden(units, init="he_normal", name=None):
    return layers.Dense(units, activation="relu", kernel_initializer=init, name=name)


(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train = x_train.reshape(60000, 784).astype("float32") / 255.0
x_test = x_test.reshape(10000, 784).astype("float32") / 255.0

model = models.Sequential(
    [
        layers.InputLayer(input_shape=(784,)),
        hidden(300, name="fc1"),
        hidden(100, name="fc2"),
        layers.Dense(10, activation="softmax", name="out"),
    ]
)
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=20, batch_size=100, validation_data=(x_test, y_test))
