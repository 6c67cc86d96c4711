import numpy as np
from nets import small_cnn, tabular_mlp
from tensorflow import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train, x_test = x_train.astype("float32") / 255.0, x_test.astype("float32") / 255.0
y_train = keras.utils.to_categorical(y_train, 10)
y_test = keras.utils.to_categorical(y_test, 10)

cnn = small_cnn()
cnn.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
    loss="categorical_crossentropy",
    metrics=["accuracy"],
)
cnn.fit(x_train, y_train, batch_size=64, epochs=30, validation_data=(x_test, y_test))

rng = np.random.default_rng(0)
features = rng.normal(size=(1000, 8)).astype("float32")
targets = features @ rng.normal(size=(8,)) + 0.1 * rng.normal(size=1000)
mlp = tabular_mlp(8)
mlp.compile(optimizer="adam", loss="mse", metrics=["mae"])
mlp.fit(features, targets, epochs=20, validation_split=0.2)
